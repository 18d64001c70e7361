# make-successive-difference.R
#
# Golden degrees of freedom of a successive-difference replicate design built as the ACS builds
# its 80 replicates, from R's `survey` package (4.1): the 80 columns are rank 79, and the 80th is a
# combination of the others with large coefficients -- the case the R x R cross products alone
# cannot decide. Written: qr(weights(d, "analysis"), tol = 1e-5)$rank, degf(d) over all rows and
# over the rows of each domain (`design[rows, ]`, which recomputes the rank), and a mean by domain
# whose interval uses those degrees of freedom.
#
# Run from this folder:   Rscript make-successive-difference.R   (writes successive-difference.json)
#
# Every number is written with sprintf("%.17g"); the data are read back from the JSON text and
# every reference value is computed from the data as read back.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

seed <- 20261206
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

# ---- The Hadamard matrix of order 80 of Benchmarks/generate_replicates.py: Sylvester's order 4
# (x) Paley's construction I of order 20 (q = 19).
q <- 19
residues <- unique((1:(q - 1))^2 %% q)
chi <- function(x) ifelse(x %% q == 0, 0, ifelse(x %% q %in% residues, 1, -1))
jacobsthal <- outer(0:(q - 1), 0:(q - 1), function(i, j) chi(j - i))
core <- matrix(0, q + 1, q + 1)
core[1, 2:(q + 1)] <- 1
core[2:(q + 1), 1] <- -1
core[2:(q + 1), 2:(q + 1)] <- jacobsthal
paley <- core + diag(q + 1)
h2 <- matrix(c(1, 1, 1, -1), 2, 2)
hadamard <- kronecker(kronecker(h2, h2), paley)
stopifnot(all(hadamard %*% t(hadamard) == 80 * diag(80)))

# ---- Data: 2,000 persons in domains a, b, c; whole-number weights 1-400; y numeric. The
# replicate weights as the generator makes them: round(w * (1 + 2^(-3/2) (H[a, r] - H[b, r])))
# with rows a, b of H (never its first row, all ones) from the person's position in the sort
# order (domain, then a random order within it).
n <- 2000
group <- sample(c("a", "b", "c"), n, replace = TRUE, prob = c(0.45, 0.35, 0.20))
w <- pmin(pmax(round(rgamma(n, shape = 4, scale = 25)), 1), 400)
y <- round(rnorm(n, 40, 12), 1)
position <- integer(n)
position[order(group, runif(n))] <- 0:(n - 1)
row_a <- 1 + position %% 79
row_b <- 1 + (position + 1) %% 79
replicates <- sapply(1:80, function(r) round(w * (1 + 2^-1.5 * (hadamard[row_a + 1, r] - hadamard[row_b + 1, r]))))

columns <- list(group = group, w = w, y = y)
for (r in 1:80) columns[[sprintf("repw%d", r)]] <- replicates[, r]
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

# ---- The design, its rank and degrees of freedom.
d <- svrepdesign(data = data, weights = ~w, repweights = "repw[0-9]+", type = "successive-difference",
                 mse = TRUE, combined.weights = TRUE)
analysis <- weights(d, "analysis")
# How far the 80th column is from the others: its largest coefficient on the first 79.
coefficients <- qr.coef(qr(analysis[, 1:79], tol = 1e-5), analysis[, 80])
domains <- lapply(sort(unique(data$group)), function(level) {
  d_dom <- d[data$group == level, ]
  fit <- svymean(~y, d_dom)
  ci <- confint(fit, df = degf(d_dom))
  list(domain = level, rows = sum(data$group == level),
       rank = qr(weights(d_dom, "analysis"), tol = 1e-5)$rank, degrees_of_freedom = degf(d_dom),
       estimate = json_number(coef(fit)), standard_error = json_number(SE(fit)),
       ci_lower = json_number(ci[1]), ci_upper = json_number(ci[2]))
})
design <- list(pattern = "repw[0-9]+", type = "successive-difference", mse = TRUE, count = ncol(analysis),
               rank = qr(analysis, tol = 1e-5)$rank, degrees_of_freedom = degf(d),
               largest_coefficient = json_number(max(abs(coefficients))), domains = domains)

output <- list(generated_by = generated_by, seed = seed, dataset = structure(dataset_text, class = "json"),
               design = design)
writeLines(toJSON(output, auto_unbox = TRUE, json_verbatim = TRUE, pretty = FALSE), "successive-difference.json")
cat(sprintf("successive-difference: rank %d, degf %d, largest coefficient %.3g; by group: %s\n",
            design$rank, design$degrees_of_freedom, max(abs(coefficients)),
            paste(sapply(domains, function(x) sprintf("%s %d rows rank %d", x$domain, x$rows, x$rank)),
                  collapse = ", ")))
