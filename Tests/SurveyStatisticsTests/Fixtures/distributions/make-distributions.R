# Reference values for DistributionTests.swift.
#
# Run from this folder:  Rscript make-distributions.R   (writes reference.json next to it)
#
# Every number is written with sprintf("%.17g"), which round-trips a double exactly
# (jsonlite::toJSON(digits = NA) stops at 15 significant digits in jsonlite 1.8.4).
# Infinite and NaN values are written as the strings "Inf", "-Inf" and "NaN".

library(jsonlite)

number <- function(v) {
  out <- sprintf("%.17g", v)
  out[is.infinite(v) & v > 0] <- '"Inf"'
  out[is.infinite(v) & v < 0] <- '"-Inf"'
  out[is.nan(v)] <- '"NaN"'
  out
}

# A JSON array of objects, one per row of `table` (a list of equal-length numeric vectors).
rows <- function(table) {
  formatted <- lapply(table, number)
  n <- length(formatted[[1]])
  lines <- vapply(seq_len(n), function(i) {
    fields <- vapply(names(formatted), function(name) sprintf('"%s": %s', name, formatted[[name]][i]), "")
    paste0("    {", paste(fields, collapse = ", "), "}")
  }, "")
  paste0("[\n", paste(lines, collapse = ",\n"), "\n  ]")
}

grid <- function(...) expand.grid(..., KEEP.OUT.ATTRS = FALSE, stringsAsFactors = FALSE)

# Normal ---------------------------------------------------------------------------------------
normal_p <- c(0, 1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 5e-4, 0.005, 0.025, 0.05, 0.075, 0.0751, 0.1,
              0.3, 0.4999, 0.5, 0.7, 0.9, 0.925, 0.95, 0.975, 0.995, 0.9995, 1 - 1e-10, 1)
normal_x <- c(-38, -37.5, -37, -30, -20, -10, -8.3, -6, -5.6568, -5, -3, -1.959963984540054, -1,
              -0.66291, -0.5, -1e-10, 0, 1e-10, 0.3, 0.66291, 0.7, 1, 1.959963984540054, 3, 5,
              5.6569, 8, 8.3, 10, 40)
qnorm_table <- list(p = normal_p, value = qnorm(normal_p))
pnorm_table <- list(x = normal_x, value = pnorm(normal_x))

# Student t ------------------------------------------------------------------------------------
t_p <- c(0.0005, 0.005, 0.025, 0.05, 0.1, 0.3, 0.5, 0.7, 0.95, 0.975, 0.9995)
t_df <- c(0.7, 1, 2, 3, 5.5, 14, 39, 197, 921, 1e4, 1e7, Inf)
t_df_extra <- c(0.5, 1.4946398, 20.9249569, 1e6, 1e10)
g <- grid(p = c(t_p, 1e-10, 1e-20, 0.4999), df = c(t_df, t_df_extra))
qt_table <- list(p = g$p, df = g$df, value = qt(g$p, g$df))

t_x <- c(-1e200, -1e10, -200, -40, -10, -4, -2.5, -1.959963984540054, -1, -0.3, -1e-8, 0, 0.5, 1, 2, 3,
         6, 12, 30, 100, 1e5, 1e200)
g <- grid(t = t_x, df = c(t_df, t_df_extra))
# and the round trip at R's own quantiles
h <- grid(p = t_p, df = c(t_df, t_df_extra))
pt_points <- list(t = c(g$t, qt(h$p, h$df)), df = c(g$df, h$df))
pt_table <- list(t = pt_points$t, df = pt_points$df, value = pt(pt_points$t, pt_points$df))

# Beta -----------------------------------------------------------------------------------------
n_eff <- 35.35
p_hat <- 0.0218
shapes <- rbind(
  c(0.5, 0.5), c(1, 1), c(2, 3), c(0.05, 0.05), c(0.01, 5), c(5, 0.01), c(0.2, 0.9),
  c(n_eff * p_hat, n_eff * (1 - p_hat) + 1),          # Korn-Graubard lower limit
  c(n_eff * p_hat + 1, n_eff * (1 - p_hat)),          # Korn-Graubard upper limit
  c(n_eff * (1 - p_hat), n_eff * p_hat + 1),          # the same with p-hat near 1
  c(17.675, 18.675), c(40, 60), c(120, 8000), c(8000, 120), c(8000, 8000), c(7999.5, 3.2),
  c(3, 1e5), c(1e5, 3), c(0.3, 1e4), c(1e6, 0.5), c(2.5e7, 4)
)
beta_p <- c(1e-300, 1e-20, 1e-10, 5e-4, 0.005, 0.025, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 0.975,
            0.995, 0.9995, 1 - 1e-10)
beta_x <- c(1e-300, 1e-20, 1e-10, 1e-4, 0.01, 0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.98, 0.99, 0.9999,
            1 - 1e-10)
qbeta_rows <- do.call(rbind, lapply(seq_len(nrow(shapes)), function(i) {
  data.frame(p = beta_p, alpha = shapes[i, 1], beta = shapes[i, 2])
}))
qbeta_table <- list(p = qbeta_rows$p, alpha = qbeta_rows$alpha, beta = qbeta_rows$beta,
                    value = qbeta(qbeta_rows$p, qbeta_rows$alpha, qbeta_rows$beta))
pbeta_rows <- do.call(rbind, lapply(seq_len(nrow(shapes)), function(i) {
  quantiles <- qbeta(beta_p, shapes[i, 1], shapes[i, 2])
  quantiles <- quantiles[quantiles > 0 & quantiles < 1]
  data.frame(x = c(beta_x, quantiles), alpha = shapes[i, 1], beta = shapes[i, 2])
}))
pbeta_table <- list(x = pbeta_rows$x, alpha = pbeta_rows$alpha, beta = pbeta_rows$beta,
                    value = pbeta(pbeta_rows$x, pbeta_rows$alpha, pbeta_rows$beta))

# F --------------------------------------------------------------------------------------------
f_df <- rbind(c(1.4946398, 20.9249569), c(2, 13), c(1, 1e4), c(1, 1), c(5, 2), c(0.5, 3.7),
              c(10, 1e6), c(3, 1e10), c(4, Inf), c(Inf, 7), c(30, 40), c(200, 300), c(3, 0.2))
f_x <- c(1e-300, 0.01, 0.05, 0.1, 0.5, 1, 2, 3.8, 5, 10, 30, 100, 200, 1e300)
f_rows <- do.call(rbind, lapply(seq_len(nrow(f_df)), function(i) {
  data.frame(x = f_x, d1 = f_df[i, 1], d2 = f_df[i, 2])
}))
pf_table <- list(x = f_rows$x, d1 = f_rows$d1, d2 = f_rows$d2,
                 lower = pf(f_rows$x, f_rows$d1, f_rows$d2),
                 upper = pf(f_rows$x, f_rows$d1, f_rows$d2, lower.tail = FALSE))

# Chi-squared ----------------------------------------------------------------------------------
g <- grid(x = c(0.001, 0.1, 0.5, 1, 2, 3.84, 5, 10, 20, 50, 100, 150, 200),
          df = c(1:10, 0.5, 2.7, 37.3, 100))
pchisq_table <- list(x = g$x, df = g$df,
                     lower = pchisq(g$x, g$df),
                     upper = pchisq(g$x, g$df, lower.tail = FALSE))

# Output ---------------------------------------------------------------------------------------
generated_by <- sprintf("%s; make-distributions.R", R.version.string)
json <- paste0(
  "{\n",
  sprintf('  "generatedBy": "%s",\n', generated_by),
  '  "qnorm": ', rows(qnorm_table), ",\n",
  '  "pnorm": ', rows(pnorm_table), ",\n",
  '  "qt": ', rows(qt_table), ",\n",
  '  "pt": ', rows(pt_table), ",\n",
  '  "qbeta": ', rows(qbeta_table), ",\n",
  '  "pbeta": ', rows(pbeta_table), ",\n",
  '  "pf": ', rows(pf_table), ",\n",
  '  "pchisq": ', rows(pchisq_table), "\n",
  "}\n"
)
stopifnot(jsonlite::validate(json))
writeLines(json, "reference.json", sep = "")

# Check that the file reads back to exactly the values R computed.
back <- jsonlite::fromJSON("reference.json")
finite <- is.finite(qt_table$value)
stopifnot(identical(as.numeric(back$qt$value[finite]), qt_table$value[finite]))
