# make-paradox.R
#
# Golden reference values for Confiance's privacy-paradox measures (`SurveyDesign.paradox`,
# `confiance gap`), computed with R's `survey` package the way R users compute them.
#
# Run from this folder:   Rscript make-paradox.R
#
# Writes (all in this folder):
#   paradox.csv      1,200 respondents, 7 strata, 30 PSUs, concern and protection items
#   apiclus1.csv     data(api)'s apiclus1 (the columns the API case uses)
#   paradox-targets.csv  population totals of sex and age_band, for the raked cases
#   reference.json   one entry per case: definition, design, overall, domains, comparisons
#
# Every number is computed from the CSV files *as read back* with read.csv, so the reference
# values belong to exactly the data a test reads. write_json(digits = NA) writes 15 significant
# digits. The script is seeded and reproduces every file byte for byte.
#
# Definitions (README.md has the full list of R calls):
#   C = 1[concern item in its set], A = 1[at least k of the K action items in their sets]
#   (k = 1: "any of K"); a respondent missing the concern item or any action item is outside
#   every domain: d = subset(design, complete), d_dom = subset(d, by == level).
#   A raked case rakes the design first (rake(), maxit 100, epsilon 1e-10); subset() of a raked
#   design keeps every row with weight 0, so nrow(d_dom) is the whole file, the statistics use
#   na.rm = TRUE (incomplete rows are NA), and counts are taken over the rows with weight > 0.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

seed <- 20261123
set.seed(seed)
invisible(Sys.setlocale("LC_COLLATE", "C"))
options(survey.lonely.psu = "fail")

generated_by <- sprintf("%s; survey %s; jsonlite %s", R.version.string,
                        as.character(packageVersion("survey")),
                        as.character(packageVersion("jsonlite")))

interval_methods <- c("logit", "likelihood", "asin", "beta", "mean", "xlogit")
interval_levels <- c(0.95, 0.90)

# ------------------------------------------------------------------------------------------------
# Helpers
# ------------------------------------------------------------------------------------------------

json_number <- function(x) {
  x <- unname(as.numeric(x))
  if (length(x) == 1 && is.finite(x)) x else NA
}
# An interval [lower, upper]; a bound that is not finite is JSON null.
json_bounds <- function(x) lapply(as.numeric(x), json_number)
write_csv <- function(data, file) write.csv(data, file, row.names = FALSE, na = "")
read_csv <- function(file) read.csv(file, na.strings = "", stringsAsFactors = FALSE)

plant <- function(x, count, value, eligible = seq_along(x)) {
  x[sample(eligible, count)] <- value
  x
}

# Stratified cluster frame: PSUs numbered 1..n_h inside each stratum (nest = TRUE).
clustered_frame <- function(strata, psus_per_stratum, rows, minimum_psu_size) {
  psu_count <- sum(psus_per_stratum)
  sizes <- minimum_psu_size +
    as.vector(rmultinom(1, rows - minimum_psu_size * psu_count, prob = runif(psu_count, 0.5, 1.5)))
  data.frame(
    stratum = rep(rep(strata, psus_per_stratum), sizes),
    psu = rep(unlist(lapply(psus_per_stratum, seq_len)), sizes),
    psu_index = rep(seq_len(psu_count), sizes),
    stringsAsFactors = FALSE)
}

# R survey 4.5's "wilson" interval (absent from 4.1), from svymean's p and variance.
wilson_interval <- function(p, variance, df, level) {
  n_eff <- p * (1 - p) / variance
  t <- qt(1 - (1 - level) / 2, df)
  denominator <- 1 + t^2 / n_eff
  root <- sqrt(4 * n_eff * p * (1 - p) + t^2)
  c(p + t^2 / (2 * n_eff) - t / (2 * n_eff) * root,
    p + t^2 / (2 * n_eff) + t / (2 * n_eff) * root) / denominator
}

# The exact root of the profile-likelihood interval R's "likelihood" method approximates with a
# spline (see ../proportions/make-proportions.R for the derivation). Every row of the domain
# (weight > 0) has a value, so the dispersion is n/(n-1) for its n rows. The prior weights are
# w / mean(w) over all rows of the design: on a raked design those include the rows outside the
# domain (weight 0), so they sum to nrow(design) instead of n.
likelihood_profile_root <- function(d_dom, y, p, variance, df, level) {
  if (!(p > 0 && p < 1 && variance > 0)) return(NA)
  all_weights <- weights(d_dom)
  used <- all_weights > 0
  w <- all_weights[used]
  y <- y[used]
  scaled <- (all_weights / mean(all_weights))[used]
  n <- length(w)
  pearson <- (y - p) / sqrt(p * (1 - p))
  pearson_mean <- sum(w * pearson) / sum(w)
  dispersion <- sum(w * (pearson - pearson_mean)^2) / sum(w) * n / (n - 1)
  lambda <- variance * sum(scaled) / (p * (1 - p))
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
  result <- plogis(c(bound(-1), bound(1)))
  attr(result, "dispersion") <- dispersion
  attr(result, "lambda") <- lambda
  result
}

checks <- new.env()
checks$gap_contrast_vs_direct <- 0
checks$ratio_vs_subset <- 0
checks$svyby_vs_subset <- 0
checks$logit_xlogit <- 0
checks$profile_dispersion <- 0
checks$profile_lambda <- 0
checks$ratio_vs_svyby <- 0
checks$r_errors <- character(0)

# A proportion: svymean(~y, d_p) and svyciprop(~I(y == 1), d_p, method, level) for every method
# and level; `y` names a 0/1 column of d_p.
proportion_measure <- function(d_p, y) {
  fit <- svymean(as.formula(paste0("~", y)), d_p, na.rm = TRUE)
  p <- coef(fit)[[1]]
  variance <- vcov(fit)[1, 1]
  df <- degf(d_p)
  values <- d_p$variables[[y]]
  # svyciprop's logit and likelihood methods fit svyglm(I(y == 1) ~ 1, quasibinomial). On a small
  # domain of a raked design the prior weights w / mean(w over every row of the file) are large,
  # and R's IRLS can run away from the MLE logit(p) while reporting convergence; its intervals are
  # then not reference values (null, noted), while the exact likelihood root still is.
  glm_fit <- NULL
  fit_failed <- FALSE
  if (p > 0 && p < 1) {
    glm_fit <- suppressWarnings(svyglm(as.formula(sprintf("I(%s == 1) ~ 1", y)), d_p, family = quasibinomial))
    fit_failed <- !(abs(coef(glm_fit)[[1]] - qlogis(p)) < 1e-4)
    if (fit_failed) checks$r_errors <- c(checks$r_errors, sprintf(
      "logit and likelihood: svyglm's coefficient %.4g is not logit(p) = %.4g (%d rows with weight > 0)",
      coef(glm_fit)[[1]], qlogis(p), sum(weights(d_p) > 0)))
  }
  intervals <- list()
  roots <- list()
  for (level in interval_levels) {
    key <- format(level)
    bounds <- list()
    for (method in interval_methods) {
      if (fit_failed && method %in% c("logit", "likelihood")) {
        bounds[[method]] <- NA
        next
      }
      # (R's spline through the likelihood profile can fail; the exact root below is the reference)
      ci <- tryCatch(as.numeric(attr(svyciprop(as.formula(sprintf("~I(%s == 1)", y)), d_p,
                                               method = method, level = level, na.rm = TRUE), "ci")),
                     error = function(e) {
                       checks$r_errors <- c(checks$r_errors, sprintf("%s %s: %s", method, format(level),
                                                                     conditionMessage(e)))
                       NA
                     })
      bounds[[method]] <- if (all(is.finite(ci))) ci else NA
    }
    if (is.numeric(bounds$logit) && is.numeric(bounds$xlogit))
      checks$logit_xlogit <- max(checks$logit_xlogit, abs(bounds$logit - bounds$xlogit) / abs(bounds$xlogit))
    wilson <- wilson_interval(p, variance, df, level)
    bounds$wilson <- if (all(is.finite(wilson))) wilson else NA
    intervals[[key]] <- bounds
    root <- likelihood_profile_root(d_p, values, p, variance, df, level)
    if (!is.null(d_p$postStrata) && is.numeric(root) && !fit_failed) {
      # the ingredients of the exact root against R's own fit on the raked design, fitted to
      # convergence (svyciprop's fit stops IRLS at a relative deviance change of 1e-8, so its
      # fitted mean, and lambda computed there, differ from p by up to about 1e-4; even at 1e-15
      # the coefficient, found where the deviance is flat, is only good to about 1e-8)
      glm_fit <- suppressWarnings(svyglm(as.formula(sprintf("I(%s == 1) ~ 1", y)), d_p, family = quasibinomial,
                                         control = glm.control(epsilon = 1e-15, maxit = 100)))
      checks$profile_dispersion <- max(checks$profile_dispersion,
        abs(summary(glm_fit)$dispersion[1] / attr(root, "dispersion") - 1))
      checks$profile_lambda <- max(checks$profile_lambda,
        abs(glm_fit$cov.unscaled[1, 1] / glm_fit$naive.cov[1, 1] / attr(root, "lambda") - 1))
    }
    roots[[key]] <- if (is.numeric(root)) as.numeric(root) else root
  }
  list(estimate = json_number(p), standard_error = json_number(sqrt(variance)),
       degrees_of_freedom = df, design_rows = nrow(d_p),
       intervals = intervals, likelihood_profile_root = roots)
}

# A t interval and two-sided t test on df: confint(stat, level, df) and 2 pt(-|t|, df).
t_measure <- function(stat, df) {
  estimate <- coef(stat)[[1]]
  se <- SE(stat)[[1]]
  intervals <- list()
  for (level in interval_levels) intervals[[format(level)]] <- json_bounds(confint(stat, level = level, df = df))
  list(estimate = json_number(estimate), standard_error = json_number(se), degrees_of_freedom = df,
       t_statistic = json_number(estimate / se),
       p_value = json_number(2 * pt(-abs(estimate / se), df)),
       intervals = intervals)
}

phi_expression <- quote((c11 * c00 - c10 * c01) / sqrt((c11 + c10) * (c01 + c00) * (c11 + c01) * (c10 + c00)))
log_odds_expression <- quote(log(c11 * c00 / (c10 * c01)))
odds_expression <- quote(c11 * c00 / (c10 * c01))

# Every measure of one domain design (complete cases of the domain).
measure_domain <- function(d_dom) {
  v <- d_dom$variables[weights(d_dom) > 0, ]  # every row of a domain of an ordinary design
  df <- degf(d_dom)

  # Marginal gap: svycontrast of the joint svymean, identical to svymean(~D)
  joint <- svymean(~C + A, d_dom, na.rm = TRUE)
  gap <- svycontrast(joint, c(1, -1))
  direct <- svymean(~D, d_dom, na.rm = TRUE)
  checks$gap_contrast_vs_direct <- max(checks$gap_contrast_vs_direct,
                                       abs(coef(gap) - coef(direct)), abs(SE(gap) - SE(direct)))
  gap_result <- t_measure(gap, df)
  ttest <- svyttest(D ~ 0, d_dom)
  gap_result$svyttest <- list(statistic = json_number(ttest$statistic),
                              degrees_of_freedom = unname(ttest$parameter),
                              p_value = json_number(ttest$p.value))
  gap_result$covariance <- unname(vcov(joint))

  # Inaction among the concerned: svyratio(~P10, ~C); its interval is svyciprop on the concerned
  ratio <- svyratio(~P10, ~C, d_dom, na.rm = TRUE)
  d_concerned <- subset(d_dom, C == 1)
  inaction <- proportion_measure(d_concerned, "N")
  checks$ratio_vs_subset <- max(checks$ratio_vs_subset,
                                abs(coef(ratio)[[1]] - inaction$estimate) / inaction$estimate,
                                abs(sqrt(vcov(ratio)[1, 1]) - inaction$standard_error) / inaction$standard_error)
  inaction$estimate <- json_number(coef(ratio))
  inaction$standard_error <- json_number(sqrt(vcov(ratio)[1, 1]))

  # Association: delta method (svycontrast with deriv()) on the four cell proportions
  cells <- svymean(~c11 + c10 + c01 + c00, d_dom, na.rm = TRUE)
  phi <- t_measure(svycontrast(cells, list(phi = phi_expression)), df)
  log_odds <- svycontrast(cells, list(log_odds = log_odds_expression))
  odds <- svycontrast(cells, list(odds = odds_expression))
  odds_intervals <- list()
  for (level in interval_levels) odds_intervals[[format(level)]] <- json_bounds(exp(confint(log_odds, level = level, df = df)))

  list(respondents = nrow(v),
       degrees_of_freedom = df,
       concerned = proportion_measure(d_dom, "C"),
       acting = proportion_measure(d_dom, "A"),
       paradox_share = proportion_measure(d_dom, "P10"),
       inaction_given_concern = inaction,
       phi = phi,
       odds_ratio = list(estimate = json_number(coef(odds)), standard_error = json_number(SE(odds)),
                         log_estimate = json_number(coef(log_odds)), log_standard_error = json_number(SE(log_odds)),
                         degrees_of_freedom = df, intervals = odds_intervals),
       gap = gap_result,
       cell_proportions = unname(coef(cells)),
       mcnemar_counts = list(concerned_not_acting = sum(v$C == 1 & v$A == 0),
                             acting_not_concerned = sum(v$C == 0 & v$A == 1)))
}

# 1[value in set]: numbers compare numerically, text as written.
indicator <- function(values, set) {
  if (is.numeric(values)) values %in% as.numeric(set) else values %in% set
}

# ------------------------------------------------------------------------------------------------
# 1. Data
# ------------------------------------------------------------------------------------------------

strata <- sprintf("R%d", 1:7)
psus_per_stratum <- c(3, 5, 4, 6, 4, 5, 3)
population_factor <- c(3, 4, 5, 8, 10, 12, 20)
px <- clustered_frame(strata, psus_per_stratum, rows = 1200, minimum_psu_size = 12)
h <- match(px$stratum, strata)
rows <- nrow(px)
px$N_psu <- psus_per_stratum[h] * population_factor[h]
psu_effect <- rnorm(sum(psus_per_stratum), 0, 0.5)[px$psu_index]
psu_scale <- runif(sum(psus_per_stratum), 15, 40)[px$psu_index]
px$w <- round(population_factor[h] * psu_scale * exp(rnorm(rows, 0, 0.25)), 4)
px$sex <- sample(c("F", "M"), rows, replace = TRUE)
age_bands <- c("18-24", "25-34", "35-49", "50-64", "65+")
px$age_band <- sample(age_bands, rows, replace = TRUE, prob = c(0.14, 0.18, 0.24, 0.24, 0.20))
# Domain gaps: nobody aged 18-24 in stratum R1, nor in PSU 2 of stratum R4
young_gap <- px$age_band == "18-24" & (px$stratum == "R1" | (px$stratum == "R4" & px$psu == 2))
px$age_band[young_gap] <- "25-34"
age <- match(px$age_band, age_bands)
concern_latent <- rnorm(rows) + psu_effect + 0.25 * (age - 3) + 0.2 * (px$sex == "F")
concern <- as.integer(cut(concern_latent + rnorm(rows, 0, 0.5), c(-Inf, -1.4, -0.5, 0.3, 1.1, Inf)))
concern <- plant(concern, 18, 9L)                                     # 9 = refused
concern <- plant(concern, 8, NA, eligible = which(concern != 9))      # blanks
px$concern_data_use <- concern
# Actions depend only weakly on concern (the paradox), more on age and the PSU
action_score <- 0.25 * concern_latent - 0.3 * (age - 3) + 0.5 * psu_effect
px$protect_settings <- ifelse(runif(rows) < plogis(-0.2 + action_score), 1L, 2L)
px$protect_settings <- plant(px$protect_settings, 7, NA)
px$protect_cookies <- ifelse(runif(rows) < plogis(-0.6 + action_score + rnorm(rows, 0, 0.5)), 1L, 2L)
px$protect_cookies <- plant(px$protect_cookies, 5, NA)
px$protect_vpn <- ifelse(runif(rows) < plogis(-1.5 + 0.8 * action_score), "yes", "no")
px$protect_vpn <- plant(px$protect_vpn, 4, NA)
px$id <- seq_len(rows)
px <- px[, c("id", "stratum", "psu", "w", "N_psu", "sex", "age_band", "concern_data_use",
             "protect_settings", "protect_cookies", "protect_vpn")]
write_csv(px, "paradox.csv")

data(api)
write_csv(apiclus1[, c("stype", "dnum", "snum", "pw", "fpc", "sch.wide", "comp.imp")], "apiclus1.csv")

# ------------------------------------------------------------------------------------------------
# 2. Cases
# ------------------------------------------------------------------------------------------------

design_spec <- function(weight = NA, strata = NA, psu = NA, fpc = NA, lonely_psu = "fail", nest = FALSE) {
  list(weight = weight, strata = strata, psu = psu, fpc = fpc, lonely_psu = lonely_psu, nest = nest)
}
clustered <- function(...) design_spec(weight = "w", strata = "stratum", psu = "psu", nest = TRUE, ...)

# Raking margins (population totals per category, fitted in this order), also written as a
# targets file (variable,category,target) for Confiance's --rake-to.
rake_margin <- function(variable, categories, targets) {
  list(variable = variable, categories = I(categories), targets = I(targets))
}
population_margins <- list(
  rake_margin("sex", c("F", "M"), c(134000, 126000)),
  rake_margin("age_band", age_bands, c(31000, 44000, 62000, 65000, 58000)))
write.csv(do.call(rbind, lapply(population_margins, function(m)
  data.frame(variable = m$variable, category = as.character(m$categories), target = as.numeric(m$targets)))),
  "paradox-targets.csv", row.names = FALSE, quote = FALSE)
raked <- function(...) {
  spec <- clustered(...)
  spec$rake <- population_margins
  spec$targets_file <- "paradox-targets.csv"
  spec
}
item <- function(variable, ...) list(variable = variable, values = I(as.character(c(...))))

cases <- list(
  list(name = "any-of-two-by-age", data = "paradox.csv", design = clustered(),
       concern = item("concern_data_use", 4, 5),
       actions = list(item("protect_settings", 1), item("protect_cookies", 1)), minimum_actions = 1,
       by = "age_band", missing_codes = list(concern_data_use = "9"),
       description = "Stratified cluster design (7 strata, 30 PSUs); acting = any of two items; by age band, where 18-24 is absent from stratum R1 and from PSU 2 of R4."),
  list(name = "two-of-three-fpc-by-sex", data = "paradox.csv", design = clustered(fpc = "N_psu"),
       concern = item("concern_data_use", 5),
       actions = list(item("protect_settings", 1), item("protect_cookies", 1), item("protect_vpn", "yes")),
       minimum_actions = 2, by = "sex", missing_codes = list(concern_data_use = "9"),
       description = "With an FPC (population PSU counts); acting = at least 2 of 3 items (one of them text yes/no); by sex."),
  list(name = "crossed-by-sex-age", data = "paradox.csv", design = clustered(),
       concern = item("concern_data_use", 4, 5), actions = list(item("protect_vpn", "yes")), minimum_actions = 1,
       by = c("sex", "age_band"), missing_codes = list(concern_data_use = "9"),
       description = "One text action item; two crossed by-variables (10 domains, 45 pairs per measure)."),
  list(name = "stratified-elements", data = "paradox.csv", design = design_spec(weight = "w", strata = "stratum"),
       concern = item("concern_data_use", 3, 4, 5),
       actions = list(item("protect_cookies", 1), item("protect_vpn", "yes")), minimum_actions = 1,
       by = "age_band", missing_codes = list(concern_data_use = "9"),
       description = "Stratified element sample (no clusters); code 9 declared missing."),
  list(name = "weights-only", data = "paradox.csv", design = design_spec(weight = "w"),
       concern = item("concern_data_use", 4, 5), actions = list(item("protect_settings", 1)), minimum_actions = 1,
       by = character(0), missing_codes = list(concern_data_use = "9"),
       description = "Weights only (ids = ~1), no domains, no comparisons."),
  list(name = "apiclus1-by-stype", data = "apiclus1.csv", design = design_spec(weight = "pw", psu = "dnum", fpc = "fpc"),
       concern = item("sch.wide", "Yes"), actions = list(item("comp.imp", "Yes")), minimum_actions = 1,
       by = "stype", missing_codes = list(),
       description = "statistics.md's gap analogue on dclus1 (gap 0.14754098, SE 0.01711), by school type."),
  list(name = "raked-any-of-two-by-age", data = "paradox.csv", design = raked(),
       concern = item("concern_data_use", 4, 5),
       actions = list(item("protect_settings", 1), item("protect_cookies", 1)), minimum_actions = 1,
       by = "age_band", missing_codes = list(concern_data_use = "9"),
       description = "The stratified cluster design raked to sex and age-band totals (paradox-targets.csv): variances projected on the margins; subset() keeps every row with weight 0, so nrow() of every domain is the whole file."),
  list(name = "raked-strata-without-psu-by-age", data = "paradox.csv",
       design = c(design_spec(weight = "w", strata = "stratum"),
                  list(rake = population_margins, targets_file = "paradox-targets.csv")),
       concern = item("concern_data_use", 4, 5),
       actions = list(item("protect_settings", 1), item("protect_cookies", 1)), minimum_actions = 1,
       by = "age_band", missing_codes = list(concern_data_use = "9"),
       description = "A stratified design without PSUs (ids = ~1: every respondent its own PSU) raked to sex and age-band totals: the rows' influence values projected on the margins, then the stratified variance over rows."),
  list(name = "raked-two-of-three-by-sex-age", data = "paradox.csv", design = raked(),
       concern = item("concern_data_use", 5),
       actions = list(item("protect_settings", 1), item("protect_cookies", 1), item("protect_vpn", "yes")),
       minimum_actions = 2, by = c("sex", "age_band"), missing_codes = list(concern_data_use = "9"),
       description = "Raked as above; acting = at least 2 of 3 items; two crossed by-variables (10 domains), both of them raking variables.")
)

# ------------------------------------------------------------------------------------------------
# 3. Computation
# ------------------------------------------------------------------------------------------------

design_call <- function(spec) {
  term <- function(name) as.formula(paste0("~", name), env = globalenv())
  args <- list(ids = if (is.na(spec$psu)) term("1") else term(spec$psu))
  if (!is.na(spec$strata)) args$strata <- term(spec$strata)
  if (!is.na(spec$weight)) args$weights <- term(spec$weight)
  if (!is.na(spec$fpc)) args$fpc <- term(spec$fpc)
  if (isTRUE(spec$nest)) args$nest <- TRUE
  args$data <- as.name("data")
  as.call(c(list(as.name("svydesign")), args))
}

domain_condition <- function(domain) {
  parts <- lapply(names(domain), function(b) call("==", as.name(b), domain[[b]]))
  Reduce(function(a, b) call("&", a, b), parts)
}

# Domains in Confiance's order: first by-variable slowest; levels numerically when all are
# numbers, otherwise in byte order (LC_COLLATE = C).
case_domains <- function(data, by) {
  combinations <- unique(data[, by, drop = FALSE])
  keys <- lapply(by, function(b) {
    x <- combinations[[b]]
    if (is.numeric(x) || all(!is.na(suppressWarnings(as.numeric(x))))) as.numeric(x) else x
  })
  combinations <- combinations[do.call(order, keys), , drop = FALSE]
  lapply(seq_len(nrow(combinations)), function(i) as.list(combinations[i, , drop = FALSE]))
}

# The gaps and paradox shares of every domain, with their joint covariance: the ratios
# sum(w D 1[domain k]) / sum(w 1[domain k]) and sum(w P10 1[domain k]) / sum(w 1[domain k]) of
# svyratio(covmat = TRUE), as a svystat with the gaps first, then the shares, domains in order.
joint_ratio_fit <- function(d, domains) {
  x <- d$variables
  used <- weights(d) > 0
  count <- length(domains)
  for (k in seq_len(count)) {
    inside <- used & Reduce(`&`, lapply(names(domains[[k]]), function(b)
      as.character(x[[b]]) == as.character(domains[[k]][[b]])))
    d$variables[[paste0("in", k)]] <- as.numeric(inside)
    d$variables[[paste0("gap", k)]] <- ifelse(inside, x$D, 0)
    d$variables[[paste0("share", k)]] <- ifelse(inside, x$P10, 0)
  }
  numerators <- c(paste0("gap", seq_len(count)), paste0("share", seq_len(count)))
  denominators <- paste0("in", seq_len(count))
  fit <- svyratio(as.formula(paste("~", paste(numerators, collapse = " + "))),
                  as.formula(paste("~", paste(denominators, collapse = " + "))), d, covmat = TRUE)
  keys <- paste0(numerators, "/", rep(denominators, 2))
  estimates <- setNames(as.vector(coef(fit)[keys]), keys)
  structure(estimates, var = vcov(fit)[keys, keys], statistic = "ratio", class = "svystat")
}

run_case <- function(cs) {
  data <- read_csv(cs$data)
  for (variable in names(cs$missing_codes)) {
    data[[variable]][as.character(data[[variable]]) %in% cs$missing_codes[[variable]]] <- NA
  }
  concern_value <- data[[cs$concern$variable]]
  data$C <- ifelse(is.na(concern_value), NA, as.numeric(indicator(concern_value, cs$concern$values)))
  action_count <- 0
  action_missing <- rep(FALSE, nrow(data))
  for (action in cs$actions) {
    values <- data[[action$variable]]
    action_missing <- action_missing | is.na(values)
    action_count <- action_count + ifelse(is.na(values), 0, indicator(values, action$values))
  }
  data$A <- ifelse(action_missing, NA, as.numeric(action_count >= cs$minimum_actions))
  data$D <- data$C - data$A
  data$P10 <- data$C * (1 - data$A)
  data$N <- 1 - data$A
  data$c11 <- data$C * data$A
  data$c10 <- data$P10
  data$c01 <- (1 - data$C) * data$A
  data$c00 <- (1 - data$C) * (1 - data$A)
  complete <- !is.na(data$C) & !is.na(data$A)

  call <- design_call(cs$design)
  design <- eval(call)
  if (!is.null(cs$design$rake)) {
    design <- rake(design,
                   sample.margins = lapply(cs$design$rake, function(m) as.formula(paste0("~", m$variable))),
                   population.margins = lapply(cs$design$rake, function(m)
                     setNames(data.frame(m$categories, m$targets, stringsAsFactors = FALSE), c(m$variable, "Freq"))),
                   control = list(maxit = 100, epsilon = 1e-10))
  }
  d <- subset(design, complete)

  result <- list(name = cs$name, description = cs$description, data = cs$data,
                 design = cs$design[intersect(c("weight", "strata", "psu", "fpc", "lonely_psu", "nest", "rake",
                                                "targets_file"), names(cs$design))],
                 r_design_call = paste(deparse(call, width.cutoff = 500L), collapse = " "),
                 concern = cs$concern, actions = cs$actions, minimum_actions = cs$minimum_actions,
                 by = as.list(cs$by),
                 missing_codes = if (length(cs$missing_codes)) lapply(cs$missing_codes, as.list) else setNames(list(), character(0)),
                 summary = list(respondents = nrow(design),
                                strata = length(unique(design$strata[, 1])),
                                psus = length(unique(design$cluster[, 1])),
                                degrees_of_freedom = degf(design),
                                weight_total = sum(weights(design)),
                                complete_respondents = sum(complete),
                                complete_degrees_of_freedom = degf(d)),
                 overall = measure_domain(d), domains = list(), comparisons = list())
  if (length(cs$by) == 0) return(result)

  domains <- case_domains(data[complete, , drop = FALSE], cs$by)
  for (domain in domains) {
    d_dom <- eval(bquote(subset(d, .(domain_condition(domain)))))
    entry <- measure_domain(d_dom)
    entry <- c(list(domain = lapply(domain, as.character)), entry)
    result$domains[[length(result$domains) + 1]] <- entry
  }

  # Between-domain differences: svyby(covmat = TRUE) + svycontrast, t on degf(d), Holm over all
  # svyby(covmat = TRUE) of survey 4.1 cannot stack the influence functions of a raked design's
  # domains (they keep every row), so there the joint estimates come from one svyratio(covmat = TRUE)
  # of the domain-masked numerators over the domain indicators (checked against svyby on the
  # other cases).
  by_fit <- joint_ratio_fit(d, domains)
  row_of <- seq_along(domains)
  count <- length(domains)
  if (is.null(d$postStrata)) {
    by_formula <- as.formula(paste("~", paste(cs$by, collapse = " + ")))
    svyby_fit <- svyby(~D + P10, by_formula, d, svymean, covmat = TRUE)
    stopifnot(nrow(svyby_fit) == count, length(coef(svyby_fit)) == 2 * count)
    # svyby orders its rows by interaction(by), the first variable varying fastest: find each domain
    svyby_row <- vapply(domains, function(domain) {
      which(Reduce(`&`, lapply(names(domain), function(b) as.character(svyby_fit[[b]]) == as.character(domain[[b]]))))
    }, 1L)
    order <- c(svyby_row, count + svyby_row)
    checks$ratio_vs_svyby <- max(checks$ratio_vs_svyby, abs(coef(by_fit) - coef(svyby_fit)[order]),
                                 abs(vcov(by_fit) - vcov(svyby_fit)[order, order]) / max(abs(vcov(svyby_fit))))
    by_fit <- svyby_fit
    row_of <- svyby_row
  }
  by_se <- sqrt(diag(vcov(by_fit)))
  for (k in seq_along(domains)) {
    checks$svyby_vs_subset <- max(checks$svyby_vs_subset,
      abs(coef(by_fit)[row_of[k]] - result$domains[[k]]$gap$estimate),
      abs(by_se[row_of[k]] - result$domains[[k]]$gap$standard_error),
      abs(coef(by_fit)[count + row_of[k]] - result$domains[[k]]$paradox_share$estimate),
      abs(by_se[count + row_of[k]] - result$domains[[k]]$paradox_share$standard_error))
  }
  df <- degf(d)
  comparisons <- list()
  for (measure in c("gap", "paradox_share")) {
    offset <- if (measure == "gap") 0 else count
    for (i in seq_len(count - 1)) for (j in (i + 1):count) {
      contrast <- rep(0, 2 * count)
      contrast[offset + row_of[i]] <- 1
      contrast[offset + row_of[j]] <- -1
      difference <- svycontrast(by_fit, contrast)
      measured <- t_measure(difference, df)
      comparisons[[length(comparisons) + 1]] <- list(
        measure = measure, first = lapply(domains[[i]], as.character), second = lapply(domains[[j]], as.character),
        difference = measured$estimate, standard_error = measured$standard_error,
        degrees_of_freedom = df, t_statistic = measured$t_statistic, p_value = measured$p_value,
        intervals = measured$intervals)
    }
  }
  holm <- p.adjust(vapply(comparisons, function(x) x$p_value, 0), method = "holm")
  for (k in seq_along(comparisons)) comparisons[[k]]$p_value_holm <- holm[k]
  result$comparisons <- comparisons
  result
}

results <- withCallingHandlers(lapply(cases, run_case), warning = function(w) { cat("WARNING:", conditionMessage(w), "\n"); invokeRestart("muffleWarning") })

# ------------------------------------------------------------------------------------------------
# 4. Sanity checks
# ------------------------------------------------------------------------------------------------

cat(sprintf("(a) gap: svycontrast(svymean(~C + A), c(1, -1)) vs svymean(~I(C - A)): max abs difference %.3g\n",
            checks$gap_contrast_vs_direct))
cat(sprintf("(b) inaction: svyratio(~P10, ~C) vs svymean on subset(C == 1): max relative difference %.3g\n",
            checks$ratio_vs_subset))
cat(sprintf("(c) svyby(~D + P10, covmat = TRUE) vs subset estimates and SEs: max abs difference %.3g\n",
            checks$svyby_vs_subset))
cat(sprintf("(d) logit vs xlogit bounds: max relative difference %.3g\n", checks$logit_xlogit))
if (length(checks$r_errors)) cat(sprintf("R failed on %d intervals (recorded as null): %s\n",
                                         length(checks$r_errors), paste(unique(checks$r_errors), collapse = "; ")))
cat(sprintf("(g) joint svyratio(covmat = TRUE) vs svyby(covmat = TRUE) (unraked cases): max difference %.3g\n",
            checks$ratio_vs_svyby))
cat(sprintf("(f) raked: exact-root dispersion and lambda vs svyglm's: max relative differences %.3g, %.3g\n",
            checks$profile_dispersion, checks$profile_lambda))
stopifnot(checks$gap_contrast_vs_direct < 1e-14, checks$ratio_vs_subset < 1e-12,
          checks$svyby_vs_subset < 1e-14, checks$logit_xlogit < 1e-7, checks$profile_dispersion < 1e-10, checks$profile_lambda < 1e-7,
          checks$ratio_vs_svyby < 1e-12)
api <- results[[which(vapply(results, `[[`, "", "name") == "apiclus1-by-stype")]]$overall$gap
cat(sprintf("(e) apiclus1 gap %.8f SE %.8f (statistics.md: 0.14754098, 0.01711)\n", api$estimate, api$standard_error))
stopifnot(abs(api$estimate - 0.14754098) < 5e-9, abs(api$standard_error - 0.01711) < 5e-6)

reference <- list(generated_by = generated_by, seed = seed,
                  methods = c(interval_methods, "wilson"), levels = format(interval_levels),
                  cases = results)
write_json(reference, "reference.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat(sprintf("reference.json: %d cases, %d domains, %d comparisons\n", length(results),
            sum(vapply(results, function(r) length(r$domains), 0L)),
            sum(vapply(results, function(r) length(r$comparisons), 0L))))
