# make-reliability.R
#
# Golden values for Confiance's NCHS Data Presentation Standards for Proportions
# (ReliabilityAssessment): Korn–Graubard intervals with the NCHS effective sample size, the
# suppression / review rules and the complement footnote.
#
# Run from this folder:   Rscript make-reliability.R
# Writes reference.json (no CSV: the example-survey cases read surveys/privacy-france-2025.csv).
#
# The rules are transcribed from the NCHS SAS macro `calculate_KornGraubard_CIs` v2.0 (Crescent
# Martin, NCHS, 2021; data step "Calculate Korn and Graubard confidence intervals"), line by line:
#   p      = fuzz(p)                                  (within 1e-12 of 0 or 1 -> exactly 0 or 1)
#   p in {0,1}:  n_eff = n_eff_df = n                 (no degrees-of-freedom adjustment)
#   otherwise:   n_eff = p(1-p)/SE^2
#                t_adj = (tinv(.975, n-1) / tinv(.975, df))^2   (1 when df_adjust = NO / NHIS)
#                n_eff_df = min(n, n_eff * t_adj)     (SAS min() ignores missing values)
#   x = p * n_eff_df; Clopper-Pearson limits through F quantiles with (x, n_eff_df)
#   RCIW  = round(CIW / p * 100, 0.1)        if p > 0     (from the UNROUNDED width)
#   RCIW' = round(CIW / (1-p) * 100, 0.1)    if p < 1
#   CIW   = round(CIW * 100, 0.1)                         (then the width tests use this)
#   suppress: min(n_eff, n) < 30 | CIW >= 30 | (not CIW <= 5 and RCIW > 130)
#   review (if not suppressed): p in {0,1} | df < 8 (df_adjust = YES only)
#   complement footnote (if presented): CIW > 5 and RCIW' > 130
# SAS ROUND rounds half away from zero on the decimal value (0.15 -> 0.2); `sas_round` below does
# the same. SAS functions with invalid arguments (tinv with 0 degrees of freedom, division by a
# zero SE) return missing values, and min() ignores them: so n_eff_df = n in those cases.
# One deliberate difference from the macro: for p in {0,1} the macro never computes df (it stays
# missing, and missing < 8 is true in SAS), so its "DF < 8" flag is always on there; here that
# reason is reported only when df < 8. The outcome (review) is the same.
#
# R survey's svyciprop(method = "beta") is the same interval without the cap at n and without the
# p in {0,1} rule; the example-survey cases check that both agree where neither applies.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

invisible(Sys.setlocale("LC_COLLATE", "C"))
generated_by <- sprintf("%s; survey %s; jsonlite %s", R.version.string,
                        as.character(packageVersion("survey")), as.character(packageVersion("jsonlite")))

# ---------------------------------------------------------------------------------------------
# The NCHS macro, transcribed
# ---------------------------------------------------------------------------------------------

sas_fuzz <- function(x) if (abs(x - round(x)) < 1e-12) round(x) else x

sas_round <- function(x, unit = 0.1) {
  if (is.na(x)) return(NA_real_)
  scaled <- abs(x) / unit
  whole <- floor(scaled)
  fraction <- scaled - whole
  tie <- abs(fraction - 0.5) <= 1e-10 * max(1, scaled)
  rounded <- if (tie) whole + 1 else floor(scaled + 0.5)
  sign(x) * rounded * unit
}

sas_min <- function(...) {
  values <- c(...)
  values <- values[!is.na(values)]
  if (length(values) == 0) NA_real_ else min(values)
}

sas_tinv <- function(p, df) if (is.na(df) || df <= 0) NA_real_ else qt(p, df)

nchs <- function(p, se, n, df, df_adjust = TRUE) {
  p <- sas_fuzz(p)
  if (p %in% c(0, 1)) {
    n_eff <- n
    n_star <- n
    x <- p * n_star
    if (p == 0) {
      lower <- 0
      upper <- (1 + ((n_star - x) / ((x + 1) * qf(0.975, 2 * (x + 1), 2 * (n_star - x)))))^(-1)
    } else {
      lower <- (1 + ((n_star - x + 1) / (x * qf(0.025, 2 * x, 2 * (n_star - x + 1)))))^(-1)
      upper <- 1
    }
  } else {
    n_eff <- if (se > 0) p * (1 - p) / se^2 else NA_real_
    t_adj <- if (df_adjust) (sas_tinv(0.975, n - 1) / sas_tinv(0.975, df))^2 else 1
    n_star <- sas_min(n, n_eff * t_adj)
    x <- p * n_star
    lower <- (1 + ((n_star - x + 1) / (x * qf(0.025, 2 * x, 2 * (n_star - x + 1)))))^(-1)
    upper <- (1 + ((n_star - x) / ((x + 1) * qf(0.975, 2 * (x + 1), 2 * (n_star - x)))))^(-1)
  }
  width <- upper - lower
  relative_width <- if (p > 0) sas_round(width / p * 100) else NA_real_
  complement_relative_width <- if (p < 1) sas_round(width / (1 - p) * 100) else NA_real_
  width_points <- sas_round(width * 100)

  reasons <- character(0)
  if (sas_min(n_eff, n) < 30) reasons <- c(reasons, "effectiveSampleSizeBelow30")
  if (width_points >= 30) reasons <- c(reasons, "confidenceIntervalTooWide")
  if (!(width_points <= 5) && !is.na(relative_width) && relative_width > 130)
    reasons <- c(reasons, "relativeConfidenceIntervalTooWide")
  suppress <- length(reasons) > 0
  if (df_adjust && df < 8) reasons <- c(reasons, "fewDegreesOfFreedom")
  if (p %in% c(0, 1)) reasons <- c(reasons, "proportionZeroOrOne")
  review <- !suppress && (p %in% c(0, 1) || (df_adjust && df < 8))
  outcome <- if (suppress) "suppress" else if (review) "review" else "present"
  complement <- outcome == "present" && width_points > 5 && !is.na(complement_relative_width) &&
    complement_relative_width > 130

  list(proportion = p, effective_sample_size = n_eff,
       adjusted_effective_sample_size = n_star, lower = lower, upper = upper, width = width,
       width_points = width_points, relative_width_percent = relative_width,
       complement_relative_width_percent = complement_relative_width, outcome = outcome,
       reasons = I(reasons), complement_may_be_unreliable = complement)
}

input_case <- function(name, p, se, n, df, df_adjust = TRUE, description = "", published = NULL) {
  result <- nchs(p, se, n, df, df_adjust)
  case <- list(name = name, description = description,
               inputs = list(proportion = p, standard_error = se, sample_size = n, degrees_of_freedom = df,
                             degrees_of_freedom_adjustment = df_adjust),
               expected = result)
  if (!is.null(published)) case$published <- published
  case
}

# The standard error that gives an unrounded interval width `width` (for rounding-edge cases).
se_for_width <- function(p, n, df, width) {
  uniroot(function(se) { r <- nchs(p, se, n, df); r$width - width },
          lower = 1e-4, upper = sqrt(p * (1 - p) / 2), tol = 1e-14)$root
}

# ---------------------------------------------------------------------------------------------
# Cases from inputs (p, SE, n, df)
# ---------------------------------------------------------------------------------------------

cases <- list(
  input_case("ward-example-1", 0.0157735, 0.0013157, 45710, 2129,
             description = "Ward (2019), Stata Journal 19(3): 2014 NAMCS, visits with congestive heart failure",
             published = list(adjusted_effective_sample_size = 8958.54, lower = 0.0133, upper = 0.0186, width = 0.0053)),
  input_case("ward-example-2", 0.0388459, 0.0177429, 440, 1958,
             description = "Ward (2019): Hispanic women 65 and older with congestive heart failure",
             published = list(adjusted_effective_sample_size = 119.11, lower = 0.0120, upper = 0.0910,
                              relative_width_percent = 203.3, outcome = "suppress")),
  input_case("svy-case-a-srs", 0.507348258357226, 0.0192309892530454, 922, 921,
             description = "samplics-org/svy test case A (R svyciprop beta 0.468954757876348-0.545677337133621)"),
  input_case("svy-case-d-stratified-clustered", 0.507348258357226, 0.0167712595840644, 922, 56,
             description = "svy test case D (R beta 0.473233376535445-0.541412207644769, n* = 852.88)"),
  input_case("svy-case-e-subset", 0.471999767708621, 0.0348828290040279, 276, 56,
             description = "svy test case E (R beta 0.400786658613709-0.544064683764286)"),
  input_case("zero-events-few-df", 0, 0, 100, 5,
             description = "p = 0: n* = n without df adjustment (macro), upper 0.0362 (statistics.md 4.4)"),
  input_case("all-events", 1, 0, 100, 20, description = "p = 1: review"),
  input_case("zero-events-small-n", 0, 0, 20, 30, description = "p = 0 with n = 20: n < 30"),
  input_case("zero-events-tiny-n", 0, 0, 10, 30, description = "p = 0 with n = 10: n < 30 and width >= 30 points"),
  input_case("nearly-zero-is-fuzzed", 1e-13, 1e-7, 500, 40, description = "p within 1e-12 of 0 counts as 0"),
  input_case("design-effect-below-one-capped", 0.3, 0.01, 1000, 50,
             description = "n_eff = 2100 > n = 1000: n* capped at n (R's beta does not cap)"),
  input_case("effective-size-below-30", 0.4, 0.1, 200, 40, description = "n_eff = 24"),
  input_case("few-degrees-of-freedom", 0.4, 0.03, 500, 5, description = "df = 5 < 8: review"),
  input_case("no-degrees-of-freedom", 0.4, 0.03, 500, 0,
             description = "df = 0: tinv is missing in SAS, so n* = min(n, missing) = n; review"),
  input_case("nhis-no-adjustment", 0.4, 0.03, 500, 5, df_adjust = FALSE,
             description = "df_adjust = NO (NHIS): n* = min(n, n_eff), no df review"),
  input_case("zero-standard-error", 0.5, 0, 50, 10,
             description = "SE = 0 with 0 < p < 1: n_eff missing in SAS, n* = n"),
  input_case("complement-footnote", 0.95, 0.02, 400, 30,
             description = "presented, width > 5 points, width / (1 - p) > 130%"),
  input_case("near-one-narrow", 0.999, 0.001, 2000, 100, description = "width <= 5 points: no complement footnote"),
  input_case("moderate-present", 0.62, 0.025, 1200, 60, description = "an ordinary presented estimate")
)

# Rounding-order edges: the width is rounded to 0.1 point BEFORE the >= 30 and <= 5 tests, the
# relative width is rounded from the unrounded width.
cases <- c(cases, list(
  input_case("width-rounds-up-to-30", 0.5, se_for_width(0.5, 300, 60, 0.29960), 300, 60,
             description = "unrounded width 29.960 points rounds to 30.0: suppress"),
  input_case("width-rounds-down-below-30", 0.5, se_for_width(0.5, 300, 60, 0.29940), 300, 60,
             description = "unrounded width 29.940 points rounds to 29.9: present"),
  input_case("width-rounds-down-to-5", 0.03, se_for_width(0.03, 3000, 60, 0.05040), 3000, 60,
             description = "width 5.04 points rounds to 5.0 (<= 5): kept although RCIW > 130%"),
  input_case("width-rounds-up-above-5", 0.03, se_for_width(0.03, 3000, 60, 0.05060), 3000, 60,
             description = "width 5.06 points rounds to 5.1 (> 5) and RCIW > 130%: suppress"),
  input_case("relative-width-rounds-to-130", 0.1, se_for_width(0.1, 3000, 60, 0.130040), 3000, 60,
             description = "RCIW 130.04% rounds to 130.0 (not > 130): present"),
  input_case("relative-width-rounds-above-130", 0.1, se_for_width(0.1, 3000, 60, 0.130060), 3000, 60,
             description = "RCIW 130.06% rounds to 130.1 (> 130): suppress")
))

stopifnot(abs(sas_round(0.15) - 0.2) < 1e-12, abs(sas_round(2.25) - 2.3) < 1e-12, abs(sas_round(-0.15) + 0.2) < 1e-12)

# Sanity checks against R survey's beta method and the published values.
check_beta <- function(case, lower, upper) {
  e <- case$expected
  stopifnot(abs(e$lower - lower) < 1e-9 * lower, abs(e$upper - upper) < 1e-9 * upper)
}
check_beta(cases[[3]], 0.468954757876348, 0.545677337133621)
check_beta(cases[[4]], 0.473233376535445, 0.541412207644769)
check_beta(cases[[5]], 0.400786658613709, 0.544064683764286)
stopifnot(abs(round(cases[[1]]$expected$lower, 4) - 0.0133) < 1e-12, abs(round(cases[[1]]$expected$upper, 4) - 0.0186) < 1e-12)
stopifnot(abs(round(cases[[2]]$expected$lower, 4) - 0.0120) < 1e-12, abs(round(cases[[2]]$expected$upper, 4) - 0.0910) < 1e-12)
stopifnot(cases[[2]]$expected$relative_width_percent == 203.3, cases[[2]]$expected$outcome == "suppress")
stopifnot(abs(cases[[6]]$expected$upper - 0.0362) < 5e-5)

# ---------------------------------------------------------------------------------------------
# Cases from the example survey (R survey estimates, then the rules)
# ---------------------------------------------------------------------------------------------

survey_file <- "../../../../surveys/privacy-france-2025.csv"
data <- read.csv(survey_file, colClasses = "character", na.strings = character(0))
data$base_weight <- as.numeric(data$base_weight)
design <- svydesign(ids = ~point, strata = ~region, weights = ~base_weight, nest = TRUE, data = data)
missing_codes <- c("9", "dk", "")

survey_case <- function(variable, category, by) {
  levels <- if (is.null(by)) "(all)" else sort(unique(data[[by]]))
  estimates <- list()
  for (level in levels) {
    in_domain <- if (is.null(by)) rep(TRUE, nrow(data)) else data[[by]] == level
    answered <- !(data[[variable]] %in% missing_codes)
    domain_design <- subset(design, in_domain)
    analysed <- subset(design, in_domain & answered)
    y <- as.numeric(data[[variable]] == category)
    fit <- svymean(~y, update(analysed, y = y[in_domain & answered]))
    p <- as.numeric(coef(fit)); se <- as.numeric(SE(fit)); n <- sum(in_domain & answered)
    df <- degf(domain_design)
    result <- nchs(p, se, n, df)
    # R survey's beta interval agrees when the cap and the p in {0,1} rule do not apply.
    if (p > 0 && p < 1 && result$adjusted_effective_sample_size < n && degf(analysed) == df) {
      beta <- attr(svyciprop(~I(y == 1), update(analysed, y = y[in_domain & answered]), method = "beta"), "ci")
      stopifnot(abs(beta[[1]] - result$lower) < 1e-9 * result$lower, abs(beta[[2]] - result$upper) < 1e-9 * result$upper)
    }
    estimates[[length(estimates) + 1]] <- list(
      domain = if (is.null(by)) setNames(list(), character(0)) else setNames(list(level), by),
      standard_error = se, sample_size = n, degrees_of_freedom = df, expected = result)
  }
  list(variable = variable, category = category, by = if (is.null(by)) I(character(0)) else I(by),
       estimates = estimates)
}

survey_cases <- list(
  survey_case("gdpr_heard", "yes-know", "region"),
  survey_case("prot_exercised_gdpr_right", "1", "region"),
  survey_case("concern_protection", "5", "age_band"),
  survey_case("concern_protection", "1", "region"),
  survey_case("trust_bank", "5", NULL)
)

outcomes <- unlist(lapply(survey_cases, function(case) sapply(case$estimates, function(e) e$expected$outcome)))
stopifnot(all(c("present", "review", "suppress") %in% outcomes))

write_json(list(generated_by = generated_by, survey = "surveys/privacy-france-2025.csv",
                design = list(weight = "base_weight", strata = "region", psu = "point"),
                missing_codes = missing_codes, cases = cases, survey_cases = survey_cases),
           "reference.json", auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null", na = "null")
cat(sprintf("%d input cases, %d example-survey estimates (%s)\n", length(cases), length(outcomes),
            paste(names(table(outcomes)), table(outcomes), collapse = ", ")))
