# make-proportions.R
#
# Golden reference values for Confiance's weighted-proportion estimator, computed with R's
# `survey` package the way R users compute them.
#
# Run from this folder:   Rscript make-proportions.R
#
# Writes (all in this folder):
#   weights_only.csv, stratified.csv, stratified_clustered.csv, lonely_psu.csv, domain_gaps.csv
#   reference.json         one entry per case: design, summary, estimates per (domain, category)
#   apistrat.csv, apiclus1.csv, api-examples.json   published/computed oracles from data(api)
#
# Every number in the JSON files is computed from the CSV files *as read back* with read.csv, so
# that the reference values belong to exactly the data a test reads (weights included).
# jsonlite::write_json(digits = NA) writes 15 significant digits.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

seed <- 20261122
set.seed(seed)
invisible(Sys.setlocale("LC_COLLATE", "C"))  # factor level order must not depend on the locale
options(survey.lonely.psu = "fail")         # R's factory default; cases override it explicitly

generated_by <- sprintf("%s; survey %s; jsonlite %s", R.version.string,
                        as.character(packageVersion("survey")),
                        as.character(packageVersion("jsonlite")))

interval_methods <- c("logit", "likelihood", "asin", "beta", "mean", "xlogit")
interval_levels <- c(0.95, 0.90)

# ------------------------------------------------------------------------------------------------
# Small helpers
# ------------------------------------------------------------------------------------------------

# A JSON number, or JSON null (logical NA) when the value is missing, NaN or infinite.
json_number <- function(x) {
  x <- unname(as.numeric(x))
  if (length(x) == 1 && is.finite(x)) x else NA
}

write_csv <- function(data, file) write.csv(data, file, row.names = FALSE, na = "")

read_csv <- function(file) read.csv(file, na.strings = "", stringsAsFactors = FALSE)

# Draws one category per row from a matrix of row probabilities.
draw_categories <- function(probabilities, labels) {
  cumulative <- t(apply(probabilities, 1, cumsum))
  u <- runif(nrow(probabilities))
  labels[1 + rowSums(u > cumulative[, -ncol(cumulative), drop = FALSE])]
}

# Category probabilities from a latent score: softmax(score * slope + intercept) per category.
softmax_probabilities <- function(score, intercepts, slopes) {
  eta <- outer(score, slopes) + matrix(intercepts, length(score), length(intercepts), byrow = TRUE)
  e <- exp(eta)
  e / rowSums(e)
}

# Sets `count` randomly chosen entries (among `eligible`) of x to `value`.
plant <- function(x, count, value, eligible = seq_along(x)) {
  x[sample(eligible, count)] <- value
  x
}

# ------------------------------------------------------------------------------------------------
# 1. Datasets
# ------------------------------------------------------------------------------------------------

# Stratified cluster sample: strata with the given PSU counts, PSUs numbered 1..n_h inside each
# stratum (so the design needs nest = TRUE), PSU sizes summing to `rows`.
clustered_frame <- function(strata, psus_per_stratum, rows, minimum_psu_size) {
  psu_count <- sum(psus_per_stratum)
  sizes <- minimum_psu_size +
    as.vector(rmultinom(1, rows - minimum_psu_size * psu_count, prob = runif(psu_count, 0.5, 1.5)))
  stratum_of_psu <- rep(strata, psus_per_stratum)
  psu_in_stratum <- unlist(lapply(psus_per_stratum, seq_len))
  data.frame(
    stratum = rep(stratum_of_psu, sizes),
    psu = rep(psu_in_stratum, sizes),
    psu_index = rep(seq_len(psu_count), sizes),
    stringsAsFactors = FALSE)
}

## weights_only.csv — 300 rows, no strata, no clusters --------------------------------------------
n <- 300
weights_only <- data.frame(id = seq_len(n))
weights_only$w <- round(20 * exp(rnorm(n, 0, 0.5)), 4)
# group "c" never answers "dk"; group "d" answers "yes" only (degenerate domains, case 16)
weights_only$group <- rep(c("a", "b", "c", "d"), c(130, 120, 35, 15))
latent <- rnorm(n) + 0.8 * (log(weights_only$w) - log(20))
p <- softmax_probabilities(latent, intercepts = c(0.4, 0.1, -1.0), slopes = c(0.9, -0.6, 0))
answer <- draw_categories(p, c("yes", "no", "dk"))
in_c <- weights_only$group == "c"
answer[in_c] <- ifelse(latent[in_c] > -0.3, "yes", "no")
answer[weights_only$group == "d"] <- "yes"
answer <- plant(answer, 8, NA, eligible = which(weights_only$group %in% c("a", "b")))
answer <- plant(answer, 2, NA, eligible = which(weights_only$group == "c"))
weights_only$answer <- answer
write_csv(weights_only, "weights_only.csv")

## stratified.csv — 400 rows, 5 strata, stratified element sample --------------------------------
stratum_sizes <- c(A = 60, B = 100, C = 80, D = 90, E = 70)
base_weight <- c(A = 45, B = 12, C = 30, D = 8.5, E = 60)
stratified <- data.frame(stratum = rep(names(stratum_sizes), stratum_sizes), stringsAsFactors = FALSE)
stratified$w <- round(base_weight[stratified$stratum] * exp(rnorm(nrow(stratified), 0, 0.15)), 4)
stratum_shift <- c(A = -0.6, B = 0.2, C = 0.5, D = -0.2, E = 0.9)[stratified$stratum]
p <- softmax_probabilities(rnorm(nrow(stratified)) + stratum_shift,
                           intercepts = c(0, 0.3, 0.2, -0.4), slopes = c(-1, -0.3, 0.3, 1))
stratified$q <- plant(draw_categories(p, 1:4), 6, NA)
stratified$id <- seq_len(nrow(stratified))
stratified <- stratified[, c("id", "stratum", "w", "q")]
write_csv(stratified, "stratified.csv")

## stratified_clustered.csv — 600 rows, 8 strata, 3–6 PSUs each (36 PSUs) -------------------------
strata <- sprintf("S%d", 1:8)
psus_per_stratum <- c(3, 4, 5, 6, 4, 5, 3, 6)
# population PSUs = n_h * k_h, so the sampling fraction 1/k_h is a short decimal
population_factor <- c(2, 4, 5, 8, 10, 20, 25, 40)
sc <- clustered_frame(strata, psus_per_stratum, rows = 600, minimum_psu_size = 8)
h <- match(sc$stratum, strata)
sc$N_psu <- psus_per_stratum[h] * population_factor[h]
sc$f_psu <- 1 / population_factor[h]
psu_effect <- rnorm(sum(psus_per_stratum), 0, 0.6)[sc$psu_index]
psu_scale <- runif(sum(psus_per_stratum), 15, 40)[sc$psu_index]
sc$w <- round(population_factor[h] * psu_scale * exp(rnorm(nrow(sc), 0, 0.2)), 4)
rows <- nrow(sc)
sc$region <- sample(c("north", "south", "east", "west", "centre"), rows, replace = TRUE,
                    prob = c(0.25, 0.2, 0.2, 0.2, 0.15))
sc$sex <- sample(c("female", "male"), rows, replace = TRUE)
sc$agegroup <- sample(1:3, rows, replace = TRUE, prob = c(0.3, 0.4, 0.3))
latent <- rnorm(rows) + psu_effect + 0.3 * (sc$region == "north") - 0.2 * (sc$sex == "male")
p <- softmax_probabilities(latent, intercepts = c(0.3, 0.2, -1.2), slopes = c(0.8, -0.8, 0))
sc$opinion <- plant(draw_categories(p, c("yes", "no", "dk")), 9, NA)
p <- softmax_probabilities(latent + 0.3 * (sc$agegroup - 2),
                           intercepts = c(-0.3, 0.4, 0.3, -0.2), slopes = c(-1, -0.3, 0.3, 1))
sc$trust <- plant(draw_categories(p, 1:4), 7, NA)
p <- softmax_probabilities(latent, intercepts = c(-0.5, 0, 0.4, 0.1, -0.4),
                           slopes = c(-1, -0.5, 0, 0.5, 1))
q1 <- draw_categories(p, 1:5)
q1 <- plant(q1, 24, 9)                               # code 9 = "refused": missing by declaration
q1 <- plant(q1, 11, NA, eligible = which(q1 != 9))   # blanks: missing anyway
sc$q1 <- q1
channel <- sample(c("phone", "web", "mail"), rows, replace = TRUE, prob = c(0.35, 0.45, 0.2))
sc$channel <- plant(channel, 3, "fax")              # a category with exactly 3 of 600 respondents
sc$id <- seq_len(rows)
sc <- sc[, c("id", "stratum", "psu", "w", "N_psu", "f_psu", "region", "sex", "agegroup",
             "opinion", "trust", "q1", "channel")]
write_csv(sc, "stratified_clustered.csv")

## lonely_psu.csv — 300 rows, 6 strata, stratum L3 has a single PSU -------------------------------
lonely_strata <- sprintf("L%d", 1:6)
lonely_psus <- c(3, 4, 1, 3, 5, 2)
lp <- clustered_frame(lonely_strata, lonely_psus, rows = 300, minimum_psu_size = 10)
psu_effect <- rnorm(sum(lonely_psus), 0, 0.5)[lp$psu_index]
lp$w <- round(runif(sum(lonely_psus), 10, 50)[lp$psu_index] * exp(rnorm(nrow(lp), 0, 0.2)), 4)
p <- softmax_probabilities(rnorm(nrow(lp)) + psu_effect + 0.4 * (lp$stratum == "L3"),
                           intercepts = c(0.2, -0.3, 0), slopes = c(0.9, 0, -0.9))
lp$support <- plant(draw_categories(p, c("agree", "neutral", "disagree")), 5, NA)
lp$id <- seq_len(nrow(lp))
lp <- lp[, c("id", "stratum", "psu", "w", "support")]
write_csv(lp, "lonely_psu.csv")

## domain_gaps.csv — 500 rows, 6 strata × 4–5 PSUs; "rural"/"remote" miss strata and PSUs --------
gap_strata <- sprintf("D%d", 1:6)
gap_psus <- c(4, 5, 4, 5, 4, 5)
dg <- clustered_frame(gap_strata, gap_psus, rows = 500, minimum_psu_size = 12)
psu_effect <- rnorm(sum(gap_psus), 0, 0.5)[dg$psu_index]
dg$w <- round(runif(sum(gap_psus), 8, 30)[dg$psu_index] * exp(rnorm(nrow(dg), 0, 0.25)), 4)
psu_key <- paste(dg$stratum, dg$psu)
# remote: only in D4 (PSUs 1, 2), D5 (PSUs 1, 3, 4) and D6 (PSU 5: one PSU in that stratum)
remote_psus <- c("D4 1", "D4 2", "D5 1", "D5 3", "D5 4", "D6 5")
# rural: nowhere in D1, and not in PSU 2 of D3 nor PSU 4 of D5
no_rural_psus <- c(paste("D1", 1:4), "D3 2", "D5 4")
area <- ifelse(runif(nrow(dg)) < 0.55, "urban", "rural")
area[psu_key %in% no_rural_psus] <- "urban"
is_remote_psu <- psu_key %in% remote_psus
area[is_remote_psu] <- ifelse(runif(sum(is_remote_psu)) < 0.5, "remote", area[is_remote_psu])
dg$area <- area
p <- softmax_probabilities(rnorm(nrow(dg)) + psu_effect - 0.5 * (area == "remote"),
                           intercepts = c(-0.2, 0.3, 0), slopes = c(-1, 0, 1))
dg$satisfied <- plant(draw_categories(p, 1:3), 6, NA)
dg$id <- seq_len(nrow(dg))
dg <- dg[, c("id", "stratum", "psu", "w", "area", "satisfied")]
write_csv(dg, "domain_gaps.csv")

# ------------------------------------------------------------------------------------------------
# 2. Cases
# ------------------------------------------------------------------------------------------------

design_spec <- function(weight = NA, strata = NA, psu = NA, fpc = NA, lonely_psu = "fail",
                        nest = FALSE) {
  list(weight = weight, strata = strata, psu = psu, fpc = fpc, lonely_psu = lonely_psu,
       nest = nest)
}
clustered <- function(...) design_spec(weight = "w", strata = "stratum", psu = "psu", nest = TRUE, ...)

case <- function(name, data, design, variable, by = character(0), missing_codes = list(),
                 description) {
  list(name = name, data = data, design = design, variable = variable, by = by,
       missing_codes = missing_codes, description = description)
}

cases <- list(
  case("weights-only", "weights_only.csv", design_spec(weight = "w"), "answer",
       description = "Weights only (ids = ~1): string categories yes/no/dk with 8 blanks."),
  case("stratified", "stratified.csv", design_spec(weight = "w", strata = "stratum"), "q",
       description = "Stratified element sample, 5 strata, numeric codes 1-4 with 6 blanks."),
  case("stratified-clustered", "stratified_clustered.csv", clustered(), "trust",
       description = "8 strata, 3-6 PSUs each (PSU ids restart in every stratum: nest = TRUE), numeric codes 1-4 with 7 blanks."),
  case("fpc-population-count", "stratified_clustered.csv", clustered(fpc = "N_psu"), "opinion",
       description = "FPC given as the population number of PSUs per stratum (N_psu)."),
  case("fpc-sampling-fraction", "stratified_clustered.csv", clustered(fpc = "f_psu"), "opinion",
       description = "Same data as fpc-population-count with the FPC given as the sampling fraction f_psu = n_h/N_h; results must be identical."),
  case("fpc-without-weights", "stratified_clustered.csv",
       design_spec(strata = "stratum", psu = "psu", fpc = "N_psu", nest = TRUE), "opinion",
       description = "No weight column: R derives weights N_h/n_h from the FPC."),
  case("lonely-psu-remove", "lonely_psu.csv", clustered(lonely_psu = "remove"), "support",
       description = "Stratum L3 has exactly one PSU; survey.lonely.psu = \"remove\"."),
  case("lonely-psu-certainty", "lonely_psu.csv", clustered(lonely_psu = "certainty"), "support",
       description = "Stratum L3 has exactly one PSU; survey.lonely.psu = \"certainty\"."),
  case("lonely-psu-adjust", "lonely_psu.csv", clustered(lonely_psu = "adjust"), "support",
       description = "Stratum L3 has exactly one PSU; survey.lonely.psu = \"adjust\"."),
  case("lonely-psu-average", "lonely_psu.csv", clustered(lonely_psu = "average"), "support",
       description = "Stratum L3 has exactly one PSU; survey.lonely.psu = \"average\"."),
  case("lonely-psu-fail", "lonely_psu.csv", clustered(lonely_psu = "fail"), "support",
       description = "Stratum L3 has exactly one PSU; survey.lonely.psu = \"fail\" (R's default): svymean stops with an error."),
  case("domain-one-by", "stratified_clustered.csv", clustered(), "opinion", by = "region",
       description = "Domains of one by-variable (region, 5 levels, present in every stratum) on the stratified clustered design, by subsetting the design."),
  case("domain-two-by", "stratified_clustered.csv", clustered(), "trust", by = c("sex", "agegroup"),
       description = "Domains of two crossed by-variables (sex x agegroup, 6 domains; agegroup is a numeric code)."),
  case("missing-codes", "stratified_clustered.csv", clustered(), "q1",
       missing_codes = list(q1 = "9"),
       description = "Values 1-5, code 9 (refused) declared missing, plus blanks."),
  case("rare-category", "stratified_clustered.csv", clustered(), "channel",
       description = "Category fax has 3 respondents of 600."),
  case("domain-gaps", "domain_gaps.csv", clustered(), "satisfied", by = "area",
       description = "Domain rural has no respondents in stratum D1 and in 2 further PSUs; domain remote lives in 3 strata and 6 PSUs only (1 PSU in D6, which is not a lonely PSU for the subset). Domain df differ from the full design's."),
  case("degenerate-domains", "weights_only.csv", design_spec(weight = "w"), "answer", by = "group",
       description = "Group c never answers dk (proportion 0); group d answers yes only (proportion 1, and svymean(~factor(answer)) fails there because the factor has one level).")
)

# ------------------------------------------------------------------------------------------------
# 3. Computation
# ------------------------------------------------------------------------------------------------

datasets <- list()
load_dataset <- function(file) {
  if (is.null(datasets[[file]])) datasets[[file]] <<- read_csv(file)
  datasets[[file]]
}

# The data a case analyses: the CSV as read back, with the declared missing codes set to NA.
case_data <- function(cs) {
  data <- load_dataset(cs$data)
  for (variable in names(cs$missing_codes)) {
    codes <- cs$missing_codes[[variable]]
    data[[variable]][as.character(data[[variable]]) %in% codes] <- NA
  }
  data
}

# The svydesign() call for a case, as a call object evaluated with `data` bound to the case data.
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

with_lonely_policy <- function(policy, expr) {
  old <- options(survey.lonely.psu = policy)
  on.exit(options(old))
  expr
}

# The domains of a case: list of named lists by-variable -> value (typed as in the data).
case_domains <- function(data, by) {
  if (length(by) == 0) return(list(list()))
  combinations <- unique(data[, by, drop = FALSE])
  combinations <- combinations[do.call(order, unname(as.list(combinations))), , drop = FALSE]
  lapply(seq_len(nrow(combinations)), function(i) as.list(combinations[i, , drop = FALSE]))
}

# subset(design, by1 == v1 & by2 == v2), built as a call so the condition is literal.
domain_condition <- function(domain) {
  parts <- lapply(names(domain), function(b) call("==", as.name(b), domain[[b]]))
  Reduce(function(a, b) call("&", a, b), parts)
}

# Runs expr, returning list(value, error, warnings).
capture <- function(expr) {
  warnings <- character(0)
  value <- tryCatch(
    withCallingHandlers(expr, warning = function(w) {
      warnings <<- c(warnings, conditionMessage(w))
      invokeRestart("muffleWarning")
    }),
    error = function(e) structure(list(message = conditionMessage(e)), class = "captured_error"))
  if (inherits(value, "captured_error")) list(value = NULL, error = value$message, warnings = warnings)
  else list(value = value, error = NULL, warnings = warnings)
}

# The literal a category is compared with: a number for numeric variables, a string otherwise.
category_literal <- function(values, category) {
  if (is.numeric(values)) as.numeric(category) else category
}

# R survey 4.5's "wilson" interval (R/svyttest.R L98-116), from svymean's p and variance.
wilson_interval <- function(p, variance, df, level) {
  n_eff <- p * (1 - p) / variance
  t <- qt(1 - (1 - level) / 2, df)
  denominator <- 1 + t^2 / n_eff
  root <- sqrt(4 * n_eff * p * (1 - p) + t^2)
  c(p + t^2 / (2 * n_eff) - t / (2 * n_eff) * root,
    p + t^2 / (2 * n_eff) + t / (2 * n_eff) * root) / denominator
}

# The exact root of the profile-likelihood interval that R's "likelihood" method approximates.
# R (svyciprop -> confint.svyglm(method = "likelihood") -> MASSprofile_glm + confint_profile)
# evaluates the signed root z(b) = sign(b - b0) sqrt((D(b) - D(b0)) / dispersion) on a grid of at
# most 9 steps of zmax/5 standard errors each side, interpolates it with spline() and inverts it
# with approx() at +-t * sqrt(lambda). This function solves z(b) = +-t * sqrt(lambda) exactly with
# the same ingredients, written out:
#   scaled_i   = w_i / mean(w over all rows of the domain design, including rows where x is missing)
#   D(b)       = -2 sum_{x present} scaled_i [y_i log expit(b) + (1 - y_i) log(1 - expit(b))]
#   dispersion = svyvar of residuals.svyglm(type = "pearson") over the rows where x is present:
#                r_i = sqrt(c) (y_i - p) / sqrt(p (1 - p)), c = mean(w, x present) / mean(w, all rows),
#                weighted variance with weights w and factor n/(n - 1); this equals c n/(n - 1)
#   lambda     = variance(p) * sum_{x present} scaled_i / (p (1 - p))   (= cov.unscaled / naive.cov)
#   t          = qt(1 - alpha/2, degf(d_dom)),  b0 = logit(p)
likelihood_profile_root <- function(d_dom, values, literal, p, variance, df, level) {
  if (!(p > 0 && p < 1 && variance > 0)) return(NA)
  present <- !is.na(values)
  all_weights <- weights(d_dom)
  scaled <- (all_weights / mean(all_weights))[present]
  w <- all_weights[present]
  y <- as.numeric(values[present] == literal)
  n <- sum(present)
  # residuals.svyglm: (y - mu) sqrt(prior / pwts) / sqrt(mu (1 - mu)), prior = w / mean(all rows),
  # pwts = w / mean(rows with x present), so the ratio is a constant
  pearson <- sqrt(mean(w) / mean(all_weights)) * (y - p) / sqrt(p * (1 - p))
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
  list(bounds = plogis(c(bound(-1), bound(1))), lambda = lambda, dispersion = dispersion)
}

estimate_domain <- function(cs, design, data, domain, categories, checks) {
  variable <- cs$variable
  if (length(domain) == 0) {
    d_dom <- design
  } else {
    d_dom <- eval(bquote(subset(design, .(domain_condition(domain)))))
  }
  values <- d_dom$variables[[variable]]
  present <- !is.na(values)
  weights_present <- weights(d_dom)[present]
  kish <- sum(weights_present)^2 / sum(weights_present^2)
  df <- degf(d_dom)

  factor_formula <- as.formula(sprintf("~factor(%s)", variable))
  factor_fit <- capture(svymean(factor_formula, d_dom, na.rm = TRUE, deff = TRUE))
  prefix <- sprintf("factor(%s)", variable)

  lapply(categories, function(category) {
    notes <- character(0)
    literal <- category_literal(values, category)
    coefficient <- paste0(prefix, category)
    if (!is.null(factor_fit$value) && coefficient %in% names(coef(factor_fit$value))) {
      fit <- factor_fit$value
      p <- coef(fit)[[coefficient]]
      variance <- vcov(fit)[coefficient, coefficient]
      design_effect <- deff(fit)[[coefficient]]
      if (length(factor_fit$warnings)) notes <- c(notes, paste("svymean warning:", factor_fit$warnings))
    } else {
      # R's svymean(~factor(x)) has no row for this category (absent from the domain) or failed
      # (one observed level). The indicator mean is what R gives for the category instead.
      why <- if (!is.null(factor_fit$error)) sprintf("svymean(%s) failed in R: %s", deparse(factor_formula), factor_fit$error)
             else sprintf("category absent from the domain, so svymean(%s) has no row for it", deparse(factor_formula))
      indicator_formula <- eval(bquote(~as.numeric(.(as.name(variable)) == .(literal))))
      fallback <- capture(svymean(indicator_formula, d_dom, na.rm = TRUE, deff = TRUE))
      fit <- fallback$value
      p <- coef(fit)[[1]]
      variance <- vcov(fit)[1, 1]
      design_effect <- deff(fit)[[1]]
      notes <- c(notes, paste0(why, "; proportion, standard error and design effect from svymean(",
                               deparse(indicator_formula), ", d_dom, na.rm = TRUE, deff = TRUE)"))
    }
    respondents <- sum(values == literal, na.rm = TRUE)
    degenerate <- p == 0 || p == 1

    ci_formula <- eval(bquote(~I(.(as.name(variable)) == .(literal))))
    intervals <- list()
    interval_notes <- list()
    profile_roots <- list()
    for (level in interval_levels) {
      key <- format(level)
      bounds <- list()
      level_notes <- list()
      for (method in interval_methods) {
        result <- capture(svyciprop(ci_formula, d_dom, method = method, level = level, na.rm = TRUE))
        if (!is.null(result$error)) {
          bounds[[method]] <- NA
          level_notes[[method]] <- paste("R error:", result$error)
          next
        }
        ci <- as.numeric(attr(result$value, "ci"))
        point_gap <- abs(as.numeric(result$value) - p)
        if (method %in% c("logit", "likelihood")) checks$ciprop_point_glm <- max(checks$ciprop_point_glm, point_gap)
        else checks$ciprop_point <- max(checks$ciprop_point, point_gap)
        if (!all(is.finite(ci))) {
          bounds[[method]] <- NA
          level_notes[[method]] <- sprintf("R returned non-finite bounds [%s, %s]", ci[1], ci[2])
        } else if (degenerate && method %in% c("logit", "likelihood")) {
          bounds[[method]] <- NA
          level_notes[[method]] <- sprintf(
            "proportion is exactly %s: R returned [%.17g, %.17g] from a quasibinomial fit that cannot converge; not a reference value",
            p, ci[1], ci[2])
        } else {
          bounds[[method]] <- ci
          if (length(result$warnings))
            level_notes[[method]] <- paste("R warning:", paste(unique(result$warnings), collapse = " | "))
        }
      }
      wilson <- wilson_interval(p, variance, df, level)
      if (all(is.finite(wilson))) {
        bounds$wilson <- wilson
      } else {
        bounds$wilson <- NA
        level_notes$wilson <- "n_eff = p(1-p)/var is not finite (variance 0), so the wilson interval is undefined"
      }
      profile <- likelihood_profile_root(d_dom, values, literal, p, variance, df, level)
      if (is.list(profile)) {
        profile_roots[[key]] <- profile$bounds
        if (is.numeric(bounds$likelihood)) {
          gap <- max(abs(bounds$likelihood - profile$bounds) / profile$bounds)
          if (gap > checks$likelihood_spline) {
            checks$likelihood_spline <- gap
            checks$likelihood_worst <- list(d_dom = d_dom, variable = variable, literal = literal,
                                            level = level, df = df, exact = profile$bounds,
                                            label = sprintf("%s %s %s at %s", cs$name,
                                                            paste(unlist(domain), collapse = "/"), category, key))
          }
        }
        if (level == interval_levels[1]) {
          fit <- svyglm(eval(bquote(I(.(as.name(variable)) == .(literal)) ~ 1)), d_dom, family = quasibinomial)
          checks$lambda <- max(checks$lambda, abs(fit$cov.unscaled[1, 1] / fit$naive.cov[1, 1] / profile$lambda - 1))
          checks$dispersion <- max(checks$dispersion, abs(summary(fit)$dispersion[1] / profile$dispersion - 1))
        }
      } else {
        profile_roots[[key]] <- NA
      }
      intervals[[key]] <- bounds
      if (length(level_notes)) interval_notes[[key]] <- level_notes
    }
    for (key in names(intervals)) {
      logit <- intervals[[key]]$logit
      xlogit <- intervals[[key]]$xlogit
      if (is.numeric(logit) && is.numeric(xlogit)) {
        checks$logit_xlogit <- max(checks$logit_xlogit, abs(logit - xlogit))
        checks$logit_xlogit_relative <- max(checks$logit_xlogit_relative, abs(logit - xlogit) / abs(xlogit))
      }
    }

    list(category = category,
         domain = if (length(domain)) lapply(domain, as.character) else setNames(list(), character(0)),
         proportion = json_number(p),
         standard_error = json_number(sqrt(variance)),
         design_effect = json_number(design_effect),
         degrees_of_freedom = df,
         respondents = respondents,
         domain_respondents = sum(present),
         design_rows = nrow(d_dom),
         kish_effective_sample_size = json_number(kish),
         intervals = intervals,
         likelihood_profile_root = profile_roots,
         interval_notes = if (length(interval_notes)) interval_notes else setNames(list(), character(0)),
         notes = as.list(notes))
  })
}

checks <- new.env()
checks$ciprop_point <- 0
checks$ciprop_point_glm <- 0
checks$logit_xlogit <- 0
checks$logit_xlogit_relative <- 0
checks$likelihood_spline <- 0
checks$lambda <- 0
checks$dispersion <- 0

run_case <- function(cs) {
  data <- case_data(cs)
  call <- design_call(cs$design)
  design <- eval(call)
  values <- data[[cs$variable]]
  categories <- levels(factor(values))
  summary <- list(respondents = nrow(design),
                  strata = length(unique(design$strata[, 1])),
                  psus = length(unique(design$cluster[, 1])),
                  degrees_of_freedom = degf(design),
                  weight_total = sum(weights(design)))
  result <- list(name = cs$name, description = cs$description, data = cs$data,
                 design = cs$design[c("weight", "strata", "psu", "fpc", "lonely_psu", "nest")],
                 r_design_call = paste(deparse(call, width.cutoff = 500L), collapse = " "),
                 variable = cs$variable, by = as.list(cs$by),
                 missing_codes = if (length(cs$missing_codes)) lapply(cs$missing_codes, as.list) else setNames(list(), character(0)),
                 categories = as.list(categories),
                 summary = summary, expect_error = NA, error_detail = NA, estimates = list())

  with_lonely_policy(cs$design$lonely_psu, {
    probe <- capture(svymean(as.formula(sprintf("~factor(%s)", cs$variable)), design, na.rm = TRUE))
    if (!is.null(probe$error)) {
      stratum <- sub("^Stratum \\((.*)\\) has only one PSU.*$", "\\1", probe$error)
      if (!grepl("has only one PSU", probe$error)) stop("unexpected R error in case ", cs$name, ": ", probe$error)
      result$expect_error <- "lonely_psu"
      result$error_detail <- list(stratum = stratum, r_message = probe$error)
      return(result)
    }
    estimates <- list()
    for (domain in case_domains(data, cs$by)) {
      estimates <- c(estimates, estimate_domain(cs, design, data, domain, categories, checks))
    }
    result$estimates <- estimates
  })
  result
}

results <- lapply(cases, run_case)

# ------------------------------------------------------------------------------------------------
# 4. Sanity checks (printed; the script stops when one fails)
# ------------------------------------------------------------------------------------------------

case_named <- function(name) results[[which(vapply(results, `[[`, "", "name") == name)]]
flatten_numbers <- function(x) {
  unlist(lapply(x$estimates, function(e) c(e$proportion, e$standard_error, e$design_effect,
                                          unlist(e$intervals))))
}

# (a) FPC as population counts == FPC as sampling fractions
count_numbers <- flatten_numbers(case_named("fpc-population-count"))
fraction_numbers <- flatten_numbers(case_named("fpc-sampling-fraction"))
fpc_gap <- max(abs(count_numbers - fraction_numbers) / pmax(abs(count_numbers), 1e-300))
cat(sprintf("(a) fpc count vs fraction: max relative difference %.3g over %d numbers\n",
            fpc_gap, length(count_numbers)))
stopifnot(length(count_numbers) == length(fraction_numbers), fpc_gap < 1e-12)

# (b) svyby(~factor(x), ~by, design, svymean, na.rm = TRUE) == subset approach
for (cs in cases[vapply(cases, function(cs) length(cs$by) > 0, TRUE)]) {
  data <- case_data(cs)
  design <- eval(design_call(cs$design))
  result <- case_named(cs$name)
  by_fit <- with_lonely_policy(cs$design$lonely_psu, capture(
    svyby(as.formula(sprintf("~factor(%s)", cs$variable)),
          as.formula(paste("~", paste(cs$by, collapse = "+"))), design, svymean, na.rm = TRUE)))
  if (!is.null(by_fit$error)) {
    cat(sprintf("(b) %s: svyby fails in R (%s); subset approach used alone\n", cs$name, by_fit$error))
    next
  }
  table <- by_fit$value
  worst <- 0
  compared <- 0
  for (e in result$estimates) {
    row <- Reduce(`&`, lapply(names(e$domain), function(b) as.character(table[[b]]) == e$domain[[b]]))
    column <- sprintf("factor(%s)%s", cs$variable, e$category)
    if (sum(row) != 1 || !(column %in% names(table)) || !is.numeric(e$proportion)) next
    worst <- max(worst, abs(table[row, column] - e$proportion),
                 abs(table[row, paste0("se.", column)] - e$standard_error))
    compared <- compared + 1
  }
  cat(sprintf("(b) %s: svyby vs subset, %d estimates, max abs difference %.3g\n", cs$name, compared, worst))
  stopifnot(compared > 0, worst < 1e-12)
}

# (c) logit vs xlogit, and svyciprop's point estimate vs svymean's
cat(sprintf("(c) logit vs xlogit: max abs difference of bounds %.3g, max relative %.3g\n",
            checks$logit_xlogit, checks$logit_xlogit_relative))
cat(sprintf("    svyciprop point estimate vs svymean proportion: max abs difference %.3g (asin, beta, mean, xlogit), %.3g (logit, likelihood: expit of the glm coefficient)\n",
            checks$ciprop_point, checks$ciprop_point_glm))
stopifnot(checks$logit_xlogit < 1e-8, checks$ciprop_point < 1e-12, checks$ciprop_point_glm < 1e-8)
cat(sprintf("(e) likelihood: R's spline-interpolated bounds vs the exact profile root: max relative difference %.3g\n",
            checks$likelihood_spline))
cat(sprintf("    lambda and dispersion written out vs svyglm's: max relative difference %.3g, %.3g\n",
            checks$lambda, checks$dispersion))
stopifnot(checks$likelihood_spline < 1e-2, checks$lambda < 1e-3, checks$dispersion < 1e-6)
# R's own profiling converges to the exact root when the glm is fitted tightly and the grid is fine
worst <- checks$likelihood_worst
tight_fit <- svyglm(eval(bquote(I(.(as.name(worst$variable)) == .(worst$literal)) ~ 1)), worst$d_dom,
                    family = quasibinomial, control = glm.control(epsilon = 1e-15, maxit = 100))
fine <- suppressMessages(plogis(confint(tight_fit, 1, level = worst$level, method = "likelihood",
                                        ddf = worst$df, del = 0.005, maxsteps = 4000)))
fine_gap <- max(abs(fine - worst$exact) / worst$exact)
cat(sprintf("(f) worst likelihood case (%s): R profile with a tight glm and a fine grid vs the exact root: relative difference %.3g\n",
            worst$label, fine_gap))
stopifnot(fine_gap < 1e-6)

# (d) the published example of statistics.md §2(a): wilson formula vs the table (R 4.5 values)
data(api)
help_design <- svydesign(id = ~dnum, fpc = ~fpc, data = apiclus1)
help_fit <- svymean(~as.numeric(ell == 0), help_design)
help_wilson <- wilson_interval(coef(help_fit)[[1]], vcov(help_fit)[1, 1], degf(help_design), 0.95)
cat(sprintf("(d) wilson on apiclus1 ell==0: [%.10f, %.10f] (statistics.md, R 4.5: [0.0031787772, 0.1353912851])\n",
            help_wilson[1], help_wilson[2]))
stopifnot(abs(help_wilson - c(0.0031787772, 0.1353912851)) < 1e-9)

reference <- list(generated_by = generated_by, seed = seed,
                  methods = c(interval_methods, "wilson"),
                  levels = format(interval_levels),
                  cases = results)
write_json(reference, "reference.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat(sprintf("reference.json: %d cases, %d estimates\n", length(results),
            sum(vapply(results, function(r) length(r$estimates), 0L))))

# ------------------------------------------------------------------------------------------------
# 5. API examples (data(api) from survey): published and computed oracles
# ------------------------------------------------------------------------------------------------

api_columns <- c("stype", "dnum", "snum", "pw", "fpc", "api00", "api99", "sch.wide", "comp.imp",
                 "ell", "emer", "enroll")
write_csv(apistrat[, api_columns], "apistrat.csv")
write_csv(apiclus1[, api_columns], "apiclus1.csv")
strat_csv <- read_csv("apistrat.csv")
clus1_csv <- read_csv("apiclus1.csv")

interval_set <- function(formula, design, p, variance) {
  intervals <- list()
  for (level in interval_levels) {
    bounds <- list()
    for (method in interval_methods) {
      bounds[[method]] <- as.numeric(attr(svyciprop(formula, design, method = method, level = level), "ci"))
    }
    bounds$wilson <- wilson_interval(p, variance, degf(design), level)
    intervals[[format(level)]] <- bounds
  }
  intervals
}

dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = strat_csv, fpc = ~fpc)
strat_mean <- svymean(~api00, dstrat)
dstrat_original <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc)
strat_original <- svymean(~api00, dstrat_original)

dclus1_help <- svydesign(id = ~dnum, fpc = ~fpc, data = clus1_csv)
ell_fit <- svymean(~as.numeric(ell == 0), dclus1_help, deff = TRUE)
ell_p <- coef(ell_fit)[[1]]
ell_var <- vcov(ell_fit)[1, 1]

dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = clus1_csv, fpc = ~fpc)
clus1_mean <- svymean(~api00, dclus1)
joint <- svymean(~as.numeric(sch.wide == "Yes") + as.numeric(comp.imp == "Yes"), dclus1)
joint_cov <- unname(vcov(joint))
gap <- svycontrast(joint, c(1, -1))
gap_direct <- svymean(~I(as.numeric(sch.wide == "Yes") - as.numeric(comp.imp == "Yes")), dclus1)
stopifnot(abs(coef(gap) - coef(gap_direct)) < 1e-12, abs(SE(gap) - SE(gap_direct)) < 1e-12)
gap_ci <- as.numeric(confint(gap_direct, df = degf(dclus1)))

api <- list(
  generated_by = generated_by,
  source = "data(api) from R survey; columns kept: stype, dnum, snum, pw, fpc, api00, api99, sch.wide, comp.imp, ell, emer, enroll. Values computed from the CSV files as read back.",
  examples = list(
    list(name = "apistrat-mean-api00", data = "apistrat.csv",
         design = list(weight = "pw", strata = "stype", psu = NA, fpc = "fpc", lonely_psu = "fail", nest = FALSE),
         r_calls = c("dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc)",
                     "svymean(~api00, dstrat)"),
         statistic = "mean", variable = "api00",
         estimate = coef(strat_mean)[[1]], standard_error = SE(strat_mean)[[1]],
         degrees_of_freedom = degf(dstrat), design_rows = nrow(dstrat),
         published = list(estimate = 662.29, standard_error = 9.4089,
                          source = "cran/survey tests/testoutput/api.Rout.saved (example(api))"),
         difference_from_original_data = list(
           estimate = abs(coef(strat_mean)[[1]] - coef(strat_original)[[1]]),
           standard_error = abs(SE(strat_mean)[[1]] - SE(strat_original)[[1]]))),
    list(name = "apiclus1-mean-api00", data = "apiclus1.csv",
         design = list(weight = "pw", strata = NA, psu = "dnum", fpc = "fpc", lonely_psu = "fail", nest = FALSE),
         r_calls = c("dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)",
                     "svymean(~api00, dclus1)"),
         statistic = "mean", variable = "api00",
         estimate = coef(clus1_mean)[[1]], standard_error = SE(clus1_mean)[[1]],
         degrees_of_freedom = degf(dclus1), design_rows = nrow(dclus1),
         published = list(estimate = 644.17, standard_error = 23.542,
                          source = "cran/survey tests/testoutput/api.Rout.saved (example(api))")),
    list(name = "apiclus1-ciprop-ell0", data = "apiclus1.csv",
         design = list(weight = NA, strata = NA, psu = "dnum", fpc = "fpc", lonely_psu = "fail", nest = FALSE),
         r_calls = c("dclus1 <- svydesign(id = ~dnum, fpc = ~fpc, data = apiclus1)",
                     "svymean(~as.numeric(ell == 0), dclus1, deff = TRUE)",
                     "svyciprop(~I(ell == 0), dclus1, method = m, level = L)  # m in logit likelihood asin beta mean xlogit; L in 0.95 0.9",
                     "wilson: computed from svymean's p and variance with t = qt(1 - alpha/2, degf(dclus1)) (R survey 4.5 formula)"),
         statistic = "proportion", variable = "ell", category = "ell == 0",
         proportion = ell_p, standard_error = sqrt(ell_var), design_effect = deff(ell_fit)[[1]],
         degrees_of_freedom = degf(dclus1_help), design_rows = nrow(dclus1_help),
         respondents = sum(clus1_csv$ell == 0),
         intervals = interval_set(~I(ell == 0), dclus1_help, ell_p, ell_var),
         likelihood_profile_root = sapply(c("0.95" = 0.95, "0.9" = 0.9), function(level)
           likelihood_profile_root(dclus1_help, clus1_csv$ell == 0, TRUE, ell_p, ell_var, degf(dclus1_help), level)$bounds,
           simplify = FALSE),
         published = list(source = "statistics.md §5.1 (computed with R survey 4.5)",
                          logit = c(0.0023046913, 0.1777477665), likelihood = c(0.0006639212, 0.1077784084),
                          asin = c(0.0003071927, 0.0955767364), beta = c(0.0002161468, 0.1375077639),
                          mean = c(-0.0266624080, 0.0703782550), xlogit = c(0.0023046913, 0.1777477668),
                          wilson = c(0.0031787772, 0.1353912851))),
    list(name = "apiclus1-joint-schwide-compimp", data = "apiclus1.csv",
         design = list(weight = "pw", strata = NA, psu = "dnum", fpc = "fpc", lonely_psu = "fail", nest = FALSE),
         r_calls = c("dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)",
                     "joint <- svymean(~as.numeric(sch.wide == \"Yes\") + as.numeric(comp.imp == \"Yes\"), dclus1)",
                     "svycontrast(joint, c(1, -1))",
                     "confint(svymean(~I(as.numeric(sch.wide == \"Yes\") - as.numeric(comp.imp == \"Yes\")), dclus1), df = degf(dclus1))"),
         statistic = "joint proportions", variables = c("sch.wide", "comp.imp"), category = "Yes",
         proportions = unname(coef(joint)), standard_errors = unname(SE(joint)),
         covariance = joint_cov, degrees_of_freedom = degf(dclus1),
         gap = list(estimate = coef(gap)[[1]], standard_error = SE(gap)[[1]],
                    standard_error_ignoring_covariance = sqrt(joint_cov[1, 1] + joint_cov[2, 2]),
                    interval_0.95_t = gap_ci),
         published = list(source = "statistics.md §5.1 (computed with R survey 4.5)",
                          proportions = c(0.87431694, 0.72677596), gap = 0.14754098,
                          gap_standard_error = 0.01711, interval_0.95_t = c(0.1108473097, 0.1842346575)))
  ))
write_json(api, "api-examples.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat(sprintf("apistrat api00: %.10f (SE %.10f); apiclus1 ell==0 logit [%.10f, %.10f]\n",
            coef(strat_mean), SE(strat_mean), api$examples[[3]]$intervals[["0.95"]]$logit[1],
            api$examples[[3]]$intervals[["0.95"]]$logit[2]))
cat(sprintf("apiclus1 gap %.8f SE %.8f\n", coef(gap), SE(gap)))
