# Golden values for the design effect against simple random sampling with replacement
# (R survey's svymean(..., deff = "replace")), on a survey with normalized weights as in
# Eurobarometer files: the weights of each country sum to its number of respondents.
# Regenerate: Rscript make-design-effect.R (see README.md).
suppressPackageStartupMessages({ library(survey); library(jsonlite) })
invisible(Sys.setlocale("LC_COLLATE", "C"))
seed <- 20261205
set.seed(seed)

countries <- c("BE", "FR", "PL")
rows <- list()
for (country in countries) {
  psus <- 8
  for (psu in seq_len(psus)) {
    size <- sample(10:16, 1)
    shift <- rnorm(1, 0, 0.6)
    latent <- rnorm(size, shift, 1)
    answer <- as.character(cut(latent, c(-Inf, -0.8, 0, 0.8, Inf), labels = 1:4))
    answer[runif(size) < 0.08] <- "5"   # don't know: an answer, in the base
    answer[runif(size) < 0.04] <- NA    # no answer
    rows[[length(rows) + 1]] <- data.frame(
      country = country, psu = paste0(country, psu), raw = exp(rnorm(size, 0, 0.45)), qb10 = answer)
  }
}
data <- do.call(rbind, rows)
# Normalized within each country: Σw = n per country, so Σw = n overall.
data$w1 <- round(ave(data$raw, data$country, FUN = function(x) x / mean(x)), 6)
data$raw <- NULL
data$id <- seq_len(nrow(data))
data <- data[, c("id", "country", "psu", "w1", "qb10")]
write.csv(data, "normalized.csv", row.names = FALSE, na = "")
data <- read.csv("normalized.csv", na.strings = "", colClasses = c(qb10 = "character"))

design <- svydesign(ids = ~psu, strata = ~country, weights = ~w1, data = data)
estimates <- function(result, domain) {
  categories <- sub("^factor\\(qb10\\)", "", names(coef(result)))
  data.frame(domain = domain, category = categories, proportion = unname(coef(result)),
             standard_error = unname(SE(result)), design_effect_with_replacement = unname(diag(as.matrix(attr(result, "deff")))))
}
overall <- svymean(~factor(qb10), design, na.rm = TRUE, deff = "replace")
cases <- estimates(overall, "")
for (country in countries) {
  sub <- design[data$country == country, ]
  cases <- rbind(cases, estimates(svymean(~factor(qb10), sub, na.rm = TRUE, deff = "replace"), country))
}
# The same domains through svyby, as Confiance's --by computes them.
by <- svyby(~factor(qb10), ~country, design, svymean, na.rm = TRUE, deff = "replace")
byDeff <- as.matrix(by[, grep("^DEff", names(by))]); rownames(byDeff) <- by$country
for (country in countries) {
  stopifnot(max(abs(byDeff[country, ] - cases$design_effect_with_replacement[cases$domain == country])) < 1e-12)
}
# Against SRS without replacement the reference variance has the factor (Σw − n)/Σw = 0 here.
stopifnot(abs(sum(data$w1) - nrow(data)) < 1e-3)

write_json(list(
  generated_by = paste(R.version.string, "survey", as.character(packageVersion("survey")),
                       "jsonlite", as.character(packageVersion("jsonlite"))),
  seed = seed, data = "normalized.csv",
  design = list(weight = "w1", strata = "country", psu = "psu"),
  variable = "qb10", weight_total = sum(data$w1), respondents = nrow(data),
  estimates = cases), "reference.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
