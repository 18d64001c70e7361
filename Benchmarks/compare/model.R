# Issue 13's model benchmark in R survey: the same fit as
#   confiance model FILE --formula "b1 ~ sex + age_band + education + q1" --family logistic
#     --weight weight --strata region --psu psu --missing q1=9 --format json
# svyglm(…, family = quasibinomial()) on the stratified cluster design (12 coefficients), with
# summary() and confint(fit, ddf = fit$df.residual), written as JSON to OUT (default /dev/null):
# one record per coefficient with term, estimate, standard_error, ci_lower, ci_upper.
#
# Usage: Rscript model.R FILE [OUT]
suppressMessages({
  library(survey)
  library(data.table)
  library(jsonlite)
})
arguments <- commandArgs(trailingOnly = TRUE)
file <- arguments[1]
out <- if (length(arguments) > 1) arguments[2] else "/dev/null"
data <- fread(file, select = c("region", "psu", "weight", "sex", "age_band", "education", "q1", "b1"),
              showProgress = FALSE)
data[q1 == 9, q1 := NA]
design <- svydesign(ids = ~psu, strata = ~region, weights = ~weight, data = data)
fit <- svyglm(b1 ~ sex + age_band + education + q1, design = design, family = quasibinomial())
table <- summary(fit)$coefficients
ci <- confint(fit, ddf = fit$df.residual)
write_json(data.frame(term = rownames(table), estimate = table[, 1], standard_error = table[, 2],
                      ci_lower = ci[, 1], ci_upper = ci[, 2]), out, digits = NA)
cat(sprintf("R survey %s: %d coefficients\n", packageVersion("survey"), nrow(table)), file = stderr())
