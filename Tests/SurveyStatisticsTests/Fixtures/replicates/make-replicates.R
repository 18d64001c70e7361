# make-replicates.R
#
# Golden reference values for Confiance's replicate-weight designs, computed with R's `survey`
# package (4.1) the way R users compute them:
#   - created replicates: as.svrepdesign() of a strata/PSU design (JK1, JKn, BRR, Fay; bootstrap
#     only through its weights, because it draws with R's random number generator);
#   - supplied replicates: svrepdesign(repweights = "<pattern>", combined.weights = TRUE, type = …)
#     for every type (BRR, Fay, JK1, JKn, bootstrap, successive-difference, ACS, other);
#   - on each: svymean, svytotal, svyratio, svyquantile (interval.type "mean" and "quantile") and
#     svyciprop (every method) on subset(design, domain), checked against svyby();
#   - R's Hadamard matrices (survey:::hadamard) for BRR.
#
# Run from this folder:   Rscript make-replicates.R       (writes reference.json next to it)
#
# The data go into the JSON file (SurveyStatisticsTests reads no CSV); every number is written with
# sprintf("%.17g") and every reference value is computed from the data as read back.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

seed <- 20261206
set.seed(seed)
invisible(Sys.setlocale("LC_COLLATE", "C"))
options(survey.lonely.psu = "fail", survey.replicates.mse = FALSE)

generated_by <- sprintf("%s; survey %s; jsonlite %s", R.version.string,
                        as.character(packageVersion("survey")),
                        as.character(packageVersion("jsonlite")))

json_numbers <- function(x) {
  x <- as.numeric(x)
  text <- ifelse(is.finite(x), sprintf("%.17g", x), "null")
  structure(paste0("[", paste(text, collapse = ","), "]"), class = "json")
}
json_number <- function(x) {
  x <- as.numeric(x)
  stopifnot(length(x) == 1)
  structure(if (is.finite(x)) sprintf("%.17g", x) else "null", class = "json")
}

# ------------------------------------------------------------------------------------------------
# 1. Data
# ------------------------------------------------------------------------------------------------

data(api)
districts <- sapply(split(apipop$dnum, apipop$stype), function(x) length(unique(x)))
plant_missing <- function(x, count) {
  x[sample(seq_along(x), count)] <- NA
  x
}
as_text <- function(x) ifelse(is.na(x), NA, as.character(x))

clus1 <- data.frame(
  stype = as_text(apiclus1$stype), dnum = as_text(apiclus1$dnum), pw = apiclus1$pw,
  fpc = apiclus1$fpc, api00 = apiclus1$api00, api99 = plant_missing(apiclus1$api99, 12),
  api.stu = apiclus1$api.stu, enroll = apiclus1$enroll,
  sch.wide = as_text(apiclus1$sch.wide), comp.imp = as_text(plant_missing(apiclus1$comp.imp, 15)),
  awards = as_text(apiclus1$awards), stringsAsFactors = FALSE)
strat <- data.frame(
  stype = as_text(apistrat$stype), dnum = as_text(apistrat$dnum), pw = apistrat$pw,
  fpc = apistrat$fpc, districts = unname(districts[as.character(apistrat$stype)]),
  api00 = apistrat$api00, api99 = plant_missing(apistrat$api99, 12),
  api.stu = apistrat$api.stu, enroll = apistrat$enroll,
  sch.wide = as_text(apistrat$sch.wide), comp.imp = as_text(plant_missing(apistrat$comp.imp, 15)),
  awards = as_text(apistrat$awards), stringsAsFactors = FALSE)
# Pairs: apistrat's schools in 20 strata ("pair") of two PSUs of five schools each, for BRR and Fay.
ordered <- strat[order(strat$stype, strat$dnum, strat$api00), ]
ordered$pair <- sprintf("p%02d", (seq_len(200) - 1) %/% 10 + 1)
ordered$psu <- paste0(ordered$pair, ifelse(((seq_len(200) - 1) %% 10) < 5, "a", "b"))
pairs <- ordered[sample(200), c("pair", "psu", "pw", "stype", "api00", "api99", "api.stu", "enroll",
                                "sch.wide", "comp.imp", "awards")]
rownames(pairs) <- NULL
# Quads: the pairs with strata p19 and p20 merged into one stratum of four PSUs (BRR splits it).
quads <- pairs
quads$pair[quads$pair == "p20"] <- "p19"

categorical_columns <- c("stype", "dnum", "sch.wide", "comp.imp", "awards", "pair", "psu")
as_doubles <- function(frame) {
  for (name in setdiff(names(frame), categorical_columns)) frame[[name]] <- as.numeric(frame[[name]])
  frame
}
clus1 <- as_doubles(clus1)
strat <- as_doubles(strat)
pairs <- as_doubles(pairs)
quads <- as_doubles(quads)

# ------------------------------------------------------------------------------------------------
# 2. Replicate weights that go into the data as supplied columns
# ------------------------------------------------------------------------------------------------

analysis_weights <- function(design) unname(weights(design, "analysis"))
add_columns <- function(frame, prefix, matrix) {
  for (j in seq_len(ncol(matrix))) frame[[paste0(prefix, j)]] <- as.numeric(matrix[, j])
  frame
}

dclus1_base <- svydesign(ids = ~dnum, weights = ~pw, fpc = ~fpc, data = clus1)
dstrat_base <- svydesign(ids = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = strat)
dpairs_base <- svydesign(ids = ~psu, strata = ~pair, weights = ~pw, data = pairs, nest = TRUE)

jk1_weights <- analysis_weights(as.svrepdesign(dclus1_base))
brr_weights <- analysis_weights(as.svrepdesign(dpairs_base, type = "BRR"))
fay_weights <- analysis_weights(as.svrepdesign(dpairs_base, type = "Fay", fay.rho = 0.3))
jkn_created <- as.svrepdesign(dpairs_base, type = "JKn")
jkn_weights <- analysis_weights(jkn_created)
jkn_rscales <- jkn_created$rscales
set.seed(seed + 1)
boot_created <- as.svrepdesign(dstrat_base, type = "bootstrap", replicates = 40)
boot_weights <- analysis_weights(boot_created)
boot_scale <- boot_created$scale
# Successive-difference replicate factors (Fay & Train 1995): 1 + 2^(-3/2) (h[a, r] - h[b, r]) from
# the rows a, b of a ±1 Hadamard matrix of order 16, a and b from successive pairs of a sort order.
h16 <- 2 * survey:::hadamard(15) - 1
stopifnot(nrow(h16) == 16)
sort_order <- order(clus1$dnum, clus1$api00)
rank <- integer(nrow(clus1)); rank[sort_order] <- seq_len(nrow(clus1))
row_a <- ((rank - 1) %% 15) + 2
row_b <- (rank %% 15) + 2
sdr_factors <- 1 + 2^(-1.5) * (h16[row_a, ] - h16[row_b, ])
sdr_weights <- sdr_factors * clus1$pw

clus1 <- add_columns(clus1, "jk1_", jk1_weights)
clus1 <- add_columns(clus1, "sdr_", sdr_weights)
pairs <- add_columns(pairs, "brr_", brr_weights)
pairs <- add_columns(pairs, "fay_", fay_weights)
pairs <- add_columns(pairs, "jkn_", jkn_weights)
strat <- add_columns(strat, "boot_", boot_weights)

dataset_json <- function(frame) {
  columns <- lapply(names(frame), function(name) {
    if (name %in% categorical_columns) list(type = "categorical", values = frame[[name]])
    else list(type = "numeric", values = json_numbers(frame[[name]]))
  })
  names(columns) <- names(frame)
  list(rows = nrow(frame), column_order = names(frame), columns = columns)
}
originals <- list(apiclus1 = clus1, apistrat = strat, pairs = pairs, quads = quads)
datasets_json <- lapply(originals, dataset_json)
read_back <- function(json_text) {
  parsed <- fromJSON(json_text, simplifyVector = TRUE)
  frame <- as.data.frame(lapply(parsed$column_order, function(name) {
    column <- parsed$columns[[name]]
    if (column$type == "categorical") as.character(column$values) else as.numeric(column$values)
  }), stringsAsFactors = FALSE)
  names(frame) <- parsed$column_order
  frame
}
datasets <- lapply(datasets_json, function(d) read_back(toJSON(d, auto_unbox = TRUE, json_verbatim = TRUE, na = "null")))
for (name in names(datasets)) stopifnot(identical(datasets[[name]], originals[[name]]))

# ------------------------------------------------------------------------------------------------
# 3. Designs
# ------------------------------------------------------------------------------------------------

created <- function(dataset, method, weights = NA, strata = NA, clusters = NA, fpc = NA,
                    fay_rho = NA, mse = FALSE, lonely_psu = "fail") {
  list(dataset = dataset, weights = weights, strata = strata, clusters = clusters, fpc = fpc,
       lonely_psu = lonely_psu,
       replicates = list(source = "created", method = method, fay_rho = fay_rho, mse = mse))
}
supplied <- function(dataset, method, pattern, weights = "pw", fay_rho = NA, scale = NA,
                     rscales = NULL, mse = FALSE) {
  list(dataset = dataset, weights = weights, strata = NA, clusters = NA, fpc = NA, lonely_psu = "fail",
       replicates = list(source = "supplied", method = method, pattern = pattern, fay_rho = fay_rho,
                         scale = scale, rscales = rscales, mse = mse))
}
r_type <- c(brr = "BRR", fay = "Fay", jk1 = "JK1", jkn = "JKn", bootstrap = "bootstrap",
            sdr = "successive-difference", acs = "ACS", other = "other")

designs <- list(
  `rclus1` = created("apiclus1", "jk1", weights = "pw", clusters = "dnum", fpc = "fpc"),
  `rclus1-mse` = created("apiclus1", "jk1", weights = "pw", clusters = "dnum", fpc = "fpc", mse = TRUE),
  `rstrat-jkn` = created("apistrat", "jkn", weights = "pw", strata = "stype", fpc = "fpc"),
  `rstratclus-jkn` = created("apistrat", "jkn", weights = "pw", strata = "stype", clusters = "dnum",
                             fpc = "districts"),
  `rpairs-brr` = created("pairs", "brr", weights = "pw", strata = "pair", clusters = "psu"),
  `rpairs-fay` = created("pairs", "fay", weights = "pw", strata = "pair", clusters = "psu", fay_rho = 0.3),
  `rpairs-jkn-mse` = created("pairs", "jkn", weights = "pw", strata = "pair", clusters = "psu", mse = TRUE),
  `rquads-brr` = created("quads", "brr", weights = "pw", strata = "pair", clusters = "psu"),
  `rlonely-jkn-remove` = created("apiclus1", "jkn", weights = "pw", strata = "dnum", lonely_psu = "remove"),
  `rlonely-jkn-adjust` = created("apiclus1", "jkn", weights = "pw", strata = "dnum", lonely_psu = "adjust"),
  `rlonely-jkn-average` = created("apiclus1", "jkn", weights = "pw", strata = "dnum", lonely_psu = "average"),
  `sup-brr` = supplied("pairs", "brr", "^brr_"),
  `sup-fay` = supplied("pairs", "fay", "fay_[0-9]+", fay_rho = 0.3),
  `sup-jk1` = supplied("apiclus1", "jk1", "^jk1_"),
  `sup-jk1-scale-mse` = supplied("apiclus1", "jk1", "^jk1_", scale = (14 / 15) * (1 - 15 / 757), mse = TRUE),
  `sup-jkn` = supplied("pairs", "jkn", "^jkn_", rscales = jkn_rscales),
  `sup-boot` = supplied("apistrat", "bootstrap", "^boot_"),
  `sup-boot-scale` = supplied("apistrat", "bootstrap", "^boot_", scale = boot_scale),
  `sup-sdr` = supplied("apiclus1", "sdr", "^sdr_"),
  `sup-acs-mse` = supplied("apiclus1", "acs", "^sdr_", mse = TRUE),
  `sup-other` = supplied("apiclus1", "other", "^jk1_", scale = 0.9, rscales = seq(0.5, 1.2, length.out = 15))
)

make_base <- function(spec, data) {
  ids <- if (is.na(spec$clusters)) ~1 else as.formula(paste0("~`", spec$clusters, "`"))
  args <- list(ids = ids, data = data, nest = TRUE)
  if (!is.na(spec$weights)) args$weights <- as.formula(paste0("~`", spec$weights, "`"))
  if (!is.na(spec$strata)) args$strata <- as.formula(paste0("~`", spec$strata, "`"))
  if (!is.na(spec$fpc)) args$fpc <- as.formula(paste0("~`", spec$fpc, "`"))
  do.call(svydesign, args)
}
make_design <- function(spec) {
  data <- datasets[[spec$dataset]]
  rep <- spec$replicates
  if (rep$source == "created") {
    options(survey.lonely.psu = spec$lonely_psu)
    base <- make_base(spec, data)
    design <- switch(rep$method,
      jk1 = as.svrepdesign(base, type = "JK1", mse = rep$mse),
      jkn = as.svrepdesign(base, type = "JKn", mse = rep$mse),
      brr = as.svrepdesign(base, type = "BRR", mse = rep$mse),
      fay = as.svrepdesign(base, type = "Fay", fay.rho = rep$fay_rho, mse = rep$mse))
    options(survey.lonely.psu = "fail")
    design
  } else {
    args <- list(data = data, repweights = rep$pattern, weights = as.formula(paste0("~", spec$weights)),
                 type = r_type[[rep$method]], combined.weights = TRUE, mse = rep$mse)
    if (!is.na(rep$fay_rho)) args$rho <- rep$fay_rho
    if (!is.na(rep$scale)) args$scale <- rep$scale
    if (!is.null(rep$rscales)) args$rscales <- rep$rscales
    suppressWarnings(do.call(svrepdesign, args))
  }
}
built <- lapply(designs, make_design)

# The supplied designs equal the created ones they were taken from.
same_estimates <- function(a, b) {
  m1 <- svymean(~api00 + enroll, a); m2 <- svymean(~api00 + enroll, b)
  max(abs(coef(m1) - coef(m2)) / abs(coef(m1)), abs(SE(m1) - SE(m2)) / SE(m1))
}
stopifnot(same_estimates(built$`rclus1-mse`, built$`sup-jk1-scale-mse`) < 1e-12,
          same_estimates(built$`rpairs-brr`, built$`sup-brr`) < 1e-12,
          same_estimates(built$`rpairs-fay`, built$`sup-fay`) < 1e-12,
          same_estimates(suppressWarnings(as.svrepdesign(make_base(designs$`rpairs-jkn-mse`, datasets$pairs), type = "JKn")),
                         built$`sup-jkn`) < 1e-12,
          same_estimates(boot_created, built$`sup-boot-scale`) < 1e-12)

design_summary <- function(design) {
  A <- analysis_weights(design)
  list(type = design$type, count = ncol(A), scale = json_number(design$scale),
       rscales = json_numbers(design$rscales), mse = isTRUE(design$mse), degf = degf(design),
       column_sums = json_numbers(colSums(A)),
       row_weighted_sums = json_numbers(colSums(A * seq_len(nrow(A)))))
}

# ------------------------------------------------------------------------------------------------
# 4. Means, totals, ratios and quantiles
# ------------------------------------------------------------------------------------------------

term <- function(name) as.formula(paste0("~`", name, "`"))
domains_of <- function(data, by) {
  if (length(by) == 0) return(list(list(levels = setNames(list(), character(0)), rows = rep(TRUE, nrow(data)))))
  present <- Reduce(`&`, lapply(by, function(b) !is.na(data[[b]])))
  keys <- unique(data[present, by, drop = FALSE])
  keys <- keys[do.call(order, unname(as.list(keys))), , drop = FALSE]
  lapply(seq_len(nrow(keys)), function(i) {
    rows <- present & Reduce(`&`, lapply(by, function(b) data[[b]] == keys[[b]][i]))
    list(levels = lapply(setNames(as.list(by), by), function(b) keys[[b]][i]), rows = rows & !is.na(rows))
  })
}
row_json <- function(levels, estimate, se, lower, upper, df, n, deff, probability = NULL) {
  r <- list(domain = levels, estimate = json_number(estimate), standard_error = json_number(se),
            ci_lower = json_number(lower), ci_upper = json_number(upper), degrees_of_freedom = df,
            respondents = n, design_effect = if (is.null(deff)) NULL else json_number(deff))
  if (!is.null(probability)) r$probability <- json_number(probability)
  r
}

svyby_check <- list()
estimate_case <- function(case) {
  design <- built[[case$design]]
  data <- design$variables
  level <- case$level
  alpha <- 1 - level
  rows <- list()
  for (domain in domains_of(data, case$by)) {
    sub <- design[domain$rows, ]
    df <- degf(sub)
    if (case$statistic %in% c("mean", "total")) {
      x <- sub$variables[[case$variable]]
      est <- if (case$statistic == "mean") svymean(term(case$variable), sub, na.rm = TRUE, deff = TRUE)
             else svytotal(term(case$variable), sub, na.rm = TRUE, deff = TRUE)
      ci <- confint(est, level = level, df = df)
      rows[[length(rows) + 1]] <- row_json(domain$levels, coef(est), SE(est), ci[1], ci[2], df,
                                           sum(!is.na(x)), deff(est))
    } else if (case$statistic == "ratio") {
      y <- sub$variables[[case$numerator]]; x <- sub$variables[[case$denominator]]
      est <- svyratio(term(case$numerator), term(case$denominator), sub, na.rm = TRUE)
      ci <- confint(est, level = level, df = df)
      # R 4.1's svyratio(deff = TRUE) fails on replicate designs (rval[i, j] on a list); the design
      # effect is what R 4.5 computes: that of the total of y - R x over the rows with both values.
      both <- !is.na(y) & !is.na(x)
      residual <- (y - coef(est)[[1]] * x)[both]
      d_both <- sub[both, ]
      deff_value <- deff(svytotal(residual, d_both, deff = TRUE))
      rows[[length(rows) + 1]] <- row_json(domain$levels, coef(est), SE(est), ci[1], ci[2], df,
                                           sum(both), deff_value)
    } else {
      x <- sub$variables[[case$variable]]
      est <- svyquantile(term(case$variable), sub, case$probabilities, alpha = alpha, ci = TRUE,
                         na.rm = TRUE, interval.type = case$interval)
      ci <- confint(est)
      quantile_df <- degf(design[domain$rows & !is.na(data[[case$variable]]), ])
      for (k in seq_along(case$probabilities)) {
        rows[[length(rows) + 1]] <- row_json(domain$levels, coef(est)[k], SE(est)[k], ci[k, 1], ci[k, 2],
                                             quantile_df, sum(!is.na(x)), NULL,
                                             probability = case$probabilities[k])
      }
    }
  }
  if (length(case$by) && case$statistic != "quantile") {
    by <- as.formula(paste0("~", paste0("`", case$by, "`", collapse = "+")))
    by_result <- switch(case$statistic,
      mean = svyby(term(case$variable), by, design, svymean, na.rm = TRUE),
      total = svyby(term(case$variable), by, design, svytotal, na.rm = TRUE),
      ratio = svyby(term(case$numerator), by, design, svyratio, denominator = term(case$denominator),
                    na.rm = TRUE))
    value <- function(r, field) as.numeric(unclass(r[[field]]))
    ours <- sapply(rows, value, field = "estimate")
    ours_se <- sapply(rows, value, field = "standard_error")
    difference <- max(abs(ours - as.vector(coef(by_result))) / abs(ours),
                      abs(ours_se - as.vector(as.matrix(SE(by_result)))) / ours_se)
    svyby_check[[paste(case$design, case$name)]] <<- difference
    stopifnot(difference < 1e-12)
  }
  list(name = case$name, design = case$design, statistic = case$statistic,
       variable = case$variable, numerator = case$numerator, denominator = case$denominator,
       by = I(case$by), probabilities = if (is.null(case$probabilities)) NULL else json_numbers(case$probabilities),
       interval = case$interval, level = level, estimates = rows)
}

case <- function(name, design, statistic, variable = NULL, by = character(0), numerator = NULL,
                 denominator = NULL, probabilities = NULL, level = 0.95, interval = "mean") {
  list(name = name, design = design, statistic = statistic, variable = variable, by = by,
       numerator = numerator, denominator = denominator, probabilities = probabilities, level = level,
       interval = if (statistic == "quantile") interval else NULL)
}
quartiles <- c(0.25, 0.5, 0.75)
cases <- list()
add <- function(...) cases[[length(cases) + 1]] <<- case(...)
for (d in names(designs)) {
  add("mean api00", d, "mean", "api00")
  add("mean api99 by stype", d, "mean", "api99", by = "stype")
  add("total enroll", d, "total", "enroll")
  add("total api99 by sch.wide", d, "total", "api99", by = "sch.wide")
  add("ratio api.stu/enroll", d, "ratio", numerator = "api.stu", denominator = "enroll")
  add("ratio api00/api99 by stype", d, "ratio", numerator = "api00", denominator = "api99", by = "stype")
  add("quantile api00", d, "quantile", "api00", probabilities = c(0.1, quartiles, 0.9))
  add("quantile api99 by stype", d, "quantile", "api99", by = "stype", probabilities = quartiles)
  add("quantile api00 replicates", d, "quantile", "api00", probabilities = quartiles, interval = "quantile")
  add("quantile api99 replicates by sch.wide", d, "quantile", "api99", by = "sch.wide",
      probabilities = c(0.5, 0.9), interval = "quantile")
}
add("mean api00 level 0.9", "sup-sdr", "mean", "api00", by = "sch.wide", level = 0.9)
add("quantile api00 level 0.9", "rclus1", "quantile", "api00", by = "sch.wide", probabilities = c(0.2, 0.8),
    level = 0.9)

results <- suppressWarnings(lapply(cases, estimate_case))

# ------------------------------------------------------------------------------------------------
# 5. Proportions: svyciprop on replicate designs, every method
# ------------------------------------------------------------------------------------------------

# R 4.1's residuals.svrepglm divides by pweights/sum(pweights) instead of pweights/mean(pweights), so
# its quasibinomial dispersion on a replicate design is n times too large and the "likelihood"
# interval comes out NA. R 4.5 corrected it; the reference uses the corrected residuals.
residuals_45 <- function(object, type = c("deviance", "pearson", "working", "response", "partial"), ...) {
  type <- match.arg(type)
  if (type == "pearson") {
    y <- object$y
    mu <- object$fitted.values
    wts <- object$prior.weights
    r <- (y - mu) * sqrt(wts) / (sqrt(object$family$variance(mu)) *
           sqrt(object$survey.design$pweights / mean(object$survey.design$pweights)))
    if (is.null(object$na.action)) r else naresid(object$na.action, r)
  } else NextMethod()
}
assignInNamespace("residuals.svrepglm", residuals_45, "survey")

wilson_interval <- function(p, variance, df, level) {
  n_eff <- p * (1 - p) / variance
  t <- qt(1 - (1 - level) / 2, df)
  denominator <- 1 + t^2 / n_eff
  root <- sqrt(4 * n_eff * p * (1 - p) + t^2)
  c(p + t^2 / (2 * n_eff) - t / (2 * n_eff) * root,
    p + t^2 / (2 * n_eff) + t / (2 * n_eff) * root) / denominator
}

# The exact root of the profile-likelihood interval that R's "likelihood" method approximates with a
# spline, on a replicate design (with R 4.5's Pearson residuals):
#   scaled_i   = w_i / mean(w over the rows of the domain design)          (svyglm's prior weights)
#   D(b)       = -2 sum_{x present} scaled_i [y_i log expit(b) + (1 - y_i) log(1 - expit(b))]
#   dispersion = summary(fit)$dispersion = sum(w r^2) / sum(w) over the rows with x present
#   lambda     = vcov(fit) * sum(scaled) * mu (1 - mu), vcov(fit) the replicate variance of the
#                coefficient and mu = expit(coef(fit))  (R: cov.unscaled / naive.cov)
likelihood_profile_root <- function(fit, d_dom, values, literal, p, df, level) {
  if (!(p > 0 && p < 1)) return(NA)
  present <- !is.na(values)
  all_weights <- weights(d_dom, "sampling")
  scaled <- (all_weights / mean(all_weights))[present]
  y <- as.numeric(values[present] == literal)
  mu <- as.numeric(fit$fitted.values[1])
  dispersion <- summary(fit)$dispersion
  lambda <- vcov(fit)[1, 1] * sum(scaled) * mu * (1 - mu)
  cutoff <- qt(1 - (1 - level) / 2, df) * sqrt(lambda)
  b0 <- qlogis(p)
  deviance <- function(b) {
    -2 * sum(scaled * (y * plogis(b, log.p = TRUE) + (1 - y) * plogis(b, lower.tail = FALSE, log.p = TRUE)))
  }
  d0 <- deviance(b0)
  excess <- function(b) sqrt(max(deviance(b) - d0, 0) / dispersion) - cutoff
  bound <- function(direction) {
    step <- 0.5
    while (excess(b0 + direction * step) < 0) step <- 2 * step
    uniroot(excess, sort(c(b0, b0 + direction * step)), tol = 1e-14, maxiter = 1000)$root
  }
  list(bounds = plogis(c(bound(-1), bound(1))),
       lambda_gap = abs(fit$cov.unscaled[1, 1] / fit$naive.cov[1, 1] / lambda - 1))
}

interval_methods <- c("logit", "likelihood", "asin", "beta", "mean", "xlogit")
checks <- new.env()
checks$likelihood_spline <- 0
checks$lambda <- 0

estimate_proportions <- function(pcase) {
  design <- built[[pcase$design]]
  data <- design$variables
  variable <- pcase$variable
  categories <- sort(unique(na.omit(data[[variable]])))
  rows <- list()
  for (domain in domains_of(data, pcase$by)) {
    d_dom <- design[domain$rows, ]
    values <- d_dom$variables[[variable]]
    present <- !is.na(values)
    df <- degf(d_dom)
    factor_fit <- svymean(as.formula(sprintf("~factor(`%s`)", variable)), d_dom, na.rm = TRUE, deff = TRUE)
    for (category in categories) {
      coefficient <- paste0(sprintf("factor(`%s`)", variable), category)
      if (!(coefficient %in% names(coef(factor_fit)))) coefficient <- paste0(sprintf("factor(%s)", variable), category)
      if (coefficient %in% names(coef(factor_fit))) {
        p <- coef(factor_fit)[[coefficient]]
        variance <- vcov(factor_fit)[coefficient, coefficient]
        design_effect <- deff(factor_fit)[[coefficient]]
      } else {
        fallback <- svymean(eval(bquote(~as.numeric(.(as.name(variable)) == .(category)))), d_dom,
                            na.rm = TRUE, deff = TRUE)
        p <- coef(fallback)[[1]]
        variance <- vcov(fallback)[1, 1]
        design_effect <- deff(fallback)[[1]]
      }
      degenerate <- p == 0 || p == 1
      formula <- eval(bquote(~I(.(as.name(variable)) == .(category))))
      intervals <- list()
      for (level in pcase$levels) {
        bounds <- list()
        for (method in interval_methods) {
          result <- tryCatch(suppressWarnings(svyciprop(formula, d_dom, method = method, level = level, na.rm = TRUE)),
                             error = function(e) NULL)
          ci <- if (is.null(result)) c(NA, NA) else as.numeric(attr(result, "ci"))
          bounds[[method]] <- if (all(is.finite(ci)) && !(degenerate && method %in% c("logit", "likelihood"))) json_numbers(ci) else NA
          if (method == "likelihood") spline <- ci
        }
        wilson <- wilson_interval(p, variance, df, level)
        bounds$wilson <- if (all(is.finite(wilson))) json_numbers(wilson) else NA
        # the exact profile root (the reference), and R 4.5's own spline interpolation (a check)
        if (!degenerate) {
          fit <- suppressWarnings(svyglm(eval(bquote(I(.(as.name(variable)) == .(category)) ~ 1)), d_dom,
                                         family = quasibinomial))
          profile <- likelihood_profile_root(fit, d_dom, values, category, p, df, level)
          if (all(is.finite(spline))) {
            checks$likelihood_spline <- max(checks$likelihood_spline, max(abs(spline - profile$bounds) / profile$bounds))
          }
          checks$lambda <- max(checks$lambda, profile$lambda_gap)
          bounds$likelihood <- json_numbers(profile$bounds)
        } else {
          bounds$likelihood <- NA
        }
        intervals[[format(level)]] <- bounds
      }
      rows[[length(rows) + 1]] <- list(
        category = category, domain = domain$levels, proportion = json_number(p),
        standard_error = json_number(sqrt(variance)), design_effect = json_number(design_effect),
        degrees_of_freedom = df, respondents = sum(values == category, na.rm = TRUE),
        domain_respondents = sum(present), design_rows = nrow(d_dom), intervals = intervals)
    }
  }
  list(design = pcase$design, variable = variable, by = I(pcase$by), levels = json_numbers(pcase$levels),
       estimates = rows)
}
proportion_cases <- list()
for (d in names(designs)) {
  proportion_cases[[length(proportion_cases) + 1]] <- list(design = d, variable = "sch.wide", by = character(0), levels = c(0.95, 0.9))
  proportion_cases[[length(proportion_cases) + 1]] <- list(design = d, variable = "comp.imp", by = "stype", levels = 0.95)
}
proportion_cases[[length(proportion_cases) + 1]] <- list(design = "rclus1", variable = "stype", by = "awards", levels = 0.95)
proportion_results <- lapply(proportion_cases, estimate_proportions)

# svyby(~factor(x), ~by, design, svymean, na.rm = TRUE) equals the subsets
by_fit <- svyby(~factor(comp.imp), ~stype, built$`sup-sdr`, svymean, na.rm = TRUE)
sub_fit <- svymean(~factor(comp.imp), subset(built$`sup-sdr`, stype == "H"), na.rm = TRUE)
stopifnot(max(abs(SE(sub_fit) - as.numeric(SE(by_fit)[by_fit$stype == "H", ]))) < 1e-14)

# ------------------------------------------------------------------------------------------------
# 5b. Cross-tabs: svychisq on replicate designs (R's svychisq.svyrep.design), cell and row shares
# ------------------------------------------------------------------------------------------------

crosstab_case <- function(design_name, row, column, by = character(0)) {
  design <- built[[design_name]]
  data <- design$variables
  formula <- as.formula(sprintf("~`%s` + `%s`", row, column))
  tables <- lapply(domains_of(data, by), function(domain) {
    d <- design[domain$rows, ]
    test <- tryCatch(svychisq(formula, d), error = function(e) NULL)
    both <- !is.na(d$variables[[row]]) & !is.na(d$variables[[column]])
    row_values <- d$variables[[row]]
    column_values <- d$variables[[column]]
    row_categories <- sort(unique(row_values[both]))
    column_categories <- sort(unique(column_values[both]))
    share <- function(x, design) {
      fit <- svymean(x, design, na.rm = TRUE)
      list(share = json_number(coef(fit)[[1]]), standard_error = json_number(SE(fit)[[1]]))
    }
    cells <- list()
    row_shares <- list()
    for (r in row_categories) {
      in_row <- both & row_values == r
      for (cc in column_categories) {
        # the share of the cell among the respondents with both values (svymean(~interaction(…)))
        cell <- share(ifelse(both, as.numeric(row_values == r & column_values == cc), NA), d)
        cells[[length(cells) + 1]] <- c(list(row = r, column = cc), cell)
        # the share of the column category in the row category (svyby(~column, ~row, …))
        in_column <- share(as.numeric(column_values[in_row] == cc), d[in_row, ])
        row_shares[[length(row_shares) + 1]] <- c(list(row = r, column = cc), in_column)
      }
    }
    list(domain = domain$levels, degrees_of_freedom = degf(d),
         test = if (is.null(test)) NULL else list(
           statistic = json_number(test$statistic), ndf = json_number(test$parameter[["ndf"]]),
           ddf = json_number(test$parameter[["ddf"]]), p_value = json_number(test$p.value)),
         cells = cells, row_shares = row_shares)
  })
  list(design = design_name, row = row, column = column, by = I(by), tables = tables)
}
crosstab_results <- list(
  crosstab_case("rclus1", "sch.wide", "stype"),
  crosstab_case("rclus1-mse", "comp.imp", "stype"),
  crosstab_case("sup-brr", "sch.wide", "stype"),
  crosstab_case("sup-brr", "comp.imp", "awards", by = "stype"),
  crosstab_case("rstrat-jkn", "sch.wide", "comp.imp", by = "stype"),
  crosstab_case("rpairs-fay", "awards", "stype"),
  crosstab_case("sup-sdr", "sch.wide", "stype", by = "awards"),
  crosstab_case("sup-boot", "comp.imp", "stype"),
  crosstab_case("rlonely-jkn-adjust", "sch.wide", "stype"))

# ------------------------------------------------------------------------------------------------
# 6. Published values, Hadamard matrices
# ------------------------------------------------------------------------------------------------

rclus1 <- built$rclus1
m <- svymean(~api00, rclus1)
stopifnot(round(coef(m), 2) == 644.17, round(SE(m), 3) == 26.329)
m <- svymean(~api00, built$`rclus1-mse`)
stopifnot(round(SE(m), 3) == 26.335)
t <- svytotal(~enroll, rclus1)
stopifnot(round(coef(t)) == 3404940, round(SE(t)) == 932235)
p <- svyciprop(~I(sch.wide == "Yes"), rclus1)


# ------------------------------------------------------------------------------------------------
# 5c. The privacy paradox on replicate designs: concern = sch.wide "Yes", acting = comp.imp "Yes"
#     or a school of a few districts (pairs), so that all four cells are filled (awards, comp.imp and
#     sch.wide are nested); d = subset(design, complete), each domain subset(d, stype == level)
# ------------------------------------------------------------------------------------------------

paradox_methods <- c("logit", "mean", "beta")
paradox_proportion <- function(d_p, y) {
  fit <- svymean(as.formula(paste0("~", y)), d_p)
  intervals <- list()
  for (method in paradox_methods) {
    ci <- as.numeric(attr(svyciprop(as.formula(sprintf("~I(%s == 1)", y)), d_p, method = method), "ci"))
    intervals[[method]] <- json_numbers(ci)
  }
  list(estimate = json_number(coef(fit)[[1]]), standard_error = json_number(SE(fit)[[1]]),
       degrees_of_freedom = degf(d_p), intervals = intervals)
}
paradox_t <- function(stat, df) {
  estimate <- coef(stat)[[1]]; se <- SE(stat)[[1]]
  list(estimate = json_number(estimate), standard_error = json_number(se), degrees_of_freedom = df,
       t_statistic = json_number(estimate / se), p_value = json_number(2 * pt(-abs(estimate / se), df)),
       interval = json_numbers(confint(stat, level = 0.95, df = df)))
}
paradox_domain <- function(d_dom) {
  df <- degf(d_dom)
  gap <- svycontrast(svymean(~C + A, d_dom), c(1, -1))
  ratio <- svyratio(~P10, ~C, d_dom)
  inaction <- paradox_proportion(subset(d_dom, C == 1), "N")
  stopifnot(abs(coef(ratio)[[1]] / as.numeric(inaction$estimate) - 1) < 1e-12,
            abs(sqrt(vcov(ratio)[1, 1]) / as.numeric(inaction$standard_error) - 1) < 1e-10)
  cells <- svymean(~c11 + c10 + c01 + c00, d_dom)
  phi <- svycontrast(cells, list(phi = phi_expression))
  log_odds <- svycontrast(cells, list(log_odds = quote(log(c11 * c00 / (c10 * c01)))))
  odds <- svycontrast(cells, list(odds = quote(c11 * c00 / (c10 * c01))))
  list(respondents = nrow(d_dom), degrees_of_freedom = df,
       concerned = paradox_proportion(d_dom, "C"), acting = paradox_proportion(d_dom, "A"),
       paradox_share = paradox_proportion(d_dom, "P10"), inaction_given_concern = inaction,
       gap = paradox_t(gap, df), phi = paradox_t(phi, df),
       odds_ratio = list(estimate = json_number(coef(odds)), standard_error = json_number(SE(odds)),
                         log_standard_error = json_number(SE(log_odds)), degrees_of_freedom = df,
                         interval = json_numbers(exp(confint(log_odds, level = 0.95, df = df)))))
}
phi_expression <- quote((c11 * c00 - c10 * c01) / sqrt((c11 + c10) * (c01 + c00) * (c11 + c01) * (c10 + c00)))
paradox_case <- function(design_name, by, other, other_values) {
  design <- built[[design_name]]
  v <- design$variables
  C <- as.numeric(v$sch.wide == "Yes")
  A <- as.numeric(v$comp.imp == "Yes" | v[[other]] %in% other_values)
  A[is.na(v$comp.imp) | is.na(v[[other]])] <- NA
  design <- update(design, C = C, A = A, P10 = C * (1 - A), N = 1 - A, D = C - A,
                   c11 = C * A, c10 = C * (1 - A), c01 = (1 - C) * A, c00 = (1 - C) * (1 - A))
  d <- subset(design, !is.na(C) & !is.na(A))
  df <- degf(d)
  domains <- list()
  comparisons <- list()
  if (length(by) > 0) {
    levels <- sort(unique(d$variables[[by]]))
    for (level in levels) {
      domain <- paradox_domain(d[d$variables[[by]] == level, ])
      domain$domain <- setNames(list(level), by)
      domains[[length(domains) + 1]] <- domain
    }
    b <- svyby(~D + P10, as.formula(paste0("~", by)), d, svymean, covmat = TRUE)
    rows <- list()
    for (measure in c("D", "P10")) {
      for (i in seq_along(levels)[-length(levels)]) {
        for (j in (i + 1):length(levels)) {
          contrast <- setNames(rep(0, length(coef(b))), names(coef(b)))
          contrast[paste0(levels[i], ":", measure)] <- 1
          contrast[paste0(levels[j], ":", measure)] <- -1
          result <- paradox_t(svycontrast(b, contrast), df)
          result$measure <- if (measure == "D") "gap" else "paradox_share"
          result$first <- levels[i]; result$second <- levels[j]
          rows[[length(rows) + 1]] <- result
        }
      }
    }
    holm <- p.adjust(sapply(rows, function(r) as.numeric(r$p_value)), "holm")
    for (k in seq_along(rows)) rows[[k]]$holm_adjusted_p_value <- json_number(holm[k])
    comparisons <- rows
  }
  list(design = design_name, by = I(by),
       concern = list(variable = "sch.wide", values = I("Yes")),
       actions = list(list(variable = "comp.imp", values = I("Yes")), list(variable = other, values = I(other_values))),
       overall = paradox_domain(d), domains = domains, comparisons = comparisons)
}
districts_acting <- c("135", "197", "716")
pairs_acting <- c("p01", "p04", "p07", "p10", "p13", "p16", "p19")
paradox_results <- list(paradox_case("rclus1", "stype", "dnum", districts_acting),
                        paradox_case("sup-jk1-scale-mse", "stype", "dnum", districts_acting),
                        paradox_case("rpairs-jkn-mse", "stype", "pair", pairs_acting),
                        paradox_case("rpairs-fay", "stype", "pair", pairs_acting),
                        paradox_case("sup-boot", character(0), "dnum", c("401", "632", "153", "259")))

hadamard_sizes <- c(1:40, 43, 47, 50, 55, 59, 63, 64, 71, 80, 95, 100, 127)
hadamard_json <- lapply(hadamard_sizes, function(n) {
  H <- survey:::hadamard(n)
  list(strata = n, rows = apply(H, 1, paste, collapse = ""))
})

design_json <- lapply(names(designs), function(name) {
  spec <- designs[[name]]
  rep <- spec$replicates
  list(dataset = spec$dataset, weights = spec$weights, strata = spec$strata, clusters = spec$clusters,
       fpc = spec$fpc, lonely_psu = spec$lonely_psu,
       replicates = list(source = rep$source, method = rep$method, pattern = rep$pattern,
                         fay_rho = json_number(rep$fay_rho), scale = json_number(if (is.null(rep$scale)) NA else rep$scale),
                         rscales = if (is.null(rep$rscales)) NULL else json_numbers(rep$rscales), mse = rep$mse),
       r = design_summary(built[[name]]))
})
names(design_json) <- names(designs)

output <- list(generated_by = generated_by, seed = seed, bootstrap_seed = seed + 1,
               datasets = datasets_json, designs = design_json, hadamard = hadamard_json,
               cases = results, proportions = proportion_results, crosstabs = crosstab_results,
               paradox = paradox_results)
text <- toJSON(output, auto_unbox = TRUE, json_verbatim = TRUE, na = "null", null = "null", pretty = FALSE)
text <- gsub('},\\{"name"', '},\n{"name"', text)
text <- gsub('},\\{"design"', '},\n{"design"', text)
writeLines(text, "reference.json")

cat(sprintf("%d designs, %d cases (%d estimates), %d proportion cases (%d estimates)\n", length(designs),
            length(results), sum(sapply(results, function(r) length(r$estimates))), length(proportion_results),
            sum(sapply(proportion_results, function(r) length(r$estimates)))))
cat("largest |subset - svyby| (estimates and SEs):", format(max(unlist(svyby_check)), digits = 3), "\n")
cat("likelihood: largest relative gap between R 4.5's spline and the exact root:", format(checks$likelihood_spline, digits = 3), "\n")
cat("likelihood: largest relative gap between R's cov.unscaled/naive.cov and lambda:", format(checks$lambda, digits = 3), "\n")
