# The replicate-weight benchmark in R survey: the same estimates as
#   confiance mean FILE --var income --by division            (MODE mean)
#   confiance estimate FILE --var tenure --by division        (MODE estimate)
# both with --weight PWGTP --replicate-weights "PWGTP[0-9]+" --replicate-type acs --mse, on
# svrepdesign(type = "ACS", mse = TRUE) (scale 4/80, rscales 1) and svyby(…, svymean): the mean of
# income, or the share of each tenure category (svymean on the factor), and its replicate SE, per
# division, written as JSON to OUT (default /dev/null): one record per estimate with domain,
# category ("" for the mean), estimate, standard_error.
#
# Usage: Rscript replicates.R FILE MODE [OUT]
suppressMessages({
  library(survey)
  library(data.table)
  library(jsonlite)
})
arguments <- commandArgs(trailingOnly = TRUE)
file <- arguments[1]
mode <- arguments[2]
out <- if (length(arguments) > 2) arguments[3] else "/dev/null"
variable <- if (mode == "mean") "income" else "tenure"
data <- fread(file, select = c("division", variable, "PWGTP", paste0("PWGTP", 1:80)), showProgress = FALSE)
if (mode != "mean") set(data, j = variable, value = factor(data[[variable]]))
design <- svrepdesign(data = data, weights = ~PWGTP, repweights = "PWGTP[0-9]+", type = "ACS", mse = TRUE,
                      combined.weights = TRUE)
by <- svyby(as.formula(paste0("~", variable)), ~division, design, svymean)
estimates <- coef(by)
se <- sqrt(diag(suppressWarnings(vcov(by))))  # SE(by) is a data frame for a factor
# Names are "division" for the mean, "division:tenurecategory" for shares.
domain <- sub(":.*", "", names(estimates))
category <- if (mode == "mean") "" else substring(sub(".*:", "", names(estimates)), nchar(variable) + 1)
table <- data.frame(domain = domain, category = category, estimate = as.numeric(estimates),
                    standard_error = as.numeric(se))
write_json(table, out, digits = NA)
cat(sprintf("R survey %s: %d estimates\n", packageVersion("survey"), nrow(table)), file = stderr())
