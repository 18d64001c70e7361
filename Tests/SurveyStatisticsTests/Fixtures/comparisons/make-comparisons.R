# make-comparisons.R
#
# Golden reference values for Confiance's pairwise comparisons of a share between the groups of a
# variable (SurveyDesign.pairwiseShareComparisons): every group's share from
# svyby(~y, ~group, design, svymean, na.rm = TRUE, covmat = TRUE), every difference of two groups'
# shares with svycontrast() on that svyby (so its variance includes the covariance between the
# groups), t = difference / SE on the design degrees of freedom, and p.adjust(p, "holm").
#
# Run from this folder:   Rscript make-comparisons.R
#
# Reads ../crosstabs/privacy.csv and ../crosstabs/privacy-targets.csv (written by
# ../crosstabs/make-crosstabs.R); writes reference.json. write_json(digits = NA) writes 15
# significant digits.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

set.seed(20261205)  # nothing is drawn; set for the record
invisible(Sys.setlocale("LC_COLLATE", "C"))
options(survey.lonely.psu = "fail")

generated_by <- sprintf("%s; survey %s; jsonlite %s", R.version.string,
                        as.character(packageVersion("survey")),
                        as.character(packageVersion("jsonlite")))

privacy <- read.csv("../crosstabs/privacy.csv", na.strings = "", stringsAsFactors = FALSE)
targets <- read.csv("../crosstabs/privacy-targets.csv", stringsAsFactors = FALSE)

# The 0/1 indicators compared (NA where the answer is missing).
privacy$concern[privacy$concern %in% 9] <- NA            # 9 = refused, declared missing
privacy$protect_yes <- as.numeric(privacy$protect == "yes")
privacy$concern_top2 <- as.numeric(privacy$concern >= 4)

make_design <- function(case) {
  args <- list(ids = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = privacy)
  if (isTRUE(case$fpc)) args$fpc <- ~N_psu
  design <- do.call(svydesign, args)
  if (isTRUE(case$raked)) {
    margins <- lapply(split(targets, factor(targets$variable, levels = unique(targets$variable))),
                      function(t) setNames(data.frame(t$category, t$target, stringsAsFactors = FALSE),
                                           c(t$variable[1], "Freq")))
    design <- rake(design, sample.margins = lapply(names(margins), function(v) as.formula(paste0("~", v))),
                   population.margins = unname(margins), control = list(maxit = 100, epsilon = 1e-10))
  }
  if (isTRUE(case$jackknife)) design <- as.svrepdesign(design, type = "JKn")
  design
}

# Every group's share with the joint covariance, as one svyratio(covmat = TRUE) of the
# group-masked answers over the group indicators (equal to svyby(covmat = TRUE), checked below on
# the cases where svyby works), as a svystat in the order of `groups`.
joint_ratio_fit <- function(d, indicator, by, groups) {
  x <- d$variables
  for (k in seq_along(groups)) {
    inside <- x[[by]] %in% groups[k]
    d$variables[[paste0("in", k)]] <- as.numeric(inside)
    d$variables[[paste0("y", k)]] <- ifelse(inside, x[[indicator]], 0)
  }
  numerators <- paste0("y", seq_along(groups))
  denominators <- paste0("in", seq_along(groups))
  fit <- svyratio(as.formula(paste("~", paste(numerators, collapse = " + "))),
                  as.formula(paste("~", paste(denominators, collapse = " + "))), d, covmat = TRUE)
  keys <- paste0(numerators, "/", denominators)
  structure(setNames(as.vector(coef(fit)[keys]), keys), var = vcov(fit)[keys, keys],
            statistic = "ratio", class = "svystat")
}
checks <- list(ratio_vs_svyby = 0)

cases <- list(
  list(name = "protect-by-age", variable = "protect", category = "yes", indicator = "protect_yes",
       by = "age_band", fpc = FALSE, raked = FALSE, jackknife = FALSE),
  list(name = "concern-top2-by-status-fpc", variable = "concern", category = "top2", indicator = "concern_top2",
       by = "status", fpc = TRUE, raked = FALSE, jackknife = FALSE),
  list(name = "raked-protect-by-age", variable = "protect", category = "yes", indicator = "protect_yes",
       by = "age_band", fpc = FALSE, raked = TRUE, jackknife = FALSE),
  list(name = "jackknife-concern-top2-by-age", variable = "concern", category = "top2", indicator = "concern_top2",
       by = "age_band", fpc = FALSE, raked = FALSE, jackknife = TRUE))

run_case <- function(case) {
  design <- make_design(case)
  formula <- as.formula(paste0("~", case$indicator))
  by <- as.formula(paste0("~", case$by))
  # The rows with an answer and a group. svyby(covmat = TRUE, na.rm = TRUE) fails in survey 4.1
  # when svymean drops rows with a missing answer (its influence functions no longer line up with
  # the rows), so the design is restricted to them first: what svymean(na.rm = TRUE) does itself.
  kept <- !is.na(privacy[[case$indicator]]) & !is.na(privacy[[case$by]])
  # A calibrated (raked) design keeps the other rows with weight 0: their answer is set to 0, which
  # changes nothing (it is weighted 0) but keeps svymean from dropping rows.
  answered <- subset(design, kept)
  answered$variables[[case$indicator]][is.na(answered$variables[[case$indicator]])] <- 0
  groups <- sort(unique(privacy[[case$by]][kept]))
  ratio_fit <- joint_ratio_fit(answered, case$indicator, case$by, groups)
  if (isTRUE(case$raked)) {
    # svyby(covmat = TRUE) of survey 4.1 cannot stack the influence functions of a raked design's
    # groups (they keep every row): there the joint estimates come from svyratio(covmat = TRUE).
    groups_fit <- ratio_fit
  } else {
    groups_fit <- svyby(formula, by, answered, svymean, covmat = TRUE)
    stopifnot(identical(as.character(groups_fit[[case$by]]), groups))
    checks$ratio_vs_svyby <<- max(checks$ratio_vs_svyby,
                                  max(abs(coef(ratio_fit) - coef(groups_fit)) / abs(coef(groups_fit))),
                                  max(abs(vcov(ratio_fit) - vcov(groups_fit))) / max(abs(vcov(groups_fit))))
  }
  V <- vcov(groups_fit)
  # Degrees of freedom: degf() of the design restricted to the rows with an answer and a group.
  df <- degf(answered)
  k <- length(groups)
  pairs <- list()
  for (a in 1:(k - 1)) for (b in (a + 1):k) {
    contrast <- rep(0, k); contrast[a] <- 1; contrast[b] <- -1
    pairs[[length(pairs) + 1]] <- list(a = a, b = b, contrast = contrast)
  }
  # Named contrasts: confint() of unnamed ones has no rows.
  contrasts <- svycontrast(groups_fit, setNames(lapply(pairs, `[[`, "contrast"), sprintf("pair%d", seq_along(pairs))))
  differences <- as.numeric(coef(contrasts))
  standard_errors <- as.numeric(SE(contrasts))
  t <- differences / standard_errors
  p <- 2 * pt(-abs(t), df)
  adjusted <- p.adjust(p, method = "holm")
  intervals <- confint(contrasts, df = df)
  # Sanity: each group's SE equals svymean on the subset, and the contrast SE equals the quadratic form.
  for (g in seq_len(k)) {
    alone <- svymean(formula, subset(design, privacy[[case$by]] %in% groups[g] & kept), na.rm = TRUE)
    stopifnot(abs(SE(alone) - sqrt(V[g, g])) < 1e-12 * sqrt(V[g, g]))
  }
  for (i in seq_along(pairs)) {
    c <- pairs[[i]]$contrast
    stopifnot(abs(sqrt(drop(t(c) %*% V %*% c)) - standard_errors[i]) < 1e-12 * standard_errors[i])
  }
  list(
    name = case$name, variable = case$variable, category = case$category, by = case$by,
    design = list(weight = "w", strata = "stratum", psu = "psu", fpc = if (case$fpc) "N_psu" else NA,
                  raked = case$raked, jackknife = case$jackknife),
    missing_codes = if (case$variable == "concern") list(concern = I("9")) else setNames(list(), character(0)),
    counted = if (case$category == "top2") I(c("4", "5")) else I("yes"),
    degrees_of_freedom = df,
    groups = lapply(seq_len(k), function(g) list(
      group = groups[g], share = unname(coef(groups_fit)[g]), standard_error = sqrt(V[g, g]))),
    covariance = lapply(seq_len(k), function(g) unname(V[g, ])),
    comparisons = lapply(seq_along(pairs), function(i) list(
      first = groups[pairs[[i]]$a], second = groups[pairs[[i]]$b],
      difference = differences[i], standard_error = standard_errors[i], t = t[i], p_value = p[i],
      p_value_holm = adjusted[i], interval = I(unname(intervals[i, ])))))
}

reference <- list(
  generated_by = generated_by,
  r_calls = list(
    groups = "svyby(~y, ~group, subset(design, !is.na(y) & !is.na(group)), svymean, na.rm = TRUE, covmat = TRUE)",
    differences = "svycontrast(that, list(c(1, -1, 0, ...), ...))",
    test = "t = coef / SE; p = 2 * pt(-abs(t), degf(subset(design, !is.na(y) & !is.na(group))))",
    adjustment = "p.adjust(p, method = 'holm') over the pairs of one case",
    interval = "confint(contrasts, df = that df)"),
  cases = lapply(cases, run_case))
reference$checks <- checks
stopifnot(checks$ratio_vs_svyby < 1e-12)
write_json(reference, "reference.json", auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null")
cat("wrote reference.json\n")
