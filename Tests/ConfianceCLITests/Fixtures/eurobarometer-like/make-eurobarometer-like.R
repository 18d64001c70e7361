# A small synthetic SPSS file shaped like a Eurobarometer release (GESIS style): questions named
# qb…, demographics d…, normalized weights w1 (they sum to the respondents of each country),
# value labels "DK", "Refusal" and "Inap.", several countries. Nobody answered it.
# Regenerate: Rscript make-eurobarometer-like.R (needs R's haven; see README.md).
suppressPackageStartupMessages(library(haven))
seed <- 20261205
set.seed(seed)
countries <- c(BE = 1, DE = 2, FR = 3, IT = 4, PL = 5, SE = 6)
rows <- list()
for (name in names(countries)) {
  n <- 100
  worry <- rnorm(n, c(BE = 0.1, DE = 0.4, FR = 0.3, IT = 0.0, PL = -0.2, SE = -0.1)[[name]], 1)
  # qb10: 1 = very concerned … 4 = not at all concerned, 5 = DK, 9 = Refusal.
  qb10 <- as.numeric(cut(-worry, c(-Inf, -0.6, 0.3, 1.1, Inf), labels = FALSE))
  qb10[runif(n) < 0.07] <- 5
  qb10[runif(n) < 0.02] <- 9
  # qb11_1, qb11_2: changed privacy settings / deleted cookies? 1 = yes, 2 = no, 3 = DK; those not
  # online (d62 = 2) were not asked: 9 = Inap.
  online <- runif(n) < 0.85
  action <- function(rate) {
    answer <- ifelse(runif(n) < rate, 1, 2)
    answer[runif(n) < 0.05] <- 3
    answer[!online] <- 9
    answer
  }
  qb11_1 <- action(0.55)
  qb11_2 <- action(0.40)
  # qb5: trust in online businesses, 1 = tend to trust, 2 = tend not to trust, 3 = DK.
  qb5 <- ifelse(runif(n) < 0.3, 1, 2)
  qb5[runif(n) < 0.1] <- 3
  d10 <- sample(1:2, n, replace = TRUE)
  d11 <- sample(18:85, n, replace = TRUE)
  raw <- exp(rnorm(n, 0, 0.35))
  rows[[name]] <- data.frame(
    uniqid = sprintf("%d%04d", countries[[name]], seq_len(n)), country = countries[[name]],
    qb5 = qb5, qb10 = qb10, qb11_1 = qb11_1, qb11_2 = qb11_2, d10 = d10, d11 = d11, d62 = ifelse(online, 1, 2),
    w1 = round(raw / mean(raw), 6))
}
data <- do.call(rbind, rows)
rownames(data) <- NULL
data$country <- labelled(data$country, setNames(unname(countries), names(countries)), label = "Country")
data$qb5 <- labelled(data$qb5, c("Tend to trust" = 1, "Tend not to trust" = 2, "DK" = 3),
  label = "QB5 How much do you trust online businesses (search engines, social networks, e-mail services) to protect your personal data?")
data$qb10 <- labelled(data$qb10,
  c("Very concerned" = 1, "Fairly concerned" = 2, "Not very concerned" = 3, "Not at all concerned" = 4, "DK" = 5, "Refusal" = 9),
  label = "QB10 How concerned are you about not having complete control over the information you provide online?")
yesNo <- c("Yes" = 1, "No" = 2, "DK" = 3, "Inap." = 9)
data$qb11_1 <- labelled(data$qb11_1, yesNo, label = "QB11.1 Have you ever tried to change the privacy settings of your personal profile?")
data$qb11_2 <- labelled(data$qb11_2, yesNo, label = "QB11.2 Have you ever deleted your browsing history or cookies to protect your data?")
data$d10 <- labelled(data$d10, c("Man" = 1, "Woman" = 2), label = "D10 Gender")
data$d11 <- labelled(data$d11, label = "D11 Age exact")
data$d62 <- labelled(data$d62, c("Uses the Internet" = 1, "Never" = 2), label = "D62 Internet use")
data$w1 <- labelled(data$w1, label = "W1 Weight result from target")
data$uniqid <- labelled(data$uniqid, label = "Unique identifier")
write_sav(data, "eurobarometer-like.sav")
