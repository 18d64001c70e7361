# make-raking.R
#
# Golden reference values for Confiance's weighting: raking (R survey's rake()), post-stratification
# (postStratify()), trimming (trimWeights()), trim-and-rerake, weight diagnostics, and estimates
# with their standard errors on the weighted designs, computed with R's `survey` package.
#
# Run from this folder:   Rscript make-raking.R
#
# Writes (all in this folder):
#   clustered.csv, weights_only.csv, apiclus1.csv, apistrat.csv, kalton.csv   data
#   *-targets.csv                     population margins, format `variable,category,target`
#   reference.json                    one entry per case
#
# Every number is computed from the CSV files *as read back* with read.csv, and every margin from
# the targets files as read back, so the reference values belong to exactly what a test reads.
# jsonlite::write_json(digits = NA) writes 15 significant digits.

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

interval_methods <- c("logit", "asin", "beta", "mean", "xlogit")

json_number <- function(x) {
  x <- unname(as.numeric(x))
  if (length(x) == 1 && is.finite(x)) x else NA
}
write_csv <- function(data, file) write.csv(data, file, row.names = FALSE, na = "")
read_csv <- function(file) read.csv(file, na.strings = "", stringsAsFactors = FALSE)

draw <- function(n, labels, prob) sample(labels, n, replace = TRUE, prob = prob)
plant_missing <- function(x, count) { x[sample(seq_along(x), count)] <- NA; x }

# ------------------------------------------------------------------------------------------------
# 1. Data
# ------------------------------------------------------------------------------------------------

## clustered.csv — 700 rows, 7 strata, 4–6 PSUs each, FPC as population PSU counts --------------
strata <- sprintf("S%d", 1:7)
psus_per_stratum <- c(4, 5, 6, 4, 5, 6, 5)
psu_count <- sum(psus_per_stratum)
sizes <- 10 + as.vector(rmultinom(1, 700 - 10 * psu_count, prob = runif(psu_count, 0.5, 1.5)))
stratum_of_psu <- rep(strata, psus_per_stratum)
cl <- data.frame(stratum = rep(stratum_of_psu, sizes),
                 psu = rep(unlist(lapply(psus_per_stratum, seq_len)), sizes),
                 stringsAsFactors = FALSE)
psu_index <- rep(seq_len(psu_count), sizes)
h <- match(cl$stratum, strata)
cl$N_psu <- psus_per_stratum[h] * c(5, 8, 10, 20, 25, 40, 50)[h]
cl$w <- round(c(5, 8, 10, 20, 25, 40, 50)[h] * runif(psu_count, 20, 45)[psu_index] *
              exp(rnorm(nrow(cl), 0, 0.25)), 4)
rows <- nrow(cl)
cl$region <- draw(rows, c("north", "south", "east", "west", "centre"), c(0.3, 0.25, 0.2, 0.15, 0.1))
cl$sex <- draw(rows, c("F", "M"), c(0.58, 0.42))
cl$agegroup <- draw(rows, c("18-34", "35-54", "55+"), c(0.22, 0.38, 0.40))
cl$education <- draw(rows, c("low", "mid", "high"), c(0.25, 0.45, 0.30))
latent <- rnorm(rows) + rnorm(psu_count, 0, 0.5)[psu_index] + 0.5 * (cl$agegroup == "18-34") -
  0.4 * (cl$education == "low") + 0.3 * (cl$sex == "F")
cl$opinion <- plant_missing(ifelse(latent > 0.6, "agree", ifelse(latent > -0.4, "neutral", "disagree")), 12)
cl$satisfied <- ifelse(latent + rnorm(rows) > 0, "yes", "no")
cl$score <- plant_missing(round(50 + 10 * latent + rnorm(rows, 0, 5), 2), 15)
cl$id <- seq_len(rows)
cl <- cl[, c("id", "stratum", "psu", "N_psu", "w", "region", "sex", "agegroup", "education",
             "opinion", "satisfied", "score")]
write_csv(cl, "clustered.csv")

## weights_only.csv — 400 rows, weights only -------------------------------------------------
n <- 400
wo <- data.frame(id = seq_len(n))
wo$w <- round(50 * exp(rnorm(n, 0, 0.45)), 4)
wo$sex <- draw(n, c("female", "male"), c(0.6, 0.4))
wo$agegroup <- draw(n, c("18-29", "30-44", "45-64", "65+"), c(0.12, 0.25, 0.35, 0.28))
wo$region <- draw(n, c("A", "B", "C"), c(0.5, 0.3, 0.2))
latent <- rnorm(n) + 0.6 * (wo$agegroup %in% c("18-29", "30-44")) - 0.3 * (wo$sex == "male")
wo$answer <- plant_missing(ifelse(latent > 0.7, "yes", ifelse(latent > -0.5, "no", "dk")), 9)
wo$income <- plant_missing(round(2000 + 600 * latent + rnorm(n, 0, 300), 1), 11)
write_csv(wo, "weights_only.csv")

## apiclus1.csv, apistrat.csv — data(api) -------------------------------------------------------
data(api)
write_csv(apiclus1[, c("dnum", "snum", "pw", "fpc", "stype", "sch.wide", "comp.imp", "awards",
                       "api00", "enroll")], "apiclus1.csv")
write_csv(apistrat[, c("snum", "stype", "pw", "fpc", "api00", "enroll", "sch.wide")], "apistrat.csv")

## kalton.csv — Kalton & Flores-Cervantes (2003): 12 cells of a × b, listed a fastest ------------
sample_counts <- c(20, 50, 100, 30, 40, 140, 50, 100, 40, 310, 50, 70)
population_counts <- c(80, 60, 170, 55, 40, 150, 60, 165, 55, 340, 200, 125)
ab <- expand.grid(a = 1:4, b = 1:3)
kalton <- ab[rep(1:12, sample_counts), ]
kalton$id <- seq_len(nrow(kalton))
write_csv(kalton[, c("id", "a", "b")], "kalton.csv")
kaltonpop <- ab[rep(1:12, population_counts), ]

## targets files ------------------------------------------------------------------------------
write_targets <- function(rows, file) {
  write.csv(data.frame(variable = rows[[1]], category = rows[[2]], target = rows[[3]]), file,
            row.names = FALSE, quote = FALSE)
}
# clustered: sex × agegroup as population totals; region and education as proportions of 180000
cl_population <- 180000
sa <- expand.grid(sex = c("F", "M"), agegroup = c("18-34", "35-54", "55+"), stringsAsFactors = FALSE)
sa_share <- c(0.14, 0.13, 0.18, 0.17, 0.21, 0.17)
write_targets(list(
  c(rep("sex*agegroup", 6), rep("region", 5), rep("education", 3)),
  c(paste(sa$sex, sa$agegroup, sep = "*"), c("north", "south", "east", "west", "centre"),
    c("low", "mid", "high")),
  c(sa_share * cl_population, c(0.26, 0.24, 0.22, 0.16, 0.12), c(0.3, 0.42, 0.28))),
  "clustered-targets.csv")
# weights_only: three margins of totals summing to 25000
write_targets(list(
  c(rep("sex", 2), rep("agegroup", 4), rep("region", 3)),
  c("female", "male", "18-29", "30-44", "45-64", "65+", "A", "B", "C"),
  c(13000, 12000, 4500, 6500, 8000, 6000, 11000, 8500, 5500)),
  "weights-only-targets.csv")
# weights_only post-stratification on sex × agegroup (proportions, scaled to the weight total)
write_targets(list(
  rep("sex*agegroup", 8),
  paste(rep(c("female", "male"), 4), rep(c("18-29", "30-44", "45-64", "65+"), each = 2), sep = "*"),
  c(0.09, 0.08, 0.14, 0.12, 0.17, 0.16, 0.13, 0.11)),
  "weights-only-poststrata.csv")
# api (tests/rakecheck.R)
write_targets(list(c("stype", "stype", "stype", "sch.wide", "sch.wide"),
                   c("E", "H", "M", "No", "Yes"), c(4421, 755, 1018, 1072, 5122)),
              "api-targets.csv")
pop_table <- as.data.frame(xtabs(~ stype + sch.wide, apipop))
write_targets(list(c(rep("stype*sch.wide", nrow(pop_table)), "comp.imp", "comp.imp"),
                   c(paste(pop_table$stype, pop_table$sch.wide, sep = "*"), "No", "Yes"),
                   c(pop_table$Freq, 1712, 4482)),
              "api-partial-targets.csv")
write_targets(list(rep("stype", 3), c("E", "H", "M"), c(4421, 755, 1018)), "api-stype-targets.csv")
# kalton
write_targets(list(c(rep("a", 4), rep("b", 3)), c(1:4, 1:3),
                   c(as.vector(table(kaltonpop$a)), as.vector(table(kaltonpop$b)))),
              "kalton-targets.csv")
ab_pop <- as.data.frame(xtabs(~ a + b, kaltonpop))
write_targets(list(rep("a*b", 12), paste(ab_pop$a, ab_pop$b, sep = "*"), ab_pop$Freq),
              "kalton-cells.csv")

# ------------------------------------------------------------------------------------------------
# 2. Margins from a targets file, as Confiance reads them
# ------------------------------------------------------------------------------------------------
# A variable's targets are proportions when every target is at most 1; they are scaled to the
# population size: `population` if given, else the total of the margins given as totals, else the
# design's weight total. Crossed margins are written `a*b` with categories `x*y`.
read_margins <- function(file, design, population = NULL) {
  targets <- read.csv(file, stringsAsFactors = FALSE, colClasses = c("character", "character", "numeric"))
  variables <- unique(targets$variable)
  is_proportion <- vapply(variables, function(v) all(targets$target[targets$variable == v] <= 1), TRUE)
  size <- population
  if (is.null(size) && any(!is_proportion)) size <- sum(targets$target[targets$variable == variables[!is_proportion][1]])
  if (is.null(size)) size <- sum(weights(design))
  lapply(variables, function(v) {
    rows <- targets[targets$variable == v, ]
    names <- strsplit(v, "*", fixed = TRUE)[[1]]
    cells <- do.call(rbind, strsplit(rows$category, "*", fixed = TRUE))
    frame <- as.data.frame(cells, stringsAsFactors = FALSE)
    names(frame) <- names
    frame$Freq <- if (is_proportion[[v]]) rows$target * size else rows$target
    list(variable = v, variables = names, formula = as.formula(paste("~", paste(names, collapse = "+"))),
         population = frame)
  })
}

# The number of sweeps rake() performs: the smallest maxit for which it converges.
sweeps_to_converge <- function(design, margins, epsilon, maxit) {
  for (k in seq_len(maxit)) {
    converged <- TRUE
    withCallingHandlers(
      rake(design, lapply(margins, `[[`, "formula"), lapply(margins, `[[`, "population"),
           control = list(epsilon = epsilon, maxit = k)),
      warning = function(w) { converged <<- FALSE; invokeRestart("muffleWarning") })
    if (converged) return(k)
  }
  NA
}

rake_margins <- function(design, margins, epsilon, maxit) {
  converged <- TRUE
  raked <- withCallingHandlers(
    rake(design, lapply(margins, `[[`, "formula"), lapply(margins, `[[`, "population"),
         control = list(epsilon = epsilon, maxit = maxit)),
    warning = function(w) { converged <<- FALSE; invokeRestart("muffleWarning") })
  list(design = raked, converged = converged,
       sweeps = if (converged) sweeps_to_converge(design, margins, epsilon, maxit) else maxit)
}

weight_diagnostics <- function(w) {
  q <- quantile(w, c(0.01, 0.05, 0.5, 0.95, 0.99), type = 7, names = FALSE)
  mean_w <- mean(w)
  cv <- sqrt(mean((w - mean_w)^2)) / mean_w
  list(total = sum(w), min = min(w), max = max(w), mean = mean_w, cv = cv,
       quantiles = list(p01 = q[1], p05 = q[2], p50 = q[3], p95 = q[4], p99 = q[5]),
       kish_design_effect = length(w) * sum(w^2) / sum(w)^2,
       effective_sample_size = sum(w)^2 / sum(w^2),
       weighting_efficiency = sum(w)^2 / sum(w^2) / length(w))
}

# Achieved and before totals of every margin cell.
margin_report <- function(margins, before, after) {
  do.call(c, lapply(margins, function(m) {
    lapply(seq_len(nrow(m$population)), function(i) {
      in_cell <- Reduce(`&`, lapply(m$variables, function(v) as.character(after$variables[[v]]) == m$population[[v]][i]))
      list(variable = m$variable, category = paste(unlist(m$population[i, m$variables]), collapse = "*"),
           target = m$population$Freq[i], achieved = sum(weights(after)[in_cell]),
           before = sum(weights(before)[in_cell]))
    })
  }))
}

# ------------------------------------------------------------------------------------------------
# 3. Estimates on a weighted design
# ------------------------------------------------------------------------------------------------
wilson_interval <- function(p, variance, df, level) {
  n_eff <- p * (1 - p) / variance
  t <- qt(1 - (1 - level) / 2, df)
  denominator <- 1 + t^2 / n_eff
  root <- sqrt(4 * n_eff * p * (1 - p) + t^2)
  c(p + t^2 / (2 * n_eff) - t / (2 * n_eff) * root,
    p + t^2 / (2 * n_eff) + t / (2 * n_eff) * root) / denominator
}

domain_designs <- function(design, by) {
  if (is.null(by)) return(list(list(domain = setNames(list(), character(0)), design = design)))
  levels <- sort(unique(design$variables[[by]]))
  lapply(levels, function(level) {
    list(domain = setNames(list(as.character(level)), by),
         design = eval(bquote(subset(design, .(as.name(by)) == .(level)))))
  })
}

proportion_estimates <- function(design, variable, by = NULL) {
  out <- list()
  for (dd in domain_designs(design, by)) {
    d_dom <- dd$design
    m <- eval(bquote(svymean(~ factor(.(as.name(variable))), d_dom, na.rm = TRUE, deff = TRUE)))
    categories <- sort(unique(na.omit(d_dom$variables[[variable]][weights(d_dom) > 0])))
    for (category in categories) {
      key <- paste0("factor(", variable, ")", category)
      p <- coef(m)[[key]]
      variance <- vcov(m)[key, key]
      df <- degf(d_dom)
      intervals <- list()
      for (method in interval_methods) {
        ci <- eval(bquote(svyciprop(~ I(.(as.name(variable)) == .(category)), d_dom, method = .(method),
                                    level = 0.95, na.rm = TRUE)))
        intervals[[method]] <- as.numeric(attr(ci, "ci"))
      }
      intervals$wilson <- wilson_interval(p, variance, df, 0.95)
      present <- !is.na(d_dom$variables[[variable]]) & weights(d_dom) > 0
      out[[length(out) + 1]] <- list(
        variable = variable, domain = dd$domain, category = category, proportion = p,
        standard_error = sqrt(variance), design_effect = json_number(deff(m)[[key]]),
        degrees_of_freedom = df, design_rows = nrow(d_dom),
        respondents = sum(present & d_dom$variables[[variable]] == category),
        domain_respondents = sum(present), intervals = intervals)
    }
  }
  out
}

mean_estimates <- function(design, variable, by = NULL) {
  lapply(domain_designs(design, by), function(dd) {
    m <- eval(bquote(svymean(~ .(as.name(variable)), dd$design, na.rm = TRUE)))
    list(variable = variable, domain = dd$domain, mean = coef(m)[[1]], standard_error = SE(m)[[1]],
         degrees_of_freedom = degf(dd$design))
  })
}

total_estimate <- function(design, variable) {
  t <- eval(bquote(svytotal(~ .(as.name(variable)), design, na.rm = TRUE)))
  list(variable = variable, total = coef(t)[[1]], standard_error = SE(t)[[1]])
}

# ------------------------------------------------------------------------------------------------
# 4. Cases
# ------------------------------------------------------------------------------------------------
design_spec <- function(weight = NA, strata = NA, psu = NA, fpc = NA) {
  list(weight = weight, strata = strata, psu = psu, fpc = fpc)
}
make_design <- function(data, spec) {
  term <- function(name) if (is.na(name)) NULL else as.formula(paste0("~", name), env = globalenv())
  svydesign(ids = if (is.na(spec$psu)) ~1 else term(spec$psu), strata = term(spec$strata),
            weights = term(spec$weight), fpc = term(spec$fpc), data = data, nest = TRUE)
}

cases <- list()
add_case <- function(case) cases[[length(cases) + 1]] <<- case

estimates_for <- function(design, proportions = list(), means = list(), totals = character(0)) {
  list(
    proportions = do.call(c, lapply(proportions, function(x) proportion_estimates(design, x[[1]], x[[2]]))),
    means = do.call(c, lapply(means, function(x) mean_estimates(design, x[[1]], x[[2]]))),
    totals = lapply(totals, function(v) total_estimate(design, v)))
}

raking_case <- function(name, description, data_file, spec, targets, population = NULL,
                        epsilon = 1e-10, tolerance = "relative", maxit = 100,
                        proportions = list(), means = list(), totals = character(0)) {
  data <- read_csv(data_file)
  design <- make_design(data, spec)
  margins <- read_margins(targets, design, population)
  r_epsilon <- if (tolerance == "relative") epsilon else epsilon   # rake(): < 1 relative, >= 1 absolute
  raked <- rake_margins(design, margins, r_epsilon, maxit)
  d <- raked$design
  add_case(list(
    name = name, description = description, kind = "rake", data = data_file, design = spec,
    targets = targets, population = population, epsilon = epsilon, tolerance = tolerance,
    max_iterations = maxit, converged = raked$converged, iterations = raked$sweeps,
    weights = as.numeric(weights(d)), weights_before = weight_diagnostics(weights(design)),
    weights_after = weight_diagnostics(weights(d)), margins = margin_report(margins, design, d),
    degrees_of_freedom = degf(d),
    estimates = estimates_for(d, proportions, means, totals)))
  invisible(d)
}

## rakecheck (tests/rakecheck.R): dclus1 raked to stype and sch.wide
api_spec <- design_spec(weight = "pw", psu = "dnum", fpc = "fpc")
raking_case("api-rakecheck", "tests/rakecheck.R: rake(dclus1, list(~stype, ~sch.wide)) with R's default control (epsilon = 1 absolute, maxit = 10); published svymean(~api00) 641.23 (23.704)",
            "apiclus1.csv", api_spec, "api-targets.csv", epsilon = 1, tolerance = "absolute", maxit = 10,
            means = list(list("api00", NULL)), totals = "enroll")
dclus1_raked <- raking_case("api-raked", "dclus1 raked to stype and sch.wide with Confiance's defaults (epsilon 1e-10 relative, 100 sweeps); proportions of comp.imp overall and by stype (a raking variable), means of api00 by awards (domains of a raked design)",
            "apiclus1.csv", api_spec, "api-targets.csv",
            proportions = list(list("comp.imp", NULL), list("comp.imp", "stype")),
            means = list(list("api00", NULL), list("api00", "awards")), totals = "enroll")
raking_case("api-partial-joint", "tests/rakecheck.R: partial joint margins list(~stype+sch.wide, ~comp.imp); does not converge in 30 sweeps at 1e-10",
            "apiclus1.csv", api_spec, "api-partial-targets.csv", maxit = 30,
            means = list(list("api00", NULL)))
raking_case("kalton-table-b", "Kalton & Flores-Cervantes (2003) Table B: rake(dkalton, list(~a, ~b), control = list(epsilon = 1e-4))",
            "kalton.csv", design_spec(), "kalton-targets.csv", epsilon = 1e-4, maxit = 10)
cl_spec <- design_spec(weight = "w", strata = "stratum", psu = "psu", fpc = "N_psu")
raking_case("clustered-raked", "stratified cluster design with FPC raked to sex × agegroup (totals), region and education (proportions of 180000)",
            "clustered.csv", cl_spec, "clustered-targets.csv", population = cl_population,
            proportions = list(list("opinion", NULL), list("satisfied", NULL), list("opinion", "region"),
                               list("satisfied", "stratum")),
            means = list(list("score", NULL), list("score", "education")), totals = "score")
wo_spec <- design_spec(weight = "w")
wo_raked <- raking_case("weights-only-raked", "weights-only design raked to sex, agegroup and region totals",
            "weights_only.csv", wo_spec, "weights-only-targets.csv",
            proportions = list(list("answer", NULL), list("answer", "sex")),
            means = list(list("income", NULL), list("income", "region")), totals = "income")

## Post-stratification
post_case <- function(name, description, data_file, spec, targets, population = NULL,
                      proportions = list(), means = list(), totals = character(0)) {
  data <- read_csv(data_file)
  design <- make_design(data, spec)
  margin <- read_margins(targets, design, population)[[1]]
  d <- postStratify(design, margin$formula, margin$population)
  add_case(list(
    name = name, description = description, kind = "post-stratify", data = data_file, design = spec,
    targets = targets, population = population, weights = as.numeric(weights(d)),
    weights_before = weight_diagnostics(weights(design)), weights_after = weight_diagnostics(weights(d)),
    margins = margin_report(list(margin), design, d), degrees_of_freedom = degf(d),
    estimates = estimates_for(d, proportions, means, totals)))
  invisible(d)
}
post_case("api-poststratify", "postStratify(dclus1, ~stype, pop.types): published svymean(~api00) 642.31 (23.921), svytotal(~enroll) 3680893 (406293)",
          "apiclus1.csv", api_spec, "api-stype-targets.csv",
          means = list(list("api00", NULL)), totals = "enroll",
          proportions = list(list("comp.imp", NULL), list("comp.imp", "stype")))
post_case("weights-only-poststratify", "weights-only design post-stratified on sex × agegroup (proportions of the weight total)",
          "weights_only.csv", wo_spec, "weights-only-poststrata.csv",
          proportions = list(list("answer", NULL), list("answer", "region")),
          means = list(list("income", NULL)), totals = "income")
post_case("kalton-table-a", "Kalton & Flores-Cervantes (2003) Table A: postStratify(dkalton, ~a+b, xtabs(~a+b, kaltonpop))",
          "kalton.csv", design_spec(), "kalton-cells.csv")

## Trimming
trim_case <- function(name, description, data_file, spec, design, upper, lower, strict, upper_text, lower_text,
                      targets = NULL, proportions = list(), means = list(), totals = character(0)) {
  d <- trimWeights(design, upper = upper, lower = lower, strict = strict)
  add_case(list(
    name = name, description = description, kind = "trim", data = data_file, design = spec,
    targets = targets, trim = list(upper = upper_text, lower = lower_text, strict = strict,
                                   upper_value = upper, lower_value = lower),
    weights = as.numeric(weights(d)), weights_before = weight_diagnostics(weights(design)),
    weights_after = weight_diagnostics(weights(d)), degrees_of_freedom = degf(d),
    estimates = estimates_for(d, proportions, means, totals)))
  invisible(d)
}
dstrat <- make_design(read_csv("apistrat.csv"), design_spec(weight = "pw", strata = "stype", fpc = "fpc"))
trim_case("api-trim", "trimWeights(dstrat, upper = 40, lower = 20): svymean(~api00) 659.2897 (8.91786)",
          "apistrat.csv", design_spec(weight = "pw", strata = "stype", fpc = "fpc"), dstrat, 40, 20, FALSE,
          "40", "20", means = list(list("api00", NULL)))
wo_median <- median(weights(wo_raked))
trim_case("weights-only-trim-median", "the raked weights-only design trimmed to [0.6, 1.6] × median, not strict; the raking calibration is kept for the variance",
          "weights_only.csv", wo_spec, wo_raked, 1.6 * wo_median, 0.6 * wo_median, FALSE, "1.6median", "0.6median",
          targets = "weights-only-targets.csv",
          proportions = list(list("answer", NULL)), means = list(list("income", NULL)))
trim_case("weights-only-trim-strict", "the raked weights-only design trimmed to at most 1.4 × median with strict = TRUE (R's recursion ends here; with both bounds it overflows the C stack on this data)",
          "weights_only.csv", wo_spec, wo_raked, 1.4 * wo_median, -Inf, TRUE, "1.4median", NA,
          targets = "weights-only-targets.csv",
          proportions = list(list("answer", NULL)), means = list(list("income", NULL)))

## Trim and re-rake: rake; then, while some weight is outside the bounds (relative tolerance 1e-6),
## trim (not strict) and rake again, at most 20 rounds. Bounds fixed from the first raked weights:
## [0.4, 2.2] × median (tighter bounds such as [0.6, 1.6] × median still leave weights outside
## after 20 rounds on this data).
wo_data <- read_csv("weights_only.csv")
wo_design <- make_design(wo_data, wo_spec)
wo_margins <- read_margins("weights-only-targets.csv", wo_design)
d <- rake_margins(wo_design, wo_margins, 1e-10, 100)$design
upper <- 2.2 * median(weights(d)); lower <- 0.4 * median(weights(d))
outside <- function(w) sum(w > upper * (1 + 1e-6) | w < lower * (1 - 1e-6))
rounds <- 0
while (outside(weights(d)) > 0 && rounds < 20) {
  d <- trimWeights(d, upper = upper, lower = lower)
  d <- rake_margins(d, wo_margins, 1e-10, 100)$design
  rounds <- rounds + 1
}
add_case(list(
  name = "weights-only-trim-rerake", description = "rake to weights-only-targets, then trim to [0.4, 2.2] × median of the raked weights and re-rake until every weight is within the bounds (relative tolerance 1e-6) or 20 rounds; every rake() appends its raking to the calibrations used by the variance",
  kind = "trim-rerake", data = "weights_only.csv", design = wo_spec, targets = "weights-only-targets.csv",
  trim = list(upper = "2.2median", lower = "0.4median", strict = FALSE, upper_value = upper, lower_value = lower),
  rounds = rounds, bounds_hold = outside(weights(d)) == 0, calibration_count = length(d$postStrata),
  weights = as.numeric(weights(d)), weights_after = weight_diagnostics(weights(d)),
  margins = margin_report(wo_margins, wo_design, d), degrees_of_freedom = degf(d),
  estimates = estimates_for(d, list(list("answer", NULL)), list(list("income", NULL)), "income")))

# ------------------------------------------------------------------------------------------------
# 5. Sanity checks
# ------------------------------------------------------------------------------------------------
case_named <- function(name) cases[[which(vapply(cases, `[[`, "", "name") == name)]]
# published values are printed to 5 significant digits (some by older versions of survey)
near <- function(a, b, digits) abs(a - b) / abs(b) < 1e-4
rc <- case_named("api-rakecheck")
stopifnot(near(rc$estimates$means[[1]]$mean, 641.23, 2), near(rc$estimates$means[[1]]$standard_error, 23.704, 3),
          near(rc$estimates$totals[[1]]$standard_error, 400603, 0))
ps <- case_named("api-poststratify")
stopifnot(near(ps$estimates$means[[1]]$mean, 642.31, 2), near(ps$estimates$means[[1]]$standard_error, 23.921, 3),
          near(ps$estimates$totals[[1]]$total, 3680893, 0), near(ps$estimates$totals[[1]]$standard_error, 406293, 0))
tr <- case_named("api-trim")
stopifnot(near(tr$estimates$means[[1]]$mean, 659.2897, 4), near(tr$estimates$means[[1]]$standard_error, 8.91786, 5))
pj <- case_named("api-partial-joint")
stopifnot(!pj$converged)
# Kalton Table B (published, rounded to 2 decimals), rows a = 1..4, columns b = 1..3
kd <- read_csv("kalton.csv")
kb <- case_named("kalton-table-b")
factors <- tapply(kb$weights, list(kd$a, kd$b), mean)
table_b <- matrix(c(1.81, 1.08, 2.20, 1.83, 1.45, 0.87, 1.76, 1.47, 2.02, 1.21, 2.45, 2.04), 4, 3)
stopifnot(all(round(factors, 2) == table_b))
ka <- case_named("kalton-table-a")
table_a <- matrix(c(4.00, 1.20, 1.70, 1.83, 1.00, 1.07, 1.20, 1.65, 1.38, 1.10, 4.00, 1.79), 4, 3)
stopifnot(all(round(tapply(ka$weights, list(kd$a, kd$b), mean), 2) == table_a))
# svyby on a raked design equals the subset approach
by_check <- svyby(~ api00, ~ awards, dclus1_raked, svymean)
sub_check <- vapply(case_named("api-raked")$estimates$means[-1], `[[`, 0, "standard_error")
stopifnot(max(abs(SE(by_check) - sub_check)) < 1e-12)
# subset() of a raked design keeps every row (weight 0 outside) and degf counts PSUs with weight > 0
sub <- subset(dclus1_raked, awards == "No")
stopifnot(nrow(sub) == nrow(dclus1_raked), degf(sub) == length(unique(sub$cluster[weights(sub) > 0, 1])) - 1)

reference <- list(generated_by = generated_by, seed = seed, interval_methods = c(interval_methods, "wilson"),
                  cases = cases)
write_json(reference, "reference.json", auto_unbox = TRUE, digits = NA, pretty = TRUE, null = "null", na = "null")
cat(sprintf("wrote %d cases\n", length(cases)))
for (cs in cases) cat(sprintf("  %-28s %s%s\n", cs$name, cs$kind,
                              if (!is.null(cs$iterations)) sprintf(" (%d sweeps, converged %s)", cs$iterations, cs$converged) else ""))
