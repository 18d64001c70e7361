# make-crosstabs.R
#
# Golden reference values for Confiance's cross-tabulations (cell, row and column shares and the
# Rao-Scott test of R's svychisq), scale scores (weighted mean score, Cronbach's alpha, the
# design-weighted alpha of svycralpha, item-total correlations, top/bottom-box shares) and the
# Westin Privacy Segmentation Index, computed with R's `survey` package.
#
# Run from this folder:   Rscript make-crosstabs.R
#
# Writes (all in this folder):
#   privacy.csv        900 respondents, stratified cluster sample (see README.md)
#   privacy-targets.csv  population totals of sex and age_band, for the raked cases
#   reference.json     crosstab, scale and westin cases
#
# Reads ../proportions/apiclus1.csv (data(api)) for the svychisq help-page oracle.
# Every number is computed from the CSV files *as read back* with read.csv, so that the reference
# values belong to exactly the data a test reads. write_json(digits = NA) writes 15 significant
# digits.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

seed <- 20261207
set.seed(seed)
invisible(Sys.setlocale("LC_COLLATE", "C"))
options(survey.lonely.psu = "fail")

generated_by <- sprintf("%s; survey %s; jsonlite %s", R.version.string,
                        as.character(packageVersion("survey")),
                        as.character(packageVersion("jsonlite")))

json_number <- function(x) {
  x <- unname(as.numeric(x))
  if (length(x) == 1 && is.finite(x)) x else NA
}
write_csv <- function(data, file) write.csv(data, file, row.names = FALSE, na = "")
read_csv <- function(file) read.csv(file, na.strings = "", stringsAsFactors = FALSE)

# Sets `count` randomly chosen entries (among `eligible`) of x to `value`.
plant <- function(x, count, value, eligible = seq_along(x)) {
  x[sample(eligible, count)] <- value
  x
}

# An ordinal answer 1..K from a latent score and K-1 cut points.
ordinal <- function(latent, cuts) 1L + findInterval(latent, cuts)

# ------------------------------------------------------------------------------------------------
# 1. privacy.csv: 900 respondents, 6 strata (R1-R6), 3-6 PSUs each (27), PSU ids restart in every
#    stratum; zone (Z1-Z4) groups the PSUs differently (Z4 holds a single PSU) for a lonely-PSU
#    design on the global PSU id psu_id.
# ------------------------------------------------------------------------------------------------

strata <- sprintf("R%d", 1:6)
psus_per_stratum <- c(4, 5, 3, 6, 4, 5)
population_factor <- c(3, 5, 8, 10, 4, 20)
psu_count <- sum(psus_per_stratum)
sizes <- 15 + as.vector(rmultinom(1, 900 - 15 * psu_count, prob = runif(psu_count, 0.5, 1.5)))
stratum_of_psu <- rep(strata, psus_per_stratum)
psu_in_stratum <- unlist(lapply(psus_per_stratum, seq_len))
privacy <- data.frame(
  stratum = rep(stratum_of_psu, sizes),
  psu = rep(psu_in_stratum, sizes),
  psu_id = rep(seq_len(psu_count), sizes),
  stringsAsFactors = FALSE)
n <- nrow(privacy)
h <- match(privacy$stratum, strata)
privacy$N_psu <- psus_per_stratum[h] * population_factor[h]
# zone: PSUs 1-9 -> Z1, 10-18 -> Z2, 19-26 -> Z3, 27 -> Z4 (a single PSU)
privacy$zone <- c(rep("Z1", 9), rep("Z2", 9), rep("Z3", 8), "Z4")[privacy$psu_id]
psu_effect <- rnorm(psu_count, 0, 0.5)[privacy$psu_id]
privacy$w <- round(population_factor[h] * runif(psu_count, 10, 30)[privacy$psu_id] *
                     exp(rnorm(n, 0, 0.25)), 4)

privacy$sex <- sample(c("F", "M"), n, replace = TRUE)
age_bands <- c("18-24", "25-34", "35-49", "50-64", "65+")
privacy$age_band <- sample(age_bands, n, replace = TRUE, prob = c(0.12, 0.18, 0.26, 0.24, 0.20))
# status: structural zeros (no student aged 65+, nobody retired under 35)
age_index <- match(privacy$age_band, age_bands)
status <- sample(c("employed", "student", "retired", "other"), n, replace = TRUE,
                 prob = c(0.55, 0.15, 0.15, 0.15))
status[age_index == 5 & status == "student"] <- "retired"
status[age_index <= 2 & status == "retired"] <- "employed"
status[age_index == 1 & runif(n) < 0.5] <- "student"
privacy$status <- status

latent <- rnorm(n) + psu_effect + 0.25 * (age_index - 3) * 0.5 + 0.2 * (privacy$sex == "F")
privacy$concern <- ordinal(latent + rnorm(n, 0, 0.6), c(-1.6, -0.7, 0.3, 1.2))
privacy$concern <- plant(privacy$concern, 12, 9L)                       # 9 = refused (declared missing)
privacy$concern <- plant(privacy$concern, 8, NA, which(privacy$concern != 9))
protect <- ifelse(runif(n) < plogis(0.6 * latent - 0.1 - 0.15 * (age_index - 3)), "yes", "no")
protect <- plant(protect, 7, NA)
privacy$protect <- protect
# channel: "fax" only where protect is missing (R's svychisq counts its level anyway)
channel <- sample(c("web", "phone", "mail"), n, replace = TRUE, prob = c(0.5, 0.3, 0.2))
channel[which(is.na(protect))[1:3]] <- "fax"
channel <- plant(channel, 5, NA, which(channel != "fax"))
privacy$channel <- channel

# trust items 1-5: high trust = low concern; trust3 is worded the other way (reverse-keyed)
trust_latent <- -0.7 * latent + rnorm(n, 0, 0.7)
for (item in 1:4) {
  direction <- if (item == 3) -1 else 1
  value <- ordinal(direction * trust_latent + rnorm(n, 0, 0.8), c(-1.5, -0.5, 0.5, 1.4))
  privacy[[sprintf("trust%d", item)]] <- plant(value, 6 + item, NA)
}
# IUIPC collection items 1-7
for (item in 1:4) {
  value <- ordinal(latent + rnorm(n, 0, 0.9), c(-2.2, -1.4, -0.7, 0, 0.7, 1.5))
  privacy[[sprintf("iuipc%d", item)]] <- plant(value, 3 + item, NA)
}
# Westin items 1 strongly agree .. 4 strongly disagree.
# A: "consumers have lost all control" (concerned people agree: low codes);
# B, C: "businesses handle data properly" / "laws protect" (concerned people disagree: high codes)
privacy$westin_a <- plant(ordinal(-latent + rnorm(n, 0, 0.8), c(-0.9, 0.1, 1.0)), 5, NA)
privacy$westin_b <- plant(ordinal(latent + rnorm(n, 0, 0.8), c(-0.8, 0.0, 0.9)), 4, NA)
privacy$westin_c <- plant(ordinal(latent + rnorm(n, 0, 0.8), c(-0.9, 0.0, 1.0)), 6, NA)

privacy$id <- seq_len(n)
privacy <- privacy[, c("id", "stratum", "psu", "psu_id", "zone", "N_psu", "w", "sex", "age_band",
                       "status", "concern", "protect", "channel",
                       "trust1", "trust2", "trust3", "trust4", "iuipc1", "iuipc2", "iuipc3", "iuipc4",
                       "westin_a", "westin_b", "westin_c")]
write_csv(privacy, "privacy.csv")

# ------------------------------------------------------------------------------------------------
# 2. Designs and helpers
# ------------------------------------------------------------------------------------------------

design_spec <- function(weight = NA, strata = NA, psu = NA, fpc = NA, lonely_psu = "fail",
                        nest = FALSE, rake = NULL) {
  spec <- list(weight = weight, strata = strata, psu = psu, fpc = fpc, lonely_psu = lonely_psu, nest = nest)
  if (!is.null(rake)) {
    spec$rake <- rake
    spec$targets_file <- "privacy-targets.csv"
  }
  spec
}

# Raking margins: population totals per category, fitted in this order.
rake_margin <- function(variable, categories, targets) {
  list(variable = variable, categories = I(categories), targets = I(targets))
}
population_margins <- list(
  rake_margin("sex", c("F", "M"), c(83200, 76800)),
  rake_margin("age_band", c("18-24", "25-34", "35-49", "50-64", "65+"), c(17600, 25600, 40000, 40000, 36800)))

# The same margins as a targets file (variable,category,target) for Confiance's --rake-to.
write.csv(do.call(rbind, lapply(population_margins, function(m)
  data.frame(variable = m$variable, category = as.character(m$categories), target = as.numeric(m$targets)))),
  "privacy-targets.csv", row.names = FALSE, quote = FALSE)

# The design of a case: svydesign(), then rake() when the case has margins (R's control epsilon
# below 1 is a fraction of the weight total).
make_design <- function(spec, data) {
  design <- eval(design_call(spec))
  if (is.null(spec$rake)) return(design)
  rake(design,
       sample.margins = lapply(spec$rake, function(m) as.formula(paste0("~", m$variable))),
       population.margins = lapply(spec$rake, function(m)
         setNames(data.frame(m$categories, m$targets, stringsAsFactors = FALSE), c(m$variable, "Freq"))),
       control = list(maxit = 100, epsilon = 1e-10))
}
clustered <- function(...) design_spec(weight = "w", strata = "stratum", psu = "psu", nest = TRUE, ...)

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

datasets <- list()
load_dataset <- function(file) {
  if (is.null(datasets[[file]])) datasets[[file]] <<- read_csv(file)
  datasets[[file]]
}

case_data <- function(file, missing_codes) {
  data <- load_dataset(file)
  for (variable in names(missing_codes)) {
    data[[variable]][as.character(data[[variable]]) %in% missing_codes[[variable]]] <- NA
  }
  data
}

# The Westin segment by the published rule (Kumaraguru & Cranor 2005): NA when an item is missing.
westin_segment <- function(a, b, c) {
  agree <- function(x) x %in% c(1, 2)
  disagree <- function(x) x %in% c(3, 4)
  segment <- ifelse(agree(a) & disagree(b) & disagree(c), "fundamentalist",
                    ifelse(disagree(a) & agree(b) & agree(c), "unconcerned", "pragmatist"))
  segment[is.na(a) | is.na(b) | is.na(c)] <- NA
  segment
}

add_derived <- function(data) {
  if (all(c("westin_a", "westin_b", "westin_c") %in% names(data))) {
    data$westin_segment <- westin_segment(data$westin_a, data$westin_b, data$westin_c)
  }
  data
}

domain_condition <- function(domain) {
  parts <- lapply(names(domain), function(b) call("==", as.name(b), domain[[b]]))
  Reduce(function(a, b) call("&", a, b), parts)
}
subset_design <- function(design, domain) {
  if (length(domain) == 0) return(design)
  eval(bquote(subset(design, .(domain_condition(domain)))))
}
domains_of <- function(data, by) {
  if (length(by) == 0) return(list())
  combinations <- unique(data[, by, drop = FALSE])
  combinations <- combinations[stats::complete.cases(combinations), , drop = FALSE]
  combinations <- combinations[do.call(order, unname(as.list(combinations))), , drop = FALSE]
  lapply(seq_len(nrow(combinations)), function(i) as.list(combinations[i, , drop = FALSE]))
}
as_domain_json <- function(domain) {
  if (length(domain) == 0) return(structure(list(), names = character(0)))
  lapply(domain, as.character)
}
sorted_levels <- function(x) {
  x <- unique(x[!is.na(x)])
  as.character(sort(x))
}
literal_of <- function(values, text) if (is.numeric(values)) as.numeric(text) else text

# p, SE and svyciprop interval of the indicator `indicator` (0/1 with NA) in design d.
# The exact root of the profile-likelihood interval that svyciprop(method = "likelihood")
# interpolates with a spline (derivation in ../proportions/make-proportions.R), for any design d
# whose indicator may be missing: svyglm's prior weights are w / mean(w) over every row of d (on a
# raked design that includes the rows outside the domain, with weight 0); the deviance runs over
# the rows with a value; the dispersion, svyvar of residuals.svyglm(type = "pearson"), is
# c n/(n - 1) for the n rows with a value and weight > 0, where c is the mean weight after svyglm
# drops the rows without a value over the mean weight of all rows (a raked design keeps those rows,
# with weight 0, so there c = sum(w, with a value) / sum(w)).
likelihood_profile_root <- function(d, values, p, variance, level) {
  if (!(p > 0 && p < 1 && variance > 0)) return(NA)
  all_weights <- weights(d)
  present <- !is.na(values)
  after <- if (is.null(d$postStrata)) all_weights[present] else ifelse(present, all_weights, 0)
  ratio <- mean(after) / mean(all_weights)
  used <- present & all_weights > 0
  w <- all_weights[used]
  y <- values[used]
  scaled <- (all_weights / mean(all_weights))[used]
  n <- length(w)
  pearson <- sqrt(ratio) * (y - p) / sqrt(p * (1 - p))
  pearson_mean <- sum(w * pearson) / sum(w)
  dispersion <- sum(w * (pearson - pearson_mean)^2) / sum(w) * n / (n - 1)
  lambda <- variance * sum(scaled) / (p * (1 - p))
  cutoff <- qt(1 - (1 - level) / 2, degf(d)) * sqrt(lambda)
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
  # the ingredients against a fully converged svyglm fit (at 1e-15 the coefficient, found where
  # the deviance is flat, is good to about 1e-8, and lambda with it)
  glm_fit <- suppressWarnings(svyglm(I(.share == 1) ~ 1, transform_design(d, values), family = quasibinomial,
                                     control = glm.control(epsilon = 1e-15, maxit = 100)))
  profile_checks$dispersion <<- max(profile_checks$dispersion,
                                    abs(summary(glm_fit)$dispersion[1] / dispersion - 1))
  profile_checks$lambda <<- max(profile_checks$lambda,
                                abs(glm_fit$cov.unscaled[1, 1] / glm_fit$naive.cov[1, 1] / lambda - 1))
  plogis(c(bound(-1), bound(1)))
}
profile_checks <- list(dispersion = 0, lambda = 0, failed_fits = character(0))
transform_design <- function(d, values) {
  d$variables$.share <- values
  d
}

# A share: svymean of a 0/1 indicator (NA where not analysed) and its svyciprop interval;
# design_rows = nrow(d) (on a raked design, every row of the file). With the likelihood method,
# also the exact root of its profile. svyciprop's logit and likelihood methods fit
# svyglm(quasibinomial); where R's IRLS runs away from logit(p) (a small domain of a raked design,
# whose prior weights are large) their interval is no reference value and is left null.
share <- function(d, indicator_name, method, level) {
  m <- svymean(as.formula(paste0("~", indicator_name)), d, na.rm = TRUE)
  p <- coef(m)[[1]]
  se <- sqrt(vcov(m)[1, 1])
  ci <- NA
  if (p > 0 && p < 1) {
    ci <- tryCatch(as.numeric(confint(svyciprop(as.formula(paste0("~", indicator_name)), d, method = method,
                                                level = level, na.rm = TRUE))),
                   error = function(e) {
                     profile_checks$failed_fits <<- c(profile_checks$failed_fits,
                                                      paste("svyciprop:", conditionMessage(e)))
                     NA
                   })
    if (method %in% c("logit", "likelihood")) {
      glm_fit <- suppressWarnings(svyglm(I(.share == 1) ~ 1, transform_design(d, d$variables[[indicator_name]]),
                                         family = quasibinomial))
      if (!(abs(coef(glm_fit)[[1]] - qlogis(p)) < 1e-4)) {
        profile_checks$failed_fits <<- c(profile_checks$failed_fits, sprintf(
          "svyglm coefficient %.4g vs logit(p) = %.4g (%d rows with weight > 0)",
          coef(glm_fit)[[1]], qlogis(p), sum(weights(d) > 0)))
        ci <- NA
      }
    }
  }
  result <- list(estimate = p, standard_error = se,
                 ci = if (length(ci) == 2 && all(is.finite(ci))) ci else NA,
                 degrees_of_freedom = degf(d), design_rows = nrow(d))
  if (method == "likelihood") {
    result$likelihood_profile_root <- likelihood_profile_root(d, d$variables[[indicator_name]], p, vcov(m)[1, 1], level)
  }
  result
}

# ------------------------------------------------------------------------------------------------
# 3. Cross-tabs
# ------------------------------------------------------------------------------------------------

# The Rao-Scott F of svychisq written out (R/surveychisq.R), to check that the reference values
# are understood: X^2 / tr(Delta), d0 = tr(Delta)^2 / tr(Delta^2).
rao_scott_by_hand <- function(d, row, column) {
  x <- d$variables
  row_levels <- sorted_levels(x[[row]])
  column_levels <- sorted_levels(x[[column]])
  nr <- length(row_levels); nc <- length(column_levels)
  complete <- !is.na(x[[row]]) & !is.na(x[[column]])
  cell <- ifelse(complete, (match(as.character(x[[row]]), row_levels) - 1) +
                   nr * (match(as.character(x[[column]]), column_levels) - 1) + 1, NA)
  indicators <- sapply(seq_len(nr * nc), function(k) as.numeric(cell == k))
  colnames(indicators) <- sprintf("cell%d", seq_len(nr * nc))
  d2 <- d
  d2$variables <- cbind(d2$variables, indicators)
  mean2 <- svymean(as.formula(paste("~", paste(colnames(indicators), collapse = "+"))), d2, na.rm = TRUE)
  grid <- expand.grid(rows = 1:nr, cols = 1:nc)
  X1 <- model.matrix(~factor(rows) + factor(cols), grid)
  X12 <- model.matrix(~factor(rows) * factor(cols), grid)
  C <- qr.resid(qr(X1), X12[, -(1:(nr + nc - 1)), drop = FALSE])
  p <- as.numeric(coef(mean2))
  inverse <- diag(ifelse(p == 0, 0, 1 / p))
  N <- nrow(x)
  Delta <- solve(t(C) %*% (inverse / N) %*% C, t(C) %*% inverse %*% vcov(mean2) %*% inverse %*% C)
  table <- matrix(p, nr, nc)
  table <- table[rowSums(table) > 0, colSums(table) > 0, drop = FALSE] * N
  expected <- outer(rowSums(table), colSums(table)) / sum(table)
  pearson <- sum((table - expected)^2 / expected)
  c(F = pearson / sum(diag(Delta)), ndf = sum(diag(Delta))^2 / sum(diag(Delta %*% Delta)))
}

crosstab_table <- function(design, domain, row, column, method, level, checks) {
  d <- subset_design(design, domain)
  x <- d$variables
  # subset() of a calibrated (raked) design keeps every row with weight 0 outside the domain
  in_domain <- weights(d) != 0
  complete <- in_domain & !is.na(x[[row]]) & !is.na(x[[column]])
  row_levels <- sorted_levels(x[[row]][complete])
  column_levels <- sorted_levels(x[[column]][complete])
  row_values <- as.character(x[[row]])
  column_values <- as.character(x[[column]])

  cells <- list()
  for (r in row_levels) for (k in column_levels) {
    in_cell <- complete & row_values == r & column_values == k
    d$variables$`.cell` <- ifelse(complete, as.numeric(in_cell), NA)
    of_total <- share(d, ".cell", method, level)
    d_row <- subset_design(design, c(domain, setNames(list(literal_of(x[[row]], r)), row)))
    d_row$variables$`.in` <- ifelse(is.na(d_row$variables[[column]]), NA,
                                    as.numeric(as.character(d_row$variables[[column]]) == k))
    of_row <- share(d_row, ".in", method, level)
    d_column <- subset_design(design, c(domain, setNames(list(literal_of(x[[column]], k)), column)))
    d_column$variables$`.in` <- ifelse(is.na(d_column$variables[[row]]), NA,
                                       as.numeric(as.character(d_column$variables[[row]]) == r))
    of_column <- share(d_column, ".in", method, level)
    cells[[length(cells) + 1]] <- list(
      row = r, column = k, respondents = sum(in_cell),
      weighted_count = sum(weights(d)[in_cell]),
      of_total = of_total, of_row = of_row, of_column = of_column)
  }
  # svyby row shares must equal the subset approach used above
  # (svyby cannot stack domains whose factor levels differ, so only tables without empty cells)
  # (and only where every row level is in the table: svyby lists a level whose column values are
  # all missing first on a raked design, as NaN, instead of stopping)
  if (length(domain) == 0 && all(sapply(cells, function(cell) cell$respondents > 0)) &&
      setequal(sorted_levels(x[[row]][in_domain]), row_levels)) {
    by_row <- tryCatch(svyby(as.formula(paste0("~factor(", column, ")")), as.formula(paste0("~", row)),
                             d, svymean, na.rm = TRUE), error = function(e) NULL)
    if (!is.null(by_row)) {
      first <- cells[[1]]
      checks$svyby <<- max(checks$svyby, abs(coef(by_row)[[1]] - first$of_row$estimate),
                           abs(unlist(SE(by_row))[[1]] - first$of_row$standard_error))
    }
  }

  formula <- as.formula(sprintf("~%s+%s", row, column))
  test <- svychisq(formula, d)
  chisq_first_order <- svychisq(formula, d, statistic = "Chisq")
  by_hand <- rao_scott_by_hand(d, row, column)
  checks$by_hand <<- max(checks$by_hand,
                         abs(by_hand[["F"]] / test$statistic[[1]] - 1),
                         abs(by_hand[["ndf"]] / test$parameter[["ndf"]] - 1))
  N <- nrow(x)
  table <- svytable(formula, d, Ntotal = N)
  pearson <- suppressWarnings(chisq.test(table, correct = FALSE))
  list(
    domain = as_domain_json(domain),
    respondents = sum(complete),
    design_rows = nrow(x),
    degrees_of_freedom = degf(d),
    row_categories = I(row_levels),
    column_categories = I(column_levels),
    cells = cells,
    test = list(method = "rao-scott-f",
                statistic = json_number(test$statistic),
                numerator_df = json_number(test$parameter[["ndf"]]),
                denominator_df = json_number(test$parameter[["ddf"]]),
                p_value = json_number(test$p.value)),
    pearson = list(statistic = json_number(pearson$statistic),
                   df = json_number(pearson$parameter),
                   p_value = json_number(pearson$p.value)),
    first_order = list(statistic = json_number(chisq_first_order$statistic),
                       df = json_number(chisq_first_order$parameter),
                       p_value = json_number(chisq_first_order$p.value)))
}

crosstab_case <- function(name, data_file, design, row, column, by = character(0),
                          missing_codes = no_missing_codes, method = "logit", level = 0.95, description) {
  list(name = name, data = data_file, design = design, row = row, column = column, by = I(by),
       missing_codes = missing_codes, method = method, level = level, description = description)
}

no_missing_codes <- structure(list(), names = character(0))  # a JSON {} rather than []
api_design <- design_spec(weight = "pw", psu = "dnum", fpc = "fpc")
no_refusals <- list(concern = I("9"))

crosstab_cases <- list(
  crosstab_case("api-schwide-stype", "../proportions/apiclus1.csv", api_design, "sch.wide", "stype",
                description = "svychisq help-page oracle: dclus1, ~sch.wide+stype (F 5.1933695, ndf 1.4946398, ddf 20.9249569, p 0.02174746)."),
  crosstab_case("concern-by-age", "privacy.csv", clustered(), "concern", "age_band",
                missing_codes = no_refusals,
                description = "5 x 5 table on the stratified cluster design (6 strata, 27 PSUs); concern code 9 declared missing, blanks."),
  crosstab_case("westin-protect-by-sex", "privacy.csv", clustered(), "westin_segment", "protect",
                by = "sex",
                description = "Derived Westin segment x protect, overall and in the domains of sex."),
  crosstab_case("status-age-empty-cells", "privacy.csv", clustered(fpc = "N_psu"), "status", "age_band",
                description = "Structural zeros (no student aged 65+, nobody retired under 35); FPC as population PSU counts."),
  crosstab_case("channel-protect-level-outside-table", "privacy.csv", clustered(), "channel", "protect",
                description = "The level fax of channel occurs only where protect is missing: svychisq counts it in Delta (ndf near 2 * 1 + ...), the Pearson table does not."),
  crosstab_case("weights-only", "privacy.csv", design_spec(weight = "w"), "protect", "sex",
                by = "age_band", method = "beta", level = 0.9,
                description = "ids = ~1 with weights; 2 x 2 tables by age band; Korn-Graubard (beta) intervals at 90%."),
  crosstab_case("raked-concern-protect-by-sex", "privacy.csv", clustered(rake = population_margins),
                "concern", "protect", by = "sex", missing_codes = no_refusals,
                description = "The stratified cluster design raked to sex and age-band totals (rake(), epsilon 1e-10): variances projected on the margins; svychisq on a domain of a calibrated design takes the categories, N and nu from the whole file."),
  crosstab_case("raked-concern-protect-by-sex-beta", "privacy.csv", clustered(rake = population_margins),
                "concern", "protect", by = "sex", missing_codes = no_refusals, method = "beta", level = 0.9,
                description = "The raked design of raked-concern-protect-by-sex with Korn-Graubard (beta) intervals at 90%: svyciprop's effective n uses nrow() of the domain design, the whole file on a raked design."),
  crosstab_case("raked-channel-protect-by-age-likelihood", "privacy.csv", clustered(rake = population_margins),
                "channel", "protect", by = "age_band", method = "likelihood",
                description = "The raked design, profile-likelihood intervals, domains of a raking variable; both variables have missing values, so the shares of row and column domains have rows without a value (svyglm's weights rescaled over every row of the file, dispersion c n/(n-1))."),
  crosstab_case("lonely-average", "privacy.csv",
                design_spec(weight = "w", strata = "zone", psu = "psu_id", lonely_psu = "average"),
                "concern", "sex", missing_codes = no_refusals,
                description = "Strata zone (Z4 holds one PSU) with survey.lonely.psu = \"average\"."),
  crosstab_case("raked-concern-protect-strata-without-psu", "privacy.csv",
                design_spec(weight = "w", strata = "stratum", rake = population_margins),
                "concern", "protect", by = "sex", missing_codes = no_refusals,
                description = "A stratified design without PSUs (ids = ~1: every respondent its own PSU) raked to sex and age-band totals: the rows' influence values projected on the margins, then the stratified variance over rows.")
)

checks <- list(svyby = 0, by_hand = 0)
run_crosstab <- function(cs) {
  data <- add_derived(case_data(cs$data, cs$missing_codes))
  design <- make_design(cs$design, data)
  old <- options(survey.lonely.psu = cs$design$lonely_psu)
  on.exit(options(old))
  result <- cs
  result$overall <- crosstab_table(design, list(), cs$row, cs$column, cs$method, cs$level, checks)
  result$domains <- lapply(domains_of(data, cs$by), function(domain)
    crosstab_table(design, domain, cs$row, cs$column, cs$method, cs$level, checks))
  result$r_design_call <- paste(deparse(design_call(cs$design)), collapse = " ")
  result
}
crosstab_results <- lapply(crosstab_cases, run_crosstab)

# the oracle as printed in man/svychisq.Rd
oracle <- crosstab_results[[1]]$overall$test
stopifnot(abs(oracle$statistic - 5.1933695) < 1e-7, abs(oracle$numerator_df - 1.4946398) < 1e-7,
          abs(oracle$denominator_df - 20.9249569) < 1e-7, abs(oracle$p_value - 0.02174746) < 1e-8)
stopifnot(checks$svyby < 1e-12, checks$by_hand < 1e-9)

# ------------------------------------------------------------------------------------------------
# 4. Scales
# ------------------------------------------------------------------------------------------------

scale_case <- function(name, data_file, design, items, reverse = character(0), range, min_items = NA,
                       by = character(0), box = 2, method = "logit", level = 0.95,
                       missing_codes = no_missing_codes, description) {
  list(name = name, data = data_file, design = design, items = I(items), reverse = I(reverse),
       range = range, min_items = if (is.na(min_items)) length(items) else min_items, by = I(by),
       box = box, method = method, level = level, missing_codes = missing_codes,
       description = description)
}

cronbach_alpha <- function(S) {
  k <- ncol(S)
  k / (k - 1) * (1 - sum(diag(S)) / sum(S))
}

mean_with_interval <- function(d, variable, level) {
  m <- svymean(as.formula(paste0("~", variable)), d, na.rm = TRUE, deff = TRUE)
  df <- degf(d)
  ci <- as.numeric(confint(m, df = df, level = level))
  list(estimate = coef(m)[[1]], standard_error = sqrt(vcov(m)[1, 1]), ci = ci,
       degrees_of_freedom = df, design_effect = json_number(deff(m)),
       respondents = sum(!is.na(d$variables[[variable]]) & weights(d) != 0))
}

scale_domain <- function(design, domain, cs, scored_names) {
  d <- subset_design(design, domain)
  x <- d$variables
  k <- length(scored_names)
  # subset() of a calibrated (raked) design keeps every row with weight 0 outside the domain
  in_domain <- weights(d) != 0
  items <- as.matrix(x[in_domain, scored_names, drop = FALSE])
  domain_weights <- weights(d)[in_domain]
  complete <- stats::complete.cases(items)
  result <- list(domain = as_domain_json(domain), design_rows = nrow(x),
                 score = mean_with_interval(d, ".score", cs$level),
                 complete_respondents = sum(complete))
  if (k >= 2) {
    S <- cov(items[complete, , drop = FALSE])
    weighted_S <- coef(svyvar(as.formula(paste("~", paste(scored_names, collapse = "+"))), d,
                              na.rm = TRUE))
    weighted_S <- matrix(weighted_S, k, k)
    result$alpha <- cronbach_alpha(S)
    result$weighted_alpha <- svycralpha(as.formula(paste("~", paste(scored_names, collapse = "+"))),
                                        d, na.rm = TRUE)
    checks$svycralpha <<- max(checks$svycralpha, abs(cronbach_alpha(weighted_S) / result$weighted_alpha - 1))
  }
  low <- cs$range[1]; high <- cs$range[2]
  result$items <- lapply(seq_len(k), function(j) {
    name <- scored_names[j]
    values <- x[[name]]  # every row of d (weight 0 outside the domain)
    d$variables$`.top` <- as.numeric(values >= high - cs$box + 1)
    d$variables$`.bottom` <- as.numeric(values <= low + cs$box - 1)
    item <- list(item = as.character(cs$items[j]), reversed = cs$items[j] %in% cs$reverse,
                 mean = mean_with_interval(d, name, cs$level),
                 top_box = share(d, ".top", cs$method, cs$level),
                 bottom_box = share(d, ".bottom", cs$method, cs$level))
    if (k >= 2) {
      rest <- rowSums(items[complete, -j, drop = FALSE])
      item$item_total_correlation <- cor(items[complete, j], rest)
      w <- domain_weights[complete]
      item$weighted_item_total_correlation <- cov.wt(cbind(items[complete, j], rest), wt = w / sum(w),
                                                     cor = TRUE)$cor[1, 2]
      S_rest <- cov(items[complete, -j, drop = FALSE])
      item$alpha_if_deleted <- if (k >= 3) cronbach_alpha(S_rest) else NA
    }
    item
  })
  result
}

run_scale <- function(cs) {
  data <- case_data(cs$data, cs$missing_codes)
  low <- cs$range[1]; high <- cs$range[2]
  scored_names <- paste0(".scored_", cs$items)
  for (j in seq_along(cs$items)) {
    values <- data[[cs$items[j]]]
    data[[scored_names[j]]] <- if (cs$items[j] %in% cs$reverse) low + high - values else values
  }
  scored <- as.matrix(data[, scored_names, drop = FALSE])
  answered <- rowSums(!is.na(scored))
  data$`.score` <- ifelse(answered >= cs$min_items, rowMeans(scored, na.rm = TRUE), NA)
  design <- make_design(cs$design, data)
  old <- options(survey.lonely.psu = cs$design$lonely_psu)
  on.exit(options(old))
  result <- cs
  result$overall <- scale_domain(design, list(), cs, scored_names)
  result$domains <- lapply(domains_of(data, cs$by), function(domain)
    scale_domain(design, domain, cs, scored_names))
  # svyby gives the same domain means as subsetting
  if (length(cs$by) > 0) {
    by_mean <- svyby(~.score, as.formula(paste("~", paste(cs$by, collapse = "+"))), design, svymean,
                     na.rm = TRUE)
    keys <- sapply(result$domains, function(r) paste(unlist(r$domain), collapse = "."))
    mine <- sapply(result$domains, function(r) r$score$estimate)
    mine_se <- sapply(result$domains, function(r) r$score$standard_error)
    checks$svyby <<- max(checks$svyby, abs(coef(by_mean)[keys] - mine),
                         abs(unlist(SE(by_mean))[match(keys, names(coef(by_mean)))] - mine_se))
  }
  result$scores_head <- head(data$`.score`, 40)
  result$r_design_call <- paste(deparse(design_call(cs$design)), collapse = " ")
  result
}

checks$svycralpha <- 0
scale_cases <- list(
  scale_case("trust-by-age", "privacy.csv", clustered(), c("trust1", "trust2", "trust3", "trust4"),
             reverse = "trust3", range = c(1, 5), by = "age_band",
             description = "Four 1-5 trust items, trust3 reverse-keyed (6 - x); score = mean of the four items, missing unless all are answered; domains of age_band."),
  scale_case("trust-prorated", "privacy.csv", clustered(fpc = "N_psu"), c("trust1", "trust2", "trust3", "trust4"),
             reverse = "trust3", range = c(1, 5), min_items = 3, by = "sex",
             description = "Same items; score = mean of the answered items when at least 3 of 4 are answered; FPC design; domains of sex."),
  scale_case("iuipc-lonely-average", "privacy.csv",
             design_spec(weight = "w", strata = "zone", psu = "psu_id", lonely_psu = "average"),
             c("iuipc1", "iuipc2", "iuipc3", "iuipc4"), range = c(1, 7), by = c("sex", "age_band"),
             method = "mean",
             description = "Four 1-7 IUIPC items; strata zone with a single-PSU stratum Z4 under survey.lonely.psu = \"average\"; 10 crossed domains; Wald (mean) box intervals."),
  scale_case("trust-raked-by-age", "privacy.csv", clustered(rake = population_margins),
             c("trust1", "trust2", "trust3", "trust4"), reverse = "trust3", range = c(1, 5), by = "age_band",
             description = "The trust scale on the design raked to sex and age-band totals; domains of age_band."),
  scale_case("trust-raked-by-sex-beta", "privacy.csv", clustered(rake = population_margins),
             c("trust1", "trust2", "trust3", "trust4"), reverse = "trust3", range = c(1, 5), by = "sex",
             method = "beta", level = 0.9,
             description = "The trust scale on the raked design; top- and bottom-box shares with Korn-Graubard (beta) intervals at 90%; domains of sex."),
  scale_case("trust-raked-by-age-likelihood", "privacy.csv", clustered(rake = population_margins),
             c("trust1", "trust2", "trust3", "trust4"), reverse = "trust3", range = c(1, 5), by = "age_band",
             method = "likelihood",
             description = "The trust scale on the raked design; box shares with profile-likelihood intervals; domains of age_band (items have missing values)."),
  scale_case("single-item-concern", "privacy.csv", design_spec(weight = "w"), "concern",
             range = c(1, 5), by = "status", method = "beta", level = 0.9, missing_codes = no_refusals,
             description = "One ordinal 1-5 item (concern, code 9 declared missing): weighted mean score, top-2 and bottom-2 box shares with Korn-Graubard intervals at 90%; weights only; domains of status."),
  scale_case("trust-strata-without-psu", "privacy.csv", design_spec(weight = "w", strata = "stratum"),
             c("trust1", "trust2", "trust3", "trust4"), reverse = "trust3", range = c(1, 5), by = "sex",
             description = "The trust scale on a stratified design without PSUs (ids = ~1: every respondent its own PSU, as a weighted online panel); domains of sex."),
  scale_case("trust-raked-strata-without-psu", "privacy.csv",
             design_spec(weight = "w", strata = "stratum", rake = population_margins),
             c("trust1", "trust2", "trust3", "trust4"), reverse = "trust3", range = c(1, 5), by = "age_band",
             description = "The trust scale on a stratified design without PSUs (ids = ~1) raked to sex and age-band totals; domains of age_band.")
)
scale_results <- lapply(scale_cases, run_scale)
stopifnot(checks$svyby < 1e-10, checks$svycralpha < 1e-12)
cat(sprintf("likelihood roots: dispersion and lambda vs converged svyglm fits, max relative differences %.3g, %.3g\n",
            profile_checks$dispersion, profile_checks$lambda))
if (length(profile_checks$failed_fits)) cat(sprintf("intervals left null where R failed (%d): %s\n",
  length(profile_checks$failed_fits), paste(unique(profile_checks$failed_fits), collapse = "; ")))
stopifnot(profile_checks$dispersion < 1e-10, profile_checks$lambda < 1e-7)

# ------------------------------------------------------------------------------------------------
# 5. Westin segmentation
# ------------------------------------------------------------------------------------------------

westin_data <- add_derived(case_data("privacy.csv", list()))
westin_design <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = westin_data)
westin_fit <- svymean(~factor(westin_segment), westin_design, na.rm = TRUE)
westin_by_sex <- svyby(~factor(westin_segment), ~sex, westin_design, svymean, na.rm = TRUE)
segments <- c("fundamentalist", "pragmatist", "unconcerned")
westin_result <- list(
  data = "privacy.csv",
  items = c("westin_a", "westin_b", "westin_c"),
  rule = "fundamentalist: a in {1,2}, b in {3,4}, c in {3,4}; unconcerned: a in {3,4}, b in {1,2}, c in {1,2}; pragmatist: otherwise; missing when an item is missing",
  segments = westin_data$westin_segment,
  counts = as.list(table(factor(westin_data$westin_segment, levels = segments))),
  missing = sum(is.na(westin_data$westin_segment)),
  overall = lapply(segments, function(s) list(
    category = s, proportion = coef(westin_fit)[[paste0("factor(westin_segment)", s)]],
    standard_error = SE(westin_fit)[[paste0("factor(westin_segment)", s)]])),
  by_sex = lapply(c("F", "M"), function(sex) {
    fit <- svymean(~factor(westin_segment), subset_design(westin_design, list(sex = sex)), na.rm = TRUE)
    by_fit <- coef(westin_by_sex)[paste0(sex, ":factor(westin_segment)", segments)]
    checks$svyby <<- max(checks$svyby, abs(by_fit - coef(fit)[paste0("factor(westin_segment)", segments)]))
    list(domain = list(sex = sex),
         estimates = lapply(segments, function(s) list(
           category = s, proportion = coef(fit)[[paste0("factor(westin_segment)", s)]],
           standard_error = SE(fit)[[paste0("factor(westin_segment)", s)]])))
  }))
stopifnot(checks$svyby < 1e-12)

# ------------------------------------------------------------------------------------------------
# 6. Output
# ------------------------------------------------------------------------------------------------

reference <- list(generated_by = generated_by, seed = seed,
                  checks = list(svyby_vs_subset = checks$svyby, svychisq_by_hand = checks$by_hand,
                                svycralpha_vs_formula = checks$svycralpha),
                  crosstabs = crosstab_results, scales = scale_results, westin = westin_result)
write_json(reference, "reference.json", auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null",
           null = "null")
cat("wrote reference.json:", length(crosstab_results), "crosstab cases,", length(scale_results),
    "scale cases\n")
print(unlist(reference$checks))
