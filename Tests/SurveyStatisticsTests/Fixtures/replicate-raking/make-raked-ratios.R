# make-raked-ratios.R
#
# Golden values for ratios on a raked replicate-weight design, computed with R's `survey` package
# (4.1): svyratio(~api00, ~api99) after rake() of each svrepdesign() case of reference.json (the
# same data, margins and control), for the whole sample and in every school type (the domain's
# rows of the raked design, `raked[stype == level, ]`, with its own degf()).
#
# Run from this folder:   Rscript make-raked-ratios.R      (writes raked-ratios.json next to it)
#
# R 4.1's svyratio(deff = TRUE) fails on replicate designs; the design effect is what R 4.5
# computes, that of the total of y - R x over the rows with both values, as ../replicates does.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

invisible(Sys.setlocale("LC_COLLATE", "C"))
options(survey.lonely.psu = "fail", survey.replicates.mse = FALSE)

generated_by <- sprintf("%s; survey %s; jsonlite %s", R.version.string,
                        as.character(packageVersion("survey")),
                        as.character(packageVersion("jsonlite")))

json_number <- function(x) {
  x <- as.numeric(x)
  stopifnot(length(x) == 1)
  structure(if (is.finite(x)) sprintf("%.17g", x) else "null", class = "json")
}

parsed <- fromJSON("../replicates/reference.json", simplifyVector = TRUE)
datasets <- lapply(parsed$datasets, function(d) {
  frame <- as.data.frame(lapply(d$column_order, function(name) {
    column <- d$columns[[name]]
    if (column$type == "categorical") as.character(column$values) else as.numeric(column$values)
  }), stringsAsFactors = FALSE)
  names(frame) <- d$column_order
  frame
})
raking <- fromJSON("reference.json", simplifyVector = FALSE)

types <- c(jk1 = "JK1", brr = "BRR", fay = "Fay", bootstrap = "bootstrap")

ratio_row <- function(design, domain) {
  data <- design$variables
  y <- data$api00
  x <- data$api99
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

run_case <- function(case) {
  replicates <- case$replicates
  args <- list(data = datasets[[case$dataset]], repweights = replicates$pattern, weights = ~pw,
               type = types[[replicates$method]], combined.weights = TRUE)
  if (!is.null(replicates$fay_rho)) args$rho <- replicates$fay_rho
  design <- suppressWarnings(do.call(svrepdesign, args))
  sample_margins <- lapply(case$margins, function(m) as.formula(paste0("~`", m$variable, "`")))
  population_margins <- lapply(case$margins, function(m) {
    targets <- unlist(m$targets) * (if (case$scale == "totals") 1 else case$population_size)
    frame <- data.frame(unlist(m$categories), Freq = targets, stringsAsFactors = FALSE)
    names(frame)[1] <- m$variable
    frame
  })
  raked <- rake(design, sample_margins, population_margins, control = list(maxit = 100, epsilon = 1e-10))
  levels <- sort(unique(raked$variables$stype))
  by_stype <- lapply(levels, function(level) ratio_row(raked[raked$variables$stype == level, ], level))
  # svyby gives the same ratios and standard errors
  check <- svyby(~api00, ~stype, raked, svyratio, denominator = ~api99, na.rm = TRUE)
  ours <- sapply(by_stype, function(r) as.numeric(unclass(r$estimate)))
  stopifnot(max(abs(ours - as.vector(coef(check))) / abs(ours)) < 1e-12)
  list(name = case$name, numerator = "api00", denominator = "api99",
       whole = ratio_row(raked, NULL), by = "stype", domains = by_stype)
}

cases <- Filter(function(case) case$replicates$source == "supplied", raking$cases)
results <- lapply(cases, run_case)
writeLines(toJSON(list(generated_by = generated_by, cases = results), auto_unbox = TRUE, json_verbatim = TRUE,
                  pretty = TRUE, na = "null", null = "null", digits = NA), "raked-ratios.json")
cat("wrote raked-ratios.json:", length(results), "cases\n")
