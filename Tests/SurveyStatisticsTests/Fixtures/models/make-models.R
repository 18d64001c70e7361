# make-models.R
#
# Golden reference values for Confiance's design-based regression models (issue 13): svyglm with
# gaussian, quasibinomial and quasipoisson families, its sandwich variance, summary.svyglm's
# dispersion, confint(fit, ddf = fit$df.residual), regTermTest (Wald F), model-matrix column names,
# and predictive margins / average marginal effects with fully linearized design-based SEs.
#
# Run from this folder:   Rscript make-models.R
#
# Writes models.json: the data columns (so that tests need no CSV reader) and one entry per case.
# jsonlite::write_json(digits = NA) writes 15 significant digits.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

seed <- 20261213
set.seed(seed)
invisible(Sys.setlocale("LC_COLLATE", "C"))   # factor levels in byte order, as Confiance sorts text
options(survey.lonely.psu = "fail")

generated_by <- sprintf("%s; survey %s; jsonlite %s", R.version.string,
                        as.character(packageVersion("survey")),
                        as.character(packageVersion("jsonlite")))

# ------------------------------------------------------------------------------------------------
# 1. Data
# ------------------------------------------------------------------------------------------------
data(api)
apiclus2$sch_wide <- as.integer(apiclus2$sch.wide == "Yes")
apiclus2 <- apiclus2[, c("dnum", "snum", "pw", "api00", "ell", "meals", "mobility", "stype", "sch_wide")]
apiclus2$stype <- as.character(apiclus2$stype)
apistrat$sch_wide <- as.integer(apistrat$sch.wide == "Yes")
apistrat <- apistrat[, c("stype", "snum", "pw", "fpc", "api00", "ell", "meals", "enroll", "sch_wide", "emer")]
apistrat$stype <- as.character(apistrat$stype)

## privacy — 900 respondents, 5 strata × 5–8 PSUs, FPC, missing values --------------------------
strata <- sprintf("S%d", 1:5)
psus_per_stratum <- c(5, 6, 8, 7, 6)
psu_count <- sum(psus_per_stratum)
sizes <- 12 + as.vector(rmultinom(1, 900 - 12 * psu_count, prob = runif(psu_count, 0.5, 1.5)))
stratum_of_psu <- rep(strata, psus_per_stratum)
pv <- data.frame(stratum = rep(stratum_of_psu, sizes),
                 psu = rep(unlist(lapply(psus_per_stratum, seq_len)), sizes),
                 stringsAsFactors = FALSE)
psu_index <- rep(seq_len(psu_count), sizes)
h <- match(pv$stratum, strata)
n <- nrow(pv)
pv$N_psu <- psus_per_stratum[h] * c(4, 6, 10, 20, 50)[h]
pv$w <- round(c(40, 60, 90, 150, 300)[h] * runif(psu_count, 0.7, 1.3)[psu_index] * exp(rnorm(n, 0, 0.3)), 4)
pv$age_band <- sample(c("18-24", "25-34", "35-49", "50-64", "65+"), n, TRUE, c(0.12, 0.18, 0.27, 0.24, 0.19))
pv$sex <- sample(c("F", "M"), n, TRUE, c(0.52, 0.48))
pv$region <- sample(c("north", "south", "east", "west"), n, TRUE, c(0.3, 0.3, 0.2, 0.2))
age_effect <- c(`18-24` = -0.6, `25-34` = -0.3, `35-49` = 0, `50-64` = 0.3, `65+` = 0.5)[pv$age_band]
cluster_effect <- rnorm(psu_count, 0, 0.3)[psu_index]
latent <- age_effect + 0.3 * (pv$sex == "F") + cluster_effect + rnorm(n)
pv$trust_score <- round(50 - 8 * latent + rnorm(n, 0, 6), 1)
pv$concern_data_use <- as.integer(cut(latent + rnorm(n, 0, 0.6), c(-Inf, -1.2, -0.3, 0.5, 1.3, Inf)))
pv$concerned <- as.integer(latent + rnorm(n, 0, 0.8) > 0.1)
pv$protective_actions <- rpois(n, exp(0.4 + 0.35 * latent))
plant <- function(x, k) { x[sample(seq_along(x), k)] <- NA; x }
pv$trust_score <- plant(pv$trust_score, 25)
pv$concern_data_use <- plant(pv$concern_data_use, 18)
pv$age_band <- plant(pv$age_band, 9)
pv$concerned <- plant(pv$concerned, 11)
# A stratum variable with one lonely PSU: PSU 1 of S5 becomes stratum S6.
pv$stratum_lonely <- ifelse(pv$stratum == "S5" & pv$psu == 1, "S6", pv$stratum)

# An ordinal outcome without missing values (no random draws: the data above are unchanged).
pv$actions_level <- pmin(pv$protective_actions, 3L)
# A year of interview, far from zero beside its spread (no random draws): less than 10^-4 of its
# sum of squares is left beside the intercept, so Confiance ends the fit on the QR as R does.
pv$interview_year <- 2019L + pv$psu %% 4L

## apiclus1 for svyolr's published example: mealcat = cut(meals, c(0, 25, 50, 75, 100)) as text
## (its levels sort in byte order as R orders the factor).
apiclus1$mealcat <- as.character(cut(apiclus1$meals, c(0, 25, 50, 75, 100)))
apiclus1$sch_wide <- as.integer(apiclus1$sch.wide == "Yes")
apiclus1 <- apiclus1[, c("dnum", "pw", "fpc", "avg.ed", "mobility", "stype", "mealcat", "api00", "ell", "meals",
                         "sch_wide")]
apiclus1$stype <- as.character(apiclus1$stype)
## Supplied replicate weights: the JK1 analysis weights of as.svrepdesign(dclus1), one column each.
supplied <- weights(as.svrepdesign(svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)), "analysis")
colnames(supplied) <- sprintf("rep%d", seq_len(ncol(supplied)))
apiclus1 <- cbind(apiclus1, supplied)

datasets <- list(apiclus2 = apiclus2, apistrat = apistrat, privacy = pv, apiclus1 = apiclus1)

# ------------------------------------------------------------------------------------------------
# 2. Designs
# ------------------------------------------------------------------------------------------------
make_design <- function(spec) {
  data <- datasets[[spec$dataset]]
  ids <- if (is.null(spec$clusters)) ~1 else as.formula(paste("~", spec$clusters))
  args <- list(ids = ids, data = data, weights = as.formula(paste("~", spec$weights)))
  if (!is.null(spec$strata)) args$strata <- as.formula(paste("~", spec$strata))
  if (!is.null(spec$fpc)) args$fpc <- as.formula(paste("~", spec$fpc))
  if (!is.null(spec$strata) && !is.null(spec$clusters)) args$nest <- TRUE
  design <- do.call(svydesign, args)
  if (!is.null(spec$replicates)) {
    rep <- spec$replicates
    mse <- isTRUE(rep$mse)
    design <- if (!is.null(rep$columns)) {
      svrepdesign(data = data, repweights = rep$columns, weights = as.formula(paste("~", spec$weights)),
                  type = rep$type, combined.weights = TRUE, mse = mse)
    } else {
      as.svrepdesign(design, type = rep$type, mse = mse)
    }
  }
  if (!is.null(spec$rake)) {
    formulas <- lapply(spec$rake, function(m) as.formula(paste("~", m$variable)))
    populations <- lapply(spec$rake, function(m) {
      frame <- data.frame(m$categories, m$targets, stringsAsFactors = FALSE)
      names(frame) <- c(m$variable, "Freq")
      frame
    })
    design <- rake(design, formulas, populations, control = list(maxit = 100, epsilon = 1e-10))
  }
  design
}

# ------------------------------------------------------------------------------------------------
# 3. Cases
# ------------------------------------------------------------------------------------------------
families <- list(gaussian = gaussian(), quasibinomial = quasibinomial(), quasipoisson = quasipoisson())

# Row-level influence of beta (rows of the design passed to svyglm; zero for rows left out).
coefficient_influence <- function(fit) {
  design <- fit$survey.design
  X <- model.matrix(fit)
  estfun <- X * resid(fit, "working") * fit$weights
  infl <- estfun %*% fit$naive.cov
  naa <- fit$na.action
  if (length(naa) && nrow(infl) != nrow(design)) {
    full <- matrix(0, nrow(design), ncol(infl))
    full[(1:nrow(design))[-naa], ] <- infl
    infl <- full
  }
  infl
}

design_variance <- function(z, design) {
  svyrecvar(z, design$cluster, design$strata, design$fpc, postStrata = design$postStrata)
}

# Predictive margins of each level of `variable` and the average marginal effect of each numeric
# `slope`, linearized in both the mean over respondents and beta (Stata's margins, vce(unconditional)).
margins_for <- function(fit, factors, slopes) {
  design <- fit$survey.design
  infl <- coefficient_influence(fit)
  stopifnot(max(abs(design_variance(infl, design) - vcov(fit))) < 1e-10 * max(abs(vcov(fit))))
  mf <- model.frame(fit)
  rows <- if (nrow(mf) == nrow(design)) 1:nrow(design) else (1:nrow(design))[-fit$na.action]
  w <- weights(design, "sampling")[rows]
  beta <- coef(fit)
  fam <- fit$family
  second <- switch(fam$family,
    gaussian = function(eta) 0 * eta,
    quasibinomial = function(eta) { m <- plogis(eta); m * (1 - m) * (1 - 2 * m) },
    quasipoisson = function(eta) exp(eta))
  tt <- delete.response(terms(fit))
  out <- list()
  for (variable in factors) {
    levels_v <- levels(mf[[variable]])
    if (is.null(levels_v)) levels_v <- sort(unique(mf[[variable]]))
    Z <- matrix(0, nrow(design), length(levels_v))
    est <- numeric(length(levels_v))
    for (l in seq_along(levels_v)) {
      nd <- mf
      nd[[variable]] <- factor(levels_v[l], levels = levels_v)
      Xl <- model.matrix(tt, nd, contrasts.arg = fit$contrasts)
      eta <- drop(Xl %*% beta)
      mu <- fam$linkinv(eta)
      m <- sum(w * mu) / sum(w)
      g <- colSums(w * fam$mu.eta(eta) * Xl) / sum(w)
      z <- numeric(nrow(design))
      z[rows] <- w * (mu - m) / sum(w)
      Z[, l] <- z + drop(infl %*% g)
      est[l] <- m
    }
    V <- design_variance(Z, design)
    contrast_se <- sapply(seq_along(levels_v), function(l) {
      if (l == 1) return(0)
      sqrt(V[l, l] + V[1, 1] - 2 * V[l, 1])
    })
    out[[length(out) + 1]] <- list(
      variable = variable, kind = "levels", levels = levels_v, margins = est,
      standardErrors = sqrt(diag(V)), contrasts = est - est[1], contrastStandardErrors = contrast_se)
  }
  for (variable in slopes) {
    nd0 <- mf; nd0[[variable]] <- 0
    nd1 <- mf; nd1[[variable]] <- 1
    D <- model.matrix(tt, nd1, contrasts.arg = fit$contrasts) - model.matrix(tt, nd0, contrasts.arg = fit$contrasts)
    X <- model.matrix(fit)
    eta <- drop(X %*% beta)
    slope <- drop(D %*% beta)
    ame <- sum(w * fam$mu.eta(eta) * slope) / sum(w)
    hvec <- colSums(w * (second(eta) * slope * X + fam$mu.eta(eta) * D)) / sum(w)
    z <- numeric(nrow(design))
    z[rows] <- w * (fam$mu.eta(eta) * slope - ame) / sum(w)
    z <- z + drop(infl %*% hvec)
    out[[length(out) + 1]] <- list(
      variable = variable, kind = "slope", margins = ame, standardErrors = sqrt(design_variance(matrix(z), design)[1, 1]))
  }
  out
}

run_case <- function(case) {
  design <- make_design(case$design)
  if (!is.null(case$domain)) {
    keep <- as.character(design$variables[[case$domain$variable]]) == case$domain$value
    keep[is.na(keep)] <- FALSE
    design <- subset(design, keep)
  }
  # The family goes into the call itself: svyglm on a replicate design re-evaluates the call.
  fit <- eval(bquote(svyglm(.(as.formula(case$formula)), design = design, family = .(families[[case$family]]))))
  s <- summary(fit)
  ci <- confint(fit, ddf = fit$df.residual)
  table <- s$coefficients
  coefficients <- lapply(seq_len(nrow(table)), function(j) list(
    term = rownames(table)[j], estimate = table[j, 1], standardError = table[j, 2],
    statistic = table[j, 3], pValue = table[j, 4], ciLower = ci[j, 1], ciUpper = ci[j, 2]))
  labels <- attr(terms(fit), "term.labels")
  tests <- lapply(labels, function(term) {
    test <- regTermTest(fit, as.formula(paste("~", term)))
    list(term = term, statistic = as.numeric(test$Ftest), numeratorDF = test$df,
         denominatorDF = test$ddf, pValue = as.numeric(test$p))
  })
  joint <- NULL
  if (!is.null(case$joint)) {
    test <- regTermTest(fit, as.formula(paste("~", paste(case$joint, collapse = " + "))))
    joint <- list(terms = case$joint, statistic = as.numeric(test$Ftest), numeratorDF = test$df,
                  denominatorDF = test$ddf, pValue = as.numeric(test$p))
  }
  result <- list(
    name = case$name, description = case$description, dataset = case$design$dataset,
    design = case$design, formula = case$formula, family = case$family,
    respondents = sum(fit$prior.weights > 0),
    degreesOfFreedom = fit$df.residual, dispersion = as.numeric(s$dispersion),
    iterations = fit$iter, coefficients = coefficients,
    covariance = unname(lapply(seq_len(nrow(vcov(fit))), function(i) unname(vcov(fit)[i, ]))),
    tests = tests)
  if (!is.null(case$domain)) result$domain <- case$domain
  if (!is.null(joint)) result$joint <- joint
  if (!is.null(case$margins) || !is.null(case$slopes)) {
    result$margins <- margins_for(fit, case$margins, case$slopes)
  }
  if (!is.null(case$predmeans)) {
    adjust <- eval(bquote(svyglm(.(as.formula(case$predmeans$adjust)), design = design,
                                 family = .(families[[case$family]]))))
    pm <- svypredmeans(adjust, as.formula(paste("~ factor(", case$predmeans$group, ")")))
    result$svypredmeans <- list(group = case$predmeans$group, levels = names(coef(pm)),
                                margins = unname(coef(pm)), standardErrors = unname(SE(pm)))
  }
  result
}

clus2 <- list(dataset = "apiclus2", weights = "pw", clusters = "dnum")
strat <- list(dataset = "apistrat", weights = "pw", strata = "stype", fpc = "fpc")
privacy <- list(dataset = "privacy", weights = "w", strata = "stratum", clusters = "psu", fpc = "N_psu")
lonely <- list(dataset = "privacy", weights = "w", strata = "stratum_lonely", clusters = "psu")
population_sex <- list(variable = "sex", categories = c("F", "M"), targets = c(2100000, 1900000))
population_region <- list(variable = "region", categories = c("east", "north", "south", "west"),
                          targets = c(700000, 1300000, 1200000, 800000))
raked <- c(privacy, list(rake = list(population_sex, population_region)))

cases <- list(
  list(name = "api-published", design = clus2, formula = "api00 ~ ell + meals + mobility", family = "gaussian",
       description = "R's published example (?svyglm): svydesign(id = ~dnum + snum, weights = ~pw, data = apiclus2); the second stage adds nothing without an FPC"),
  list(name = "api-clus2-logistic", design = clus2, formula = "sch_wide ~ ell + meals + stype", family = "quasibinomial",
       description = "logistic on a cluster sample, a text factor"),
  list(name = "api-strat-gaussian", design = strat, formula = "api00 ~ ell + meals + stype", family = "gaussian",
       description = "stratified with FPC, a text factor", joint = c("ell", "meals")),
  list(name = "api-strat-logistic", design = strat, formula = "sch_wide ~ meals + stype", family = "quasibinomial",
       description = "stratified with FPC, logistic; margins compared with svypredmeans",
       margins = "stype", slopes = "meals", predmeans = list(adjust = "sch_wide ~ meals", group = "stype")),
  list(name = "api-strat-poisson", design = strat, formula = "enroll ~ meals + stype", family = "quasipoisson",
       description = "stratified with FPC, Poisson"),
  list(name = "privacy-gaussian-interaction", design = privacy,
       formula = "trust_score ~ age_band * sex + factor(concern_data_use)", family = "gaussian",
       description = "strata, PSUs, FPC, missing values; an interaction and factor()", joint = c("age_band", "age_band:sex")),
  list(name = "privacy-logistic", design = privacy, formula = "concerned ~ age_band + sex + trust_score",
       family = "quasibinomial", description = "logistic with margins",
       margins = c("age_band", "sex"), slopes = "trust_score"),
  list(name = "privacy-logistic-interaction", design = privacy, formula = "concerned ~ age_band * sex + trust_score",
       family = "quasibinomial", description = "logistic with an interaction", margins = "sex"),
  list(name = "privacy-poisson", design = privacy, formula = "protective_actions ~ age_band + sex + concern_data_use",
       family = "quasipoisson", description = "Poisson with margins", margins = "age_band", slopes = "concern_data_use"),
  list(name = "privacy-no-intercept", design = privacy, formula = "trust_score ~ age_band + sex - 1",
       family = "gaussian", description = "-1: the first factor gets all its levels"),
  list(name = "privacy-domain-logistic", design = privacy, formula = "concerned ~ age_band + trust_score",
       family = "quasibinomial", domain = list(variable = "sex", value = "F"),
       description = "svyglm on subset(design, sex == \"F\")", margins = "age_band"),
  list(name = "privacy-domain-gaussian", design = privacy, formula = "trust_score ~ sex + concern_data_use",
       family = "gaussian", domain = list(variable = "region", value = "east"),
       description = "svyglm on subset(design, region == \"east\")"),
  list(name = "lonely-remove", design = c(lonely, list(lonelyPSU = "remove")), formula = "concerned ~ sex + trust_score",
       family = "quasibinomial", description = "stratum S6 has one PSU; options(survey.lonely.psu = \"remove\")"),
  list(name = "lonely-adjust", design = c(lonely, list(lonelyPSU = "adjust")), formula = "concerned ~ sex + trust_score",
       family = "quasibinomial", description = "options(survey.lonely.psu = \"adjust\")"),
  list(name = "lonely-average", design = c(lonely, list(lonelyPSU = "average")), formula = "trust_score ~ sex + age_band",
       family = "gaussian", description = "options(survey.lonely.psu = \"average\")"),
  list(name = "lonely-certainty", design = c(lonely, list(lonelyPSU = "certainty")), formula = "trust_score ~ sex + age_band",
       family = "gaussian", description = "options(survey.lonely.psu = \"certainty\")"),
  list(name = "raked-logistic", design = raked, formula = "concerned ~ age_band + sex + trust_score",
       family = "quasibinomial", description = "rake(design, list(~sex, ~region)): the variance accounts for the raking",
       margins = "age_band"),
  list(name = "raked-gaussian", design = raked, formula = "trust_score ~ age_band + region",
       family = "gaussian", description = "raked, gaussian"),
  list(name = "raked-domain", design = raked, formula = "trust_score ~ age_band + concern_data_use",
       family = "gaussian", domain = list(variable = "sex", value = "M"),
       description = "subset of a raked design: rows outside the domain keep weight 0"),
  list(name = "privacy-logistic-year", design = privacy, formula = "concerned ~ sex + trust_score + interview_year",
       family = "quasibinomial", description = "a covariate far from zero (2019-2022): the last step from the QR")
)

results <- lapply(cases, function(case) {
  cat(case$name, "\n")
  policy <- if (is.null(case$design$lonelyPSU)) "fail" else case$design$lonelyPSU
  options(survey.lonely.psu = policy)
  on.exit(options(survey.lonely.psu = "fail"))
  run_case(case)
})

# ------------------------------------------------------------------------------------------------
# 4. Proportional-odds models: svyolr (R survey 4.1, optim BFGS with a numerical Hessian)
# ------------------------------------------------------------------------------------------------
run_ordinal_case <- function(case) {
  design <- make_design(case$design)
  if (!is.null(case$domain)) {
    keep <- as.character(design$variables[[case$domain$variable]]) == case$domain$value
    keep[is.na(keep)] <- FALSE
    design <- subset(design, keep)
  }
  # regTermTest re-evaluates the call's design: keep it where the call can find it.
  assign("olr_design", design, envir = globalenv())
  fit <- eval(bquote(svyolr(.(as.formula(case$formula)), design = olr_design)), globalenv())
  beta <- coef(fit)
  V <- vcov(fit)
  labels <- attr(terms(fit), "term.labels")
  test_of <- function(terms) {
    test <- regTermTest(fit, as.formula(paste("~", paste(terms, collapse = " + "))))
    list(statistic = as.numeric(test$Ftest), numeratorDF = test$df, denominatorDF = test$ddf,
         pValue = as.numeric(test$p))
  }
  tests <- lapply(labels, function(term) c(list(term = term), test_of(term)))
  result <- list(
    name = case$name, description = case$description, dataset = case$design$dataset,
    design = case$design, formula = case$formula, family = "ordinal",
    respondents = sum(weights(design) > 0 & complete.cases(design$variables[, all.vars(as.formula(case$formula))])),
    levels = fit$lev,
    degreesOfFreedom = fit$df.residual, deviance = fit$deviance,
    functionEvaluations = unname(fit$niter[1]), gradientEvaluations = unname(fit$niter[2]),
    convergence = fit$convergence, thresholdCount = length(fit$zeta),
    # svyolr gives no p values and confint() gives normal intervals; Confiance uses t on the
    # residual degrees of freedom as for svyglm, computed here from R's estimates and SEs.
    coefficients = lapply(seq_along(beta), function(j) {
      se <- sqrt(V[j, j]); t <- qt(0.975, fit$df.residual)
      list(term = names(beta)[j], estimate = unname(beta[j]), standardError = se,
           statistic = unname(beta[j]) / se, pValue = 2 * pt(-abs(unname(beta[j]) / se), fit$df.residual),
           ciLower = unname(beta[j]) - t * se, ciUpper = unname(beta[j]) + t * se)
    }),
    covariance = unname(lapply(seq_len(nrow(V)), function(i) unname(V[i, ]))),
    tests = tests)
  if (!is.null(case$domain)) result$domain <- case$domain
  if (!is.null(case$joint)) result$joint <- c(list(terms = case$joint), test_of(case$joint))
  result
}

clus1 <- list(dataset = "apiclus1", weights = "pw", clusters = "dnum", fpc = "fpc")
raked_complete <- c(privacy, list(rake = list(population_sex, population_region)))

ordinal_cases <- list(
  list(name = "olr-api-published", design = clus1, formula = "factor(mealcat) ~ avg.ed + mobility + stype",
       description = "R's published example (?svyolr): dclus1, mealcat = cut(meals, c(0, 25, 50, 75, 100)); 26 rows with a missing value"),
  list(name = "olr-privacy", design = privacy, formula = "factor(concern_data_use) ~ age_band + sex + trust_score",
       description = "strata, PSUs, FPC, missing values; five levels", joint = c("age_band", "sex")),
  list(name = "olr-privacy-interaction", design = privacy, formula = "factor(actions_level) ~ age_band * sex",
       description = "an interaction; four levels"),
  list(name = "olr-privacy-domain", design = privacy, formula = "factor(concern_data_use) ~ age_band + trust_score",
       domain = list(variable = "sex", value = "F"), description = "svyolr on subset(design, sex == \"F\")"),
  list(name = "olr-lonely-adjust", design = c(lonely, list(lonelyPSU = "adjust")),
       formula = "factor(actions_level) ~ sex + region", description = "one single-PSU stratum, lonely.psu = \"adjust\""),
  list(name = "olr-raked", design = raked_complete, formula = "factor(actions_level) ~ sex + region",
       description = "raked on sex and region (no missing values: svyolr on a calibrated design needs complete rows)"),
  list(name = "olr-raked-domain", design = raked_complete, formula = "factor(actions_level) ~ region",
       domain = list(variable = "sex", value = "M"),
       description = "domain of a raked design: the other rows weigh 0 and count in the mean weight of the starting fit")
)

ordinal_results <- lapply(ordinal_cases, function(case) {
  cat(case$name, "\n")
  policy <- if (is.null(case$design$lonelyPSU)) "fail" else case$design$lonelyPSU
  options(survey.lonely.psu = policy)
  on.exit(options(survey.lonely.psu = "fail"))
  run_ordinal_case(case)
})

# ------------------------------------------------------------------------------------------------
# 5. Models on replicate-weight designs: svyglm.svyrep.design (full-sample fit, refits with each
#    replicate's weights from it, svrVar; df.residual = degf(design) + 1 - p)
# ------------------------------------------------------------------------------------------------
jk1 <- list(type = "JK1")
replicate_cases <- list(
  list(name = "rep-api-jk1", design = c(clus1, list(replicates = jk1)), formula = "api00 ~ ell + meals + mobility",
       family = "gaussian", description = "as.svrepdesign(dclus1): JK1 created from 15 clusters"),
  list(name = "rep-api-jk1-mse-logistic", design = c(clus1, list(replicates = list(type = "JK1", mse = TRUE))),
       formula = "sch_wide ~ meals + stype", family = "quasibinomial", description = "JK1 with mse = TRUE, logistic"),
  list(name = "rep-api-supplied", design = c(clus1, list(replicates = list(type = "JK1", columns = "^rep[0-9]+$"))),
       formula = "api00 ~ ell + meals + stype", family = "gaussian", joint = c("ell", "meals"),
       description = "svrepdesign(repweights = \"^rep[0-9]+$\", type = \"JK1\", combined.weights = TRUE)"),
  list(name = "rep-api-domain", design = c(clus1, list(replicates = jk1)), formula = "api00 ~ ell + meals",
       family = "gaussian", domain = list(variable = "stype", value = "E"), description = "subset(JK1 design, stype == \"E\")"),
  list(name = "rep-privacy-jkn-logistic", design = c(privacy, list(replicates = list(type = "JKn"))),
       formula = "concerned ~ age_band + sex + trust_score", family = "quasibinomial",
       description = "as.svrepdesign(type = \"JKn\") of the stratified cluster design with FPC; missing values"),
  list(name = "rep-privacy-jkn-poisson-domain", design = c(privacy, list(replicates = list(type = "JKn"))),
       formula = "protective_actions ~ age_band + trust_score", family = "quasipoisson",
       domain = list(variable = "sex", value = "M"), description = "JKn, Poisson, a domain")
)
replicate_results <- lapply(replicate_cases, function(case) {
  cat(case$name, "\n")
  run_case(case)
})

# Model-matrix column names for formulas that exercise R's coding rules (no fit).
mm_data <- data.frame(y = rnorm(12), a = rep(c("p", "q", "r"), 4), b = rep(c("u", "v"), each = 6),
                      x = 1:12, z = rep(c(1, 2, 4), each = 4), stringsAsFactors = FALSE)
column_formulas <- c("y ~ a", "y ~ a - 1", "y ~ x + x:a", "y ~ a:b", "y ~ a:b - 1", "y ~ b:a + a",
                     "y ~ (a + x) * b", "y ~ a * b - a", "y ~ factor(z) + x", "y ~ x * factor(z) - 1",
                     "y ~ a * b * x", "y ~ 0 + x + a", "y ~ a + b + a:b:x")
columns <- lapply(column_formulas, function(f) {
  tt <- terms(as.formula(f))
  list(formula = f, termLabels = attr(tt, "term.labels"), intercept = attr(tt, "intercept") == 1,
       columns = colnames(model.matrix(as.formula(f), mm_data)))
})

to_columns <- function(frame) lapply(frame, function(column) if (is.factor(column)) as.character(column) else column)

write_json(list(
  generatedBy = generated_by, seed = seed,
  datasets = lapply(datasets, to_columns),
  modelMatrixData = to_columns(mm_data),
  modelMatrixColumns = columns,
  cases = results, ordinalCases = ordinal_results, replicateCases = replicate_results), "models.json", auto_unbox = TRUE, digits = NA, na = "null", pretty = FALSE, null = "null")
cat("wrote models.json:", length(results), "cases,", length(ordinal_results), "ordinal cases,",
    length(replicate_results), "replicate cases\n")
