# make-numeric.R
#
# Golden reference values for Confiance's estimators of numeric variables: means, totals, ratios
# and quantiles, overall and by domain, computed with R's `survey` package (4.1) the way R users
# compute them: svymean, svytotal, svyratio, svyquantile (4.1's defaults: qrule = "math",
# interval.type = "mean"), each on subset(design, domain) and checked against svyby().
#
# Run from this folder:   Rscript make-numeric.R       (writes reference.json next to it)
#
# The data go into the JSON file too (SurveyStatisticsTests reads no CSV): three data sets from
# data(api) with a few columns each, plus seeded missing values. Every reference number is
# computed from the data *as read back* from the JSON text, so the numbers belong to exactly the
# data a test reads. Numbers are written with sprintf("%.17g"), which round-trips a double;
# NA, NaN and infinite values are written as null.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

seed <- 20261205
set.seed(seed)
invisible(Sys.setlocale("LC_COLLATE", "C"))
options(survey.lonely.psu = "fail")

generated_by <- sprintf("%s; survey %s; jsonlite %s", R.version.string,
                        as.character(packageVersion("survey")),
                        as.character(packageVersion("jsonlite")))

# ------------------------------------------------------------------------------------------------
# JSON writing: numbers as %.17g, non-finite as null (json_verbatim pieces)
# ------------------------------------------------------------------------------------------------

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
# 1. Data: data(api) columns, seeded missing values, read back from JSON
# ------------------------------------------------------------------------------------------------

data(api)

# Population districts per school type (for the stratified cluster design's FPC).
districts <- sapply(split(apipop$dnum, apipop$stype), function(x) length(unique(x)))

plant_missing <- function(x, count) {
  x[sample(seq_along(x), count)] <- NA
  x
}

as_text <- function(x) ifelse(is.na(x), NA, as.character(x))

strat <- data.frame(
  stype = as_text(apistrat$stype), dnum = as_text(apistrat$dnum), pw = apistrat$pw,
  fpc = apistrat$fpc, districts = unname(districts[as.character(apistrat$stype)]),
  api00 = apistrat$api00, api99 = plant_missing(apistrat$api99, 12),
  api.stu = apistrat$api.stu, enroll = apistrat$enroll,
  meals = plant_missing(apistrat$meals, 10), acs.k3 = apistrat$acs.k3,
  sch.wide = as_text(apistrat$sch.wide), comp.imp = as_text(apistrat$comp.imp),
  stringsAsFactors = FALSE)
clus1 <- data.frame(
  stype = as_text(apiclus1$stype), dnum = as_text(apiclus1$dnum), pw = apiclus1$pw,
  fpc = apiclus1$fpc, api00 = apiclus1$api00, api99 = plant_missing(apiclus1$api99, 12),
  api.stu = apiclus1$api.stu, enroll = apiclus1$enroll, acs.k3 = apiclus1$acs.k3,
  avg.ed = apiclus1$avg.ed, sch.wide = as_text(apiclus1$sch.wide),
  comp.imp = as_text(apiclus1$comp.imp), stringsAsFactors = FALSE)
clus2 <- data.frame(
  stype = as_text(apiclus2$stype), dnum = as_text(apiclus2$dnum), cname = as_text(apiclus2$cname),
  pw = apiclus2$pw, api00 = apiclus2$api00, api99 = plant_missing(apiclus2$api99, 8),
  api.stu = apiclus2$api.stu, enroll = apiclus2$enroll, acs.k3 = apiclus2$acs.k3,
  sch.wide = as_text(apiclus2$sch.wide), stringsAsFactors = FALSE)

categorical_columns <- c("stype", "dnum", "cname", "sch.wide", "comp.imp")
as_doubles <- function(frame) {
  for (name in setdiff(names(frame), categorical_columns)) frame[[name]] <- as.numeric(frame[[name]])
  frame
}
strat <- as_doubles(strat)
clus1 <- as_doubles(clus1)
clus2 <- as_doubles(clus2)

dataset_json <- function(frame) {
  columns <- lapply(names(frame), function(name) {
    if (name %in% categorical_columns) {
      list(type = "categorical", values = frame[[name]])
    } else {
      list(type = "numeric", values = json_numbers(frame[[name]]))
    }
  })
  names(columns) <- names(frame)
  list(rows = nrow(frame), column_order = names(frame), columns = columns)
}

datasets_json <- list(apistrat = dataset_json(strat), apiclus1 = dataset_json(clus1),
                      apiclus2 = dataset_json(clus2))

# Read the data back from the JSON text exactly as written.
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
for (name in names(datasets)) {
  original <- list(apistrat = strat, apiclus1 = clus1, apiclus2 = clus2)[[name]]
  stopifnot(identical(datasets[[name]], original))   # the JSON round trip is exact
}

# ------------------------------------------------------------------------------------------------
# 2. Designs
# ------------------------------------------------------------------------------------------------

pop_margin <- function(variable, table) {
  list(variable = variable, categories = names(table), targets = as.numeric(table))
}
margins_dclus1 <- list(pop_margin("stype", c(E = 4421, H = 755, M = 1018)),
                       pop_margin("sch.wide", c(No = 1072, Yes = 5122)))
margins_dstrat <- list(pop_margin("sch.wide", table(apipop$sch.wide)),
                       pop_margin("comp.imp", table(apipop$comp.imp)))

design_spec <- function(dataset, weights = NA, strata = NA, clusters = NA, fpc = NA,
                        lonely_psu = "fail", rake = NULL) {
  list(dataset = dataset, weights = weights, strata = strata, clusters = clusters, fpc = fpc,
       lonely_psu = lonely_psu, rake = rake)
}

designs <- list(
  dstrat = design_spec("apistrat", weights = "pw", strata = "stype", fpc = "fpc"),
  dstratclus = design_spec("apistrat", weights = "pw", strata = "stype", clusters = "dnum",
                           fpc = "districts"),
  dclus1 = design_spec("apiclus1", weights = "pw", clusters = "dnum", fpc = "fpc"),
  dclus2wr = design_spec("apiclus2", weights = "pw", clusters = "dnum"),
  dclus1rake = design_spec("apiclus1", weights = "pw", clusters = "dnum", fpc = "fpc",
                           rake = margins_dclus1),
  dstratrake = design_spec("apistrat", weights = "pw", strata = "stype", fpc = "fpc",
                           rake = margins_dstrat))
for (policy in c("remove", "certainty", "adjust", "average")) {
  designs[[paste0("lonely-school-", policy)]] <-
    design_spec("apiclus1", weights = "pw", strata = "dnum", lonely_psu = policy)
  designs[[paste0("lonely-district-", policy)]] <-
    design_spec("apiclus2", weights = "pw", strata = "cname", clusters = "dnum", lonely_psu = policy)
}

term <- function(name) as.formula(paste0("~`", name, "`"), env = globalenv())

r_design_call <- function(spec) {
  parts <- c(sprintf("ids = ~%s", if (is.na(spec$clusters)) "1" else spec$clusters))
  if (!is.na(spec$strata)) parts <- c(parts, sprintf("strata = ~%s", spec$strata))
  if (!is.na(spec$weights)) parts <- c(parts, sprintf("weights = ~%s", spec$weights))
  if (!is.na(spec$fpc)) parts <- c(parts, sprintf("fpc = ~%s", spec$fpc))
  if (!is.na(spec$strata) && !is.na(spec$clusters)) parts <- c(parts, "nest = TRUE")
  call <- sprintf("svydesign(%s, data = %s)", paste(parts, collapse = ", "), spec$dataset)
  if (!is.null(spec$rake)) {
    call <- sprintf("rake(%s, list(%s), <population margins>, control = list(maxit = 100, epsilon = 1e-10))",
                    call, paste0("~", sapply(spec$rake, `[[`, "variable"), collapse = ", "))
  }
  call
}

make_design <- function(spec) {
  data <- datasets[[spec$dataset]]
  args <- list(ids = if (is.na(spec$clusters)) ~1 else term(spec$clusters), data = data)
  if (!is.na(spec$strata)) args$strata <- term(spec$strata)
  if (!is.na(spec$weights)) args$weights <- term(spec$weights)
  if (!is.na(spec$fpc)) args$fpc <- term(spec$fpc)
  if (!is.na(spec$strata) && !is.na(spec$clusters)) args$nest <- TRUE
  design <- do.call(svydesign, args)
  if (is.null(spec$rake)) return(design)
  rake(design,
       sample.margins = lapply(spec$rake, function(m) term(m$variable)),
       population.margins = lapply(spec$rake, function(m)
         setNames(data.frame(m$categories, m$targets, stringsAsFactors = FALSE), c(m$variable, "Freq"))),
       control = list(maxit = 100, epsilon = 1e-10))
}

# ------------------------------------------------------------------------------------------------
# 3. Estimates
# ------------------------------------------------------------------------------------------------

# The domains of `by` in the data (rows with a missing by-value belong to none), each with its
# subset of the design (R's svyby subsets the same way: design[byfactor %in% level, ]).
domains_of <- function(design, by) {
  data <- design$variables
  if (length(by) == 0) return(list(list(levels = structure(list(), names = character(0)), rows = rep(TRUE, nrow(data)))))
  keys <- unique(data[complete.cases(data[by]), by, drop = FALSE])
  keys <- keys[do.call(order, unname(as.list(keys))), , drop = FALSE]
  lapply(seq_len(nrow(keys)), function(k) {
    rows <- Reduce(`&`, lapply(by, function(b) !is.na(data[[b]]) & data[[b]] == keys[k, b]))
    list(levels = as.list(setNames(as.character(unlist(keys[k, ])), by)), rows = rows)
  })
}

interval_of <- function(estimate, level, df) {
  ci <- confint(estimate, level = level, df = df)
  c(ci[1, 1], ci[1, 2])
}

row_json <- function(levels, estimate, se, lower, upper, df, respondents, deff, probability = NULL) {
  row <- list(domain = if (length(levels)) levels else structure(list(), names = character(0)))
  if (!is.null(probability)) row$probability <- json_number(probability)
  c(row, list(estimate = json_number(estimate), standard_error = json_number(se),
              ci_lower = json_number(lower), ci_upper = json_number(upper),
              degrees_of_freedom = df, respondents = respondents,
              design_effect = if (is.null(deff)) NULL else json_number(deff)))
}

svyby_check <- list()   # largest |subset − svyby| per statistic

estimate_case <- function(case) {
  spec <- designs[[case$design]]
  options(survey.lonely.psu = spec$lonely_psu)
  design <- make_design(spec)
  level <- case$level
  alpha <- if (level == 0.95) 0.05 else 1 - level
  rows <- list()
  for (domain in domains_of(design, case$by)) {
    sub <- design[domain$rows, ]
    df <- degf(sub)
    data <- sub$variables
    if (case$statistic %in% c("mean", "total")) {
      f <- term(case$variable)
      est <- if (case$statistic == "mean") svymean(f, sub, na.rm = TRUE, deff = TRUE)
             else svytotal(f, sub, na.rm = TRUE, deff = TRUE)
      ci <- interval_of(est, level, df)
      n <- sum(!is.na(design$variables[[case$variable]]) & domain$rows)
      rows[[length(rows) + 1]] <- row_json(domain$levels, coef(est), SE(est), ci[1], ci[2], df, n,
                                           deff(est))
    } else if (case$statistic == "ratio") {
      est <- svyratio(term(case$numerator), term(case$denominator), sub, na.rm = TRUE, deff = TRUE)
      ci <- interval_of(est, level, df)
      n <- sum(complete.cases(design$variables[c(case$numerator, case$denominator)]) & domain$rows)
      rows[[length(rows) + 1]] <- row_json(domain$levels, coef(est), SE(est), ci[1], ci[2], df, n,
                                           attr(est, "deff"))
    } else {
      x <- design$variables[[case$variable]]
      est <- svyquantile(term(case$variable), sub, case$probabilities, alpha = alpha, ci = TRUE,
                         na.rm = TRUE)
      ci <- confint(est)
      # svyquantile's own df: degf of the domain without the rows whose value is missing
      quantile_df <- degf(design[domain$rows & !is.na(x), ])
      n <- sum(!is.na(x) & domain$rows)
      for (k in seq_along(case$probabilities)) {
        rows[[length(rows) + 1]] <- row_json(domain$levels, coef(est)[k], SE(est)[k], ci[k, 1], ci[k, 2],
                                             quantile_df, n, NULL, probability = case$probabilities[k])
      }
    }
  }
  # svyby gives the same numbers (check only; the reference numbers are the subset ones above)
  if (length(case$by)) {
    by <- as.formula(paste0("~", paste0("`", case$by, "`", collapse = "+")))
    by_result <- switch(case$statistic,
      mean = svyby(term(case$variable), by, design, svymean, na.rm = TRUE, deff = TRUE),
      total = svyby(term(case$variable), by, design, svytotal, na.rm = TRUE, deff = TRUE),
      ratio = svyby(term(case$numerator), by, design, svyratio, denominator = term(case$denominator),
                    na.rm = TRUE, deff = TRUE),
      quantile = svyby(term(case$variable), by, design, svyquantile, quantiles = case$probabilities,
                       alpha = alpha, ci = TRUE, na.rm = TRUE, vartype = c("se", "ci")))
    value <- function(r, field) { v <- unclass(r[[field]]); if (v == "null") NaN else as.numeric(v) }
    ours <- sapply(rows, value, field = "estimate")
    ours_se <- sapply(rows, value, field = "standard_error")
    statistics <- max(1, length(case$probabilities))
    ours_keys <- paste(sapply(rows, function(r) paste(unlist(r$domain), collapse = ".")),
                       rep(seq_len(statistics), length.out = length(rows)))
    # coef() and SE() of a svyby result run over the domains for each statistic in turn
    domain_labels <- do.call(paste, c(unname(lapply(case$by, function(b) as.character(by_result[[b]]))), sep = "."))
    theirs_keys <- paste(rep(domain_labels, statistics), rep(seq_len(statistics), each = nrow(by_result)))
    theirs <- as.vector(coef(by_result))
    theirs_se <- as.vector(as.matrix(SE(by_result)))
    m <- match(ours_keys, theirs_keys)
    stopifnot(!anyNA(m), identical(is.nan(ours_se), is.nan(theirs_se[m])))
    difference <- max(abs(ours - theirs[m]) / abs(ours), abs(ours_se - theirs_se[m]) / ours_se, na.rm = TRUE)
    svyby_check[[case$name]] <<- difference
    stopifnot(difference < 1e-12)
  }
  options(survey.lonely.psu = "fail")
  list(name = case$name, design = case$design, statistic = case$statistic,
       variable = if (is.null(case$variable)) NULL else case$variable,
       numerator = case$numerator, denominator = case$denominator,
       by = I(case$by), probabilities = if (is.null(case$probabilities)) NULL else json_numbers(case$probabilities),
       level = level, estimates = rows)
}

case <- function(name, design, statistic, variable = NULL, by = character(0), numerator = NULL,
                 denominator = NULL, probabilities = NULL, level = 0.95) {
  list(name = name, design = design, statistic = statistic, variable = variable, by = by,
       numerator = numerator, denominator = denominator, probabilities = probabilities, level = level)
}

quartiles <- c(0.25, 0.5, 0.75)
deciles <- c(0.1, 0.25, 0.5, 0.75, 0.9)

cases <- list()
add <- function(...) cases[[length(cases) + 1]] <<- case(...)
for (d in c("dstrat", "dstratclus", "dclus1", "dclus2wr", "dclus1rake", "dstratrake")) {
  add(paste(d, "mean api00"), d, "mean", "api00")
  add(paste(d, "mean api99 by stype"), d, "mean", "api99", by = "stype")
  add(paste(d, "mean api00 by stype x sch.wide"), d, "mean", "api00", by = c("stype", "sch.wide"))
  add(paste(d, "total enroll"), d, "total", "enroll")
  add(paste(d, "total api99 by sch.wide"), d, "total", "api99", by = "sch.wide")
  add(paste(d, "ratio api.stu/enroll"), d, "ratio", numerator = "api.stu", denominator = "enroll")
  add(paste(d, "ratio api00/api99 by stype"), d, "ratio", numerator = "api00", denominator = "api99",
      by = "stype")
  add(paste(d, "quantile api00"), d, "quantile", "api00", probabilities = deciles)
  add(paste(d, "quantile api99 by stype"), d, "quantile", "api99", by = "stype", probabilities = quartiles)
  add(paste(d, "quantile acs.k3 by sch.wide"), d, "quantile", "acs.k3", by = "sch.wide",
      probabilities = quartiles)
}
# Missing values in most rows of a column, a 90 % level, extreme probabilities (NaN bounds)
add("dstrat mean meals level 0.9", "dstrat", "mean", "meals", by = "sch.wide", level = 0.9)
add("dclus1 mean avg.ed by stype", "dclus1", "mean", "avg.ed", by = "stype")
add("dclus1 quantile api00 extremes by stype", "dclus1", "quantile", "api00", by = "stype",
    probabilities = c(0.01, 0.05, 0.95, 0.99))
add("dstrat quantile meals level 0.9", "dstrat", "quantile", "meals", by = "comp.imp",
    probabilities = c(0.2, 0.5, 0.8), level = 0.9)
add("dclus2wr total enroll by stype", "dclus2wr", "total", "enroll", by = "stype")
add("dclus2wr ratio api.stu/enroll by stype", "dclus2wr", "ratio", numerator = "api.stu",
    denominator = "enroll", by = "stype")
for (policy in c("remove", "certainty", "adjust", "average")) {
  for (kind in c("school", "district")) {
    d <- paste0("lonely-", kind, "-", policy)
    add(paste(d, "mean api00"), d, "mean", "api00")
    add(paste(d, "mean api99 by stype"), d, "mean", "api99", by = "stype")
    add(paste(d, "total enroll"), d, "total", "enroll")
    add(paste(d, "total api99 by stype"), d, "total", "api99", by = "stype")
    add(paste(d, "ratio api00/api99"), d, "ratio", numerator = "api00", denominator = "api99")
    add(paste(d, "quantile api00 by stype"), d, "quantile", "api00", by = "stype", probabilities = quartiles)
  }
}

results <- lapply(cases, estimate_case)

# ------------------------------------------------------------------------------------------------
# 4. Published values (survey's vignette and tests/api.R) reproduced from the JSON data
# ------------------------------------------------------------------------------------------------

dclus1 <- make_design(designs$dclus1)
dstrat <- make_design(designs$dstrat)
q <- svyquantile(~api00, dclus1, c(.25, .5, .75), ci = TRUE)
stopifnot(all(coef(q) == c(552, 652, 719)),
          all(confint(q)[, 1] == c(492, 561, 696)), all(confint(q)[, 2] == c(627, 714, 777)),
          all(abs(SE(q) - c(31.47166, 35.66788, 18.88300)) < 5e-6))
r <- svyratio(~api.stu, ~enroll, dclus1)
stopifnot(abs(coef(r) - 0.8497087) < 5e-8, abs(SE(r) - 0.008386297) < 5e-10)
t <- svytotal(~enroll, dstrat)
stopifnot(round(coef(t)) == 3687178, round(SE(t)) == 114642)

design_json <- lapply(designs, function(spec) {
  list(dataset = spec$dataset, weights = spec$weights, strata = spec$strata,
       clusters = spec$clusters, fpc = spec$fpc, lonely_psu = spec$lonely_psu,
       rake = if (is.null(spec$rake)) NULL else lapply(spec$rake, function(m)
         list(variable = m$variable, categories = I(m$categories), targets = json_numbers(m$targets))),
       r_call = r_design_call(spec))
})

output <- list(generated_by = generated_by, seed = seed,
               datasets = datasets_json, designs = design_json, cases = results)
text <- toJSON(output, auto_unbox = TRUE, json_verbatim = TRUE, na = "null", null = "null",
               pretty = FALSE)
# one case per line keeps diffs readable
text <- gsub('},\\{"name"', '},\n{"name"', text)
writeLines(text, "reference.json")

cat(sprintf("%d cases, %d estimates\n", length(results),
            sum(sapply(results, function(r) length(r$estimates)))))
cat("largest |subset - svyby| (estimates and SEs):", format(max(unlist(svyby_check)), digits = 3), "\n")
