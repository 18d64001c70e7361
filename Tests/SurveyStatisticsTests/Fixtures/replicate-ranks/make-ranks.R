# make-ranks.R
#
# Golden degrees of freedom of replicate-weight designs whose replicate weights are rank
# deficient or nearly so, from R's `survey` package (4.1): degf(svrepdesign(...)) over all rows
# and over the rows of each domain (`design[rows, ]`, which recomputes
# qr(weights(design, "analysis"), tol = 1e-5)$rank - 1), plus a mean by domain whose interval
# uses those degrees of freedom.
#
# Run from this folder:   Rscript make-ranks.R       (writes ranks.json next to it)
#
# Every number is written with sprintf("%.17g"); the data are read back from the JSON text and
# every reference value is computed from the data as read back.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

seed <- 20261208
set.seed(seed)
invisible(Sys.setlocale("LC_COLLATE", "C"))
generated_by <- sprintf("%s; survey %s; jsonlite %s", R.version.string,
                        as.character(packageVersion("survey")),
                        as.character(packageVersion("jsonlite")))
json_numbers <- function(x) {
  x <- as.numeric(x)
  structure(paste0("[", paste(ifelse(is.finite(x), sprintf("%.17g", x), "null"), collapse = ","), "]"),
            class = "json")
}
json_number <- function(x) structure(sprintf("%.17g", as.numeric(x)), class = "json")

# ---- Data: 1,200 rows in 12 clusters; domains a (rows 1-600), b (601-1000), and rows 1001-1200
# split into c (clusters 1-4 only) and d (clusters 5-12 only).
n <- 1200
cluster <- (seq_len(n) - 1) %% 12 + 1
group <- ifelse(seq_len(n) <= 600, "a", ifelse(seq_len(n) <= 1000, "b", ifelse(cluster <= 4, "c", "d")))
w <- as.numeric(sample(50:150, n, replace = TRUE))
y <- round(rnorm(n, 40, 12), 1)

# jk: JK1 replicates of the 12 clusters (w * 12/11 outside the dropped cluster), then copies of
# replicates 1 and 2. Rank 12 over all rows; in c the replicates 5-12 (and the copies) coincide.
jk <- sapply(1:12, function(r) ifelse(cluster == r, 0, w * 12 / 11))
jk <- cbind(jk, jk[, 1], jk[, 2])

# Columns whose part outside the span of the earlier (kept) columns has norm rho * 1e-5 times the
# column's norm, exactly orthogonal over all rows: kept for rho > 1, moved for rho < 1.
near_threshold <- function(base, combination, rho) {
  z <- rnorm(n)
  e <- qr.resid(qr(base), z)
  norm <- function(v) sqrt(sum(v^2))
  target <- rho * 1e-5 * norm(combination) / sqrt(1 - (rho * 1e-5)^2)
  combination + e * (target / norm(e))
}
base <- sapply(1:10, function(r) w * (1 + 0.6 * (runif(n) - 0.5)))
# near: rho = 3 (kept) and rho = 0.3 (moved) -- far enough from the tolerance to be decided from
# the cross products.
near11 <- near_threshold(base, 0.5 * base[, 1] + 0.5 * base[, 2], 3)
near12 <- near_threshold(cbind(base, near11), 0.4 * base[, 3] + 0.6 * base[, 4], 0.3)
near <- cbind(base, near11, near12)
# close: rho = 1 + 1e-4 and 1 - 1e-4 -- too close to the tolerance to call from the cross
# products, so the QR decides.
close11 <- near_threshold(base, 0.5 * base[, 5] + 0.5 * base[, 6], 1 + 1e-4)
close12 <- near_threshold(cbind(base, close11), 0.3 * base[, 7] + 0.7 * base[, 8], 1 - 1e-4)
close <- cbind(base, close11, close12)

columns <- list(group = group, w = w, y = y)
for (r in seq_len(ncol(jk))) columns[[sprintf("jk_%d", r)]] <- jk[, r]
for (r in seq_len(ncol(near))) columns[[sprintf("near_%d", r)]] <- near[, r]
for (r in seq_len(ncol(close))) columns[[sprintf("close_%d", r)]] <- close[, r]
column_json <- lapply(columns, function(x) {
  if (is.character(x)) list(type = "categorical", values = x) else list(type = "numeric", values = json_numbers(x))
})
dataset_json <- list(rows = n, column_order = names(columns), columns = column_json)
dataset_text <- toJSON(dataset_json, auto_unbox = TRUE, json_verbatim = TRUE)
parsed <- fromJSON(dataset_text, simplifyVector = TRUE)
data <- as.data.frame(lapply(parsed$column_order, function(name) {
  column <- parsed$columns[[name]]
  if (column$type == "categorical") as.character(column$values) else as.numeric(column$values)
}), stringsAsFactors = FALSE)
names(data) <- parsed$column_order
original <- as.data.frame(columns, stringsAsFactors = FALSE)
for (name in names(original)) if (!identical(data[[name]], original[[name]])) stop("round trip: ", name)

# ---- Designs and their degrees of freedom.
specs <- list(
  list(name = "jk1-duplicated", pattern = "^jk_", type = "JK1"),
  list(name = "other-near", pattern = "^near_", type = "other"),
  list(name = "other-close", pattern = "^close_", type = "other"))
designs <- lapply(specs, function(spec) {
  d <- svrepdesign(data = data, weights = ~w, repweights = spec$pattern, type = spec$type,
                   combined.weights = TRUE, mse = FALSE)
  domains <- lapply(sort(unique(data$group)), function(level) {
    d_dom <- d[data$group == level, ]
    fit <- svymean(~y, d_dom)
    ci <- confint(fit, df = degf(d_dom))
    list(domain = level, rows = sum(data$group == level), degrees_of_freedom = degf(d_dom),
         estimate = json_number(coef(fit)), standard_error = json_number(SE(fit)),
         ci_lower = json_number(ci[1]), ci_upper = json_number(ci[2]))
  })
  list(name = spec$name, pattern = spec$pattern, type = spec$type, count = ncol(weights(d, "analysis")),
       degrees_of_freedom = degf(d), domains = domains)
})

output <- list(generated_by = generated_by, seed = seed, dataset = structure(dataset_text, class = "json"),
               designs = designs)
writeLines(toJSON(output, auto_unbox = TRUE, json_verbatim = TRUE, pretty = FALSE), "ranks.json")
for (design in designs) {
  cat(sprintf("%-16s degf %d; by group: %s\n", design$name, design$degrees_of_freedom,
              paste(sapply(design$domains, function(x) sprintf("%s %d", x$domain, x$degrees_of_freedom)),
                    collapse = ", ")))
}
