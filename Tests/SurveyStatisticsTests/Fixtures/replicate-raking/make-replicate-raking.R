# make-replicate-raking.R
#
# Golden values for raking a replicate-weight design, computed with R's `survey` package (4.1):
# rake() on a svyrep.design rakes every replicate's weights too (postStratify.svyrep.design scales
# replicate r's weights in each cell by the target over that replicate's own cell total), and the
# variances of estimates on the raked design come from the raked replicates.
#
# Run from this folder:   Rscript make-replicate-raking.R      (writes reference.json next to it)
#
# The data are those of ../replicates/reference.json (written by ../replicates/make-replicates.R),
# read here exactly as the Swift tests read them; this file holds only the raking cases.
#
# It also writes raked-ratios.json: svyratio(~api00, ~api99) on the raked design of each supplied
# case, for the whole sample and in every school type (the domain's rows, raked[stype == level, ],
# with its own degf()), as cases of ../replicates/reference.json's shape. R 4.1's
# svyratio(deff = TRUE) fails on replicate designs; the design effect is what R 4.5 computes, that
# of the total of y - R x over the rows with both values, as ../replicates does.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

seed <- 20261208
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
# 1. Data: the replicate fixture's data sets, read back as the tests read them
# ------------------------------------------------------------------------------------------------

parsed <- fromJSON("../replicates/reference.json", simplifyVector = TRUE)
datasets <- lapply(parsed$datasets, function(d) {
  frame <- as.data.frame(lapply(d$column_order, function(name) {
    column <- d$columns[[name]]
    if (column$type == "categorical") as.character(column$values) else as.numeric(column$values)
  }), stringsAsFactors = FALSE)
  names(frame) <- d$column_order
  frame
})

# Population margins from data(api)'s apipop (6194 schools): totals, or proportions of N = 6194
# (R is given proportion × N, as Confiance computes it).
data(api)
population_size <- nrow(apipop)
population_counts <- function(variable) {
  counts <- table(as.character(apipop[[variable]]))
  list(categories = names(counts), counts = as.numeric(counts))
}

# ------------------------------------------------------------------------------------------------
# 2. Cases: a replicate design, its margins, and rake(control = list(maxit = 100, epsilon = 1e-10))
# ------------------------------------------------------------------------------------------------

supplied <- function(dataset, type, pattern, rho = NULL) {
  function() {
    args <- list(data = datasets[[dataset]], repweights = pattern, weights = ~pw, type = type,
                 combined.weights = TRUE)
    if (!is.null(rho)) args$rho <- rho
    suppressWarnings(do.call(svrepdesign, args))
  }
}
created <- function(dataset, type, strata = NULL, clusters) {
  function() {
    args <- list(ids = as.formula(paste0("~", clusters)), weights = ~pw, data = datasets[[dataset]], nest = TRUE)
    if (!is.null(strata)) args$strata <- as.formula(paste0("~", strata))
    if (dataset == "apiclus1") args$fpc <- ~fpc
    as.svrepdesign(do.call(svydesign, args), type = type)
  }
}

cases <- list(
  list(name = "sup-jk1", dataset = "apiclus1", make = supplied("apiclus1", "JK1", "^jk1_"),
       replicates = list(source = "supplied", method = "jk1", pattern = "^jk1_"),
       margins = c("stype", "sch.wide"), scale = "totals", domain = "stype", share = "comp.imp"),
  list(name = "sup-brr", dataset = "pairs", make = supplied("pairs", "BRR", "^brr_"),
       replicates = list(source = "supplied", method = "brr", pattern = "^brr_"),
       margins = c("stype", "sch.wide"), scale = "totals", domain = "stype", share = "comp.imp"),
  list(name = "sup-fay", dataset = "pairs", make = supplied("pairs", "Fay", "fay_[0-9]+", rho = 0.3),
       replicates = list(source = "supplied", method = "fay", pattern = "fay_[0-9]+", fay_rho = 0.3),
       margins = c("stype", "awards"), scale = "proportions", domain = "stype", share = "sch.wide"),
  list(name = "sup-boot", dataset = "apistrat", make = supplied("apistrat", "bootstrap", "^boot_"),
       replicates = list(source = "supplied", method = "bootstrap", pattern = "^boot_"),
       margins = c("sch.wide", "awards"), scale = "totals", domain = "stype", share = "comp.imp"),
  list(name = "rclus1-jk1", dataset = "apiclus1", make = created("apiclus1", "JK1", clusters = "dnum"),
       replicates = list(source = "created", method = "jk1", clusters = "dnum", fpc = "fpc"),
       margins = c("stype", "sch.wide"), scale = "proportions", domain = "stype", share = "comp.imp"),
  list(name = "rpairs-jkn", dataset = "pairs", make = created("pairs", "JKn", strata = "pair", clusters = "psu"),
       replicates = list(source = "created", method = "jkn", strata = "pair", clusters = "psu"),
       margins = c("stype", "awards"), scale = "totals", domain = "sch.wide", share = "comp.imp"),
  list(name = "rpairs-brr", dataset = "pairs", make = created("pairs", "BRR", strata = "pair", clusters = "psu"),
       replicates = list(source = "created", method = "brr", strata = "pair", clusters = "psu"),
       margins = c("stype", "sch.wide"), scale = "totals", domain = "stype", share = "awards")
)

interval_methods <- c("logit", "mean", "beta", "xlogit", "asin")

# One estimate of raked-ratios.json: the ratio api00/api99 of `design` (a raked design or a domain's
# rows), its domain a named list of the domain variables' values (empty for the whole sample).
ratio_row <- function(design, domain) {
  y <- design$variables$api00
  x <- design$variables$api99
  est <- svyratio(~api00, ~api99, design, na.rm = TRUE)
  df <- degf(design)
  ci <- confint(est, df = df)
  both <- !is.na(y) & !is.na(x)
  residual <- (y - coef(est)[[1]] * x)[both]
  deff_value <- deff(svytotal(residual, design[both, ], deff = TRUE))
  list(domain = domain, estimate = json_number(coef(est)), standard_error = json_number(SE(est)),
       ci_lower = json_number(ci[1]), ci_upper = json_number(ci[2]), degrees_of_freedom = df,
       respondents = sum(both), design_effect = json_number(deff_value))
}
raked_ratios <- list()
checked_rows <- c(1, 2, 50)

estimate <- function(fit, df) {
  ci <- confint(fit, df = df)
  list(estimate = json_number(coef(fit)[1]), standard_error = json_number(SE(fit)[1]),
       ci_lower = json_number(ci[1, 1]), ci_upper = json_number(ci[1, 2]), degrees_of_freedom = df)
}

run_case <- function(case) {
  design <- case$make()
  data <- design$variables
  margins <- lapply(case$margins, function(variable) {
    counts <- population_counts(variable)
    targets <- if (case$scale == "totals") counts$counts else counts$counts / population_size
    list(variable = variable, categories = counts$categories, targets = targets)
  })
  sample_margins <- lapply(case$margins, function(variable) as.formula(paste0("~`", variable, "`")))
  population_margins <- lapply(margins, function(margin) {
    frame <- data.frame(margin$categories, Freq = margin$targets * (if (case$scale == "totals") 1 else population_size),
                        stringsAsFactors = FALSE)
    names(frame)[1] <- margin$variable
    frame
  })
  raked <- rake(design, sample_margins, population_margins, control = list(maxit = 100, epsilon = 1e-10))
  full <- weights(raked, "sampling")
  analysis <- unname(weights(raked, "analysis"))
  stopifnot(all(is.finite(analysis)))
  # every margin fits, for the full sample and for every replicate
  for (i in seq_along(margins)) {
    cells <- data[[margins[[i]]$variable]]
    target <- population_margins[[i]]$Freq[match(cells, margins[[i]]$categories)]
    for (column in seq_len(ncol(analysis) + 1)) {
      w <- if (column == 1) full else analysis[, column - 1]
      totals <- tapply(w, cells, sum)
      stopifnot(max(abs(totals - population_margins[[i]]$Freq[match(names(totals), margins[[i]]$categories)]) /
                    totals) < 1e-8 || i < length(margins))
    }
  }
  df <- degf(raked)
  if (case$replicates$source == "supplied") {
    levels <- sort(unique(data$stype))
    by_stype <- lapply(levels, function(level) ratio_row(raked[data$stype == level, ], list(stype = level)))
    # svyby gives the same ratios
    check <- svyby(~api00, ~stype, raked, svyratio, denominator = ~api99, na.rm = TRUE)
    ours <- sapply(by_stype, function(r) as.numeric(unclass(r$estimate)))
    stopifnot(max(abs(ours - as.vector(coef(check))) / abs(ours)) < 1e-12)
    ratio_case <- function(name, by, estimates) {
      list(name = name, design = case$name, statistic = "ratio", numerator = "api00", denominator = "api99",
           by = I(by), level = 0.95, estimates = estimates)
    }
    raked_ratios[[length(raked_ratios) + 1]] <<- ratio_case(
      "raked ratio api00/api99", character(0), list(ratio_row(raked, setNames(list(), character(0)))))
    raked_ratios[[length(raked_ratios) + 1]] <<- ratio_case("raked ratio api00/api99 by stype", "stype", by_stype)
  }
  mean_fit <- svymean(~api00, raked)
  total_fit <- svytotal(~enroll, raked)
  domains <- sort(unique(data[[case$domain]]))
  by_domain <- lapply(domains, function(level) {
    d <- raked[data[[case$domain]] == level, ]
    c(list(domain = level), estimate(svymean(~api00, d), degf(d)))
  })
  # shares of a categorical variable among the respondents with a value; svyciprop(na.rm = TRUE) on
  # the whole design, as a user calls it (its Korn-Graubard interval counts every row: nrow(design))
  d_share <- raked[!is.na(data[[case$share]]), ]
  share_df <- degf(d_share)
  factor_fit <- svymean(as.formula(paste0("~factor(`", case$share, "`)")), d_share)
  categories <- sort(unique(na.omit(data[[case$share]])))
  shares <- lapply(seq_along(categories), function(k) {
    category <- categories[k]
    formula <- eval(bquote(~I(.(as.name(case$share)) == .(category))))
    bounds <- lapply(interval_methods, function(method) {
      json_numbers(attr(suppressWarnings(svyciprop(formula, raked, method = method, level = 0.95, na.rm = TRUE)), "ci"))
    })
    names(bounds) <- interval_methods
    list(category = category, proportion = json_number(coef(factor_fit)[k]),
         standard_error = json_number(SE(factor_fit)[k]), degrees_of_freedom = share_df, intervals = bounds)
  })
  checks <- list()
  for (row in c(checked_rows, nrow(analysis))) for (replicate in c(1, 2, ncol(analysis))) {
    checks[[length(checks) + 1]] <- list(row = row, replicate = replicate, weight = json_number(analysis[row, replicate]))
  }
  list(name = case$name, dataset = case$dataset, replicates = case$replicates,
       margins = lapply(margins, function(m) list(variable = m$variable, categories = I(m$categories),
                                                   targets = json_numbers(m$targets))),
       scale = case$scale, population_size = population_size,
       replicate_count = ncol(analysis), degrees_of_freedom = df,
       weights = json_numbers(full),
       replicate_column_sums = json_numbers(colSums(analysis)),
       replicate_weights = checks,
       mean = c(list(variable = "api00"), estimate(mean_fit, df)),
       total = c(list(variable = "enroll"), estimate(total_fit, df)),
       domain_means = list(variable = "api00", by = case$domain, estimates = by_domain),
       shares = list(variable = case$share, estimates = shares))
}

results <- lapply(cases, run_case)

output <- list(generated_by = generated_by, seed = seed, population_size = population_size,
               interval_methods = interval_methods, cases = results)
writeLines(toJSON(output, auto_unbox = TRUE, json_verbatim = TRUE, pretty = TRUE, na = "null", digits = NA),
           "reference.json")
cat("wrote reference.json:", length(results), "cases\n")
writeLines(toJSON(list(generated_by = generated_by, cases = raked_ratios), auto_unbox = TRUE, json_verbatim = TRUE,
                  pretty = TRUE, na = "null", null = "null", digits = NA), "raked-ratios.json")
cat("wrote raked-ratios.json:", length(raked_ratios), "cases\n")

# ------------------------------------------------------------------------------------------------
# 3. The privacy paradox on every raked replicate design (paradox.json): concern = sch.wide "Yes",
#    acting = comp.imp "Yes" or a school of a few districts (pairs), by stype; the analysis of
#    ../replicates/make-replicates.R (section 5c: d = subset(raked, complete), each domain
#    subset(d, stype == level)), its functions evaluated from that script rather than copied.
# ------------------------------------------------------------------------------------------------

paradox_names <- c("paradox_methods", "paradox_proportion", "paradox_t", "paradox_domain", "phi_expression",
                   "paradox_case", "districts_acting", "pairs_acting")
for (expression in parse("../replicates/make-replicates.R", keep.source = FALSE)) {
  if (is.call(expression) && identical(expression[[1]], as.name("<-")) && is.name(expression[[2]]) &&
      as.character(expression[[2]]) %in% paradox_names) eval(expression, globalenv())
}
stopifnot(all(sapply(paradox_names, exists)))
rake_case <- function(case) {
  design <- case$make()
  sample_margins <- lapply(case$margins, function(variable) as.formula(paste0("~`", variable, "`")))
  population_margins <- lapply(case$margins, function(variable) {
    counts <- population_counts(variable)
    frame <- data.frame(counts$categories, Freq = counts$counts, stringsAsFactors = FALSE)
    names(frame)[1] <- variable
    frame
  })
  rake(design, sample_margins, population_margins, control = list(maxit = 100, epsilon = 1e-10))
}
# paradox_case() reads its design from `built`, by name.
built <- setNames(lapply(cases, rake_case), sapply(cases, function(case) case$name))
acting <- list(apiclus1 = list("dnum", districts_acting), pairs = list("pair", pairs_acting),
               apistrat = list("dnum", c("401", "632", "153", "259")))
paradox_results <- lapply(cases, function(case) {
  other <- acting[[case$dataset]]
  paradox_case(case$name, "stype", other[[1]], other[[2]])
})
text <- toJSON(list(generated_by = generated_by, paradox = paradox_results), auto_unbox = TRUE, json_verbatim = TRUE,
               na = "null", null = "null", pretty = FALSE)
writeLines(gsub('},\\{"design"', '},\n{"design"', text), "paradox.json")
cat("wrote paradox.json:", length(paradox_results), "raked paradox analyses\n")
