# Issue 6's workload in R survey: the same estimates as
#   confiance estimate FILE --var q1 … --var q6 --by age_band --weight weight --strata region --psu psu
#     --missing q1=9 … --missing q6=9 --ci logit --format json
# For each item and age band: the share of each answer (svyby + svymean, na.rm = TRUE), its
# linearized SE, and the logit interval with t quantiles on the design degrees of freedom (as
# svyciprop(method = "logit") builds it), written as JSON to OUT (default /dev/null): one record
# per estimate with variable, domain, category, proportion, standard_error, ci_lower, ci_upper.
#
# Usage: Rscript workload.R FILE [OUT]
suppressMessages({
  library(survey)
  library(data.table)
  library(jsonlite)
})
arguments <- commandArgs(trailingOnly = TRUE)
file <- arguments[1]
out <- if (length(arguments) > 1) arguments[2] else "/dev/null"
items <- paste0("q", 1:6)
data <- fread(file, select = c("region", "psu", "weight", "age_band", items), showProgress = FALSE)
for (item in items) {
  values <- data[[item]]
  values[values == 9] <- NA
  set(data, j = item, value = factor(values))
}
design <- svydesign(ids = ~psu, strata = ~region, weights = ~weight, data = data)
df <- degf(design)
quantile <- qt(0.975, df)
results <- list()
for (item in items) {
  by <- svyby(as.formula(paste0("~", item)), ~age_band, design, svymean, na.rm = TRUE)
  share <- coef(by)
  se <- sqrt(diag(suppressWarnings(vcov(by))))  # svyby keeps only the variances
  logit <- qlogis(share)
  half <- quantile * se / (share * (1 - share))
  # Names are "domain:itemcategory", e.g. "18-24:q11".
  domain <- sub(":.*", "", names(share))
  category <- substring(sub(".*:", "", names(share)), nchar(item) + 1)
  results[[item]] <- data.frame(
    variable = item, domain = domain, category = category, proportion = share, standard_error = se,
    ci_lower = plogis(logit - half), ci_upper = plogis(logit + half))
}
table <- do.call(rbind, results)
rownames(table) <- NULL
write_json(table, out, digits = NA)
cat(sprintf("R survey %s: %d estimates\n", packageVersion("survey"), nrow(table)), file = stderr())
