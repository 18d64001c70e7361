# Checks the SYNTHETIC example survey privacy-france-2025.csv against its calibration targets with
# R's survey package: unweighted, base-weighted and raked (INSEE margins) figures, and the sample's
# composition before and after raking. Run from the repository root:
#
#   Rscript surveys/check-privacy-france-2025.R
#
# The tables it prints are copied into surveys/README.md ("Achieved vs target").
suppressPackageStartupMessages(library(survey))

data <- read.csv("surveys/privacy-france-2025.csv", colClasses = "character")
targets <- read.csv("surveys/privacy-france-2025.targets.csv", colClasses = c("character", "character", "numeric"))
data$base_weight <- as.numeric(data$base_weight)
data$sex_age <- paste(data$sex, data$age_band, sep = "*")

# Codes declared missing in the codebook (refused / don't know / blank).
missing_codes <- c("9", "dk", "")
valid <- function(x) ifelse(x %in% missing_codes, NA, x)
items <- names(data)[match("trust_ecommerce", names(data)):match("accepts_terms_unread", names(data))]
for (column in items) data[[column]] <- valid(data[[column]])

design <- svydesign(ids = ~point, strata = ~region, weights = ~base_weight, nest = TRUE, data = data)
margin <- function(variable, column = variable) {
  rows <- targets[targets$variable == variable, ]
  frame <- data.frame(category = rows$category, Freq = rows$target)
  names(frame)[1] <- column
  frame
}
raked <- rake(design, list(~sex_age, ~region, ~education),
              list(margin("sex*age_band", "sex_age"), margin("region"), margin("education")),
              control = list(maxit = 100, epsilon = 1e-9))
unweighted <- svydesign(ids = ~1, weights = ~I(rep(1, nrow(data))), data = data)

indicator <- function(column, categories) {
  x <- data[[column]]
  ifelse(is.na(x), NA, as.numeric(x %in% categories))
}
share_items <- c("share_email", "share_location", "share_purchases", "share_health", "share_financial")
willing <- sapply(share_items, function(item) indicator(item, c("4", "5")))
four <- c("prot_read_policy", "prot_refused_ads_cookies", "prot_restricted_location", "prot_limited_profile")
eight <- grep("^prot_", names(data), value = TRUE)
any_of <- function(items) {
  values <- sapply(items, function(item) as.numeric(data[[item]]))
  ifelse(rowSums(is.na(values)) > 0, NA, as.numeric(rowSums(values) > 0))
}
westin <- with(data, ifelse(is.na(westin_a) | is.na(westin_b) | is.na(westin_c), NA,
  ifelse(westin_a %in% c("1", "2") & westin_b %in% c("3", "4") & westin_c %in% c("3", "4"), "fundamentalist",
  ifelse(westin_a %in% c("3", "4") & westin_b %in% c("1", "2") & westin_c %in% c("1", "2"), "unconcerned",
         "pragmatist"))))
concerned <- indicator("concern_protection", c("4", "5"))
no_change <- indicator("plan_change_habits", "no")

rows <- list(
  list("concern_protection 4-5 (data not properly protected online)", 0.80, "BVA 2013", concerned),
  list("concern_protection 5", 0.32, "BVA 2013", indicator("concern_protection", "5")),
  list("concern_protection 1 (properly protected)", 0.01, "BVA 2013", indicator("concern_protection", "1")),
  list("plan_change_habits = no", 0.69, "BVA 2013", no_change),
  list("plan_change_habits = decided", 0.07, "BVA 2013", indicator("plan_change_habits", "decided")),
  list("concern_control 4-5", 0.65, "Eurobarometer 2015/2019 (EU 67%/62%)", indicator("concern_control", c("4", "5"))),
  list("concern_marketing 4-5", 0.72, "Eurobarometer 431 (2015), France", indicator("concern_marketing", c("4", "5"))),
  list("feel_control = none", 0.34, "Eurobarometer 431 (2015), France", indicator("feel_control", "none")),
  list("feel_control = complete", 0.12, "illustrative (EU 15%, EB 431)", indicator("feel_control", "complete")),
  list("trust_ecommerce 1-2 (no trust)", 0.72, "Eurobarometer 431 (2015), France", indicator("trust_ecommerce", c("1", "2"))),
  list("trust_social 4-5", 0.19, "Ipsos/Elia 2013", indicator("trust_social", c("4", "5"))),
  list("trust_bank 4-5", 0.88, "Ipsos/Elia 2013", indicator("trust_bank", c("4", "5"))),
  list("trust_public 4-5", 0.50, "illustrative", indicator("trust_public", c("4", "5"))),
  list("willing to share (4-5), mean of 5 data types", 0.23, "Eurobarometer 431 (2015), France",
       ifelse(rowSums(is.na(willing)) > 0, NA, rowMeans(willing))),
  list("willing to share (4-5) no data type", 0.41, "FRA 2019 (EU), comparison",
       ifelse(rowSums(is.na(willing)) > 0, NA, as.numeric(rowSums(willing) == 0))),
  list("prot_read_policy", 0.36, "Eurostat 2023 (EU)", indicator("prot_read_policy", "1")),
  list("prot_refused_ads_cookies", 0.54, "Eurostat 2023 (EU)", indicator("prot_refused_ads_cookies", "1")),
  list("prot_restricted_location", 0.51, "Eurostat 2023 (EU)", indicator("prot_restricted_location", "1")),
  list("prot_limited_profile", 0.41, "Eurostat 2023 (EU)", indicator("prot_limited_profile", "1")),
  list("any of those four behaviours", 0.73, "Eurostat 2023 (EU), comparison", any_of(four)),
  list("prot_changed_sn_settings", 0.45, "illustrative", indicator("prot_changed_sn_settings", "1")),
  list("prot_used_blocker_or_vpn", 0.28, "illustrative", indicator("prot_used_blocker_or_vpn", "1")),
  list("prot_deleted_account_app", 0.30, "illustrative", indicator("prot_deleted_account_app", "1")),
  list("prot_exercised_gdpr_right", 0.10, "illustrative", indicator("prot_exercised_gdpr_right", "1")),
  list("gdpr_heard = yes (either)", 0.44, "Eurobarometer 487a (2019), France", indicator("gdpr_heard", c("yes-know", "yes-not-exactly"))),
  list("gdpr_heard = yes-know", 0.18, "illustrative (Ifop 2018 9%, OpinionWay 2019 27%)", indicator("gdpr_heard", "yes-know")),
  list("would_stop_service 1-2 (agree)", 0.82, "AACC/OpinionWay", indicator("would_stop_service", c("1", "2"))),
  list("accepts_terms_unread = always", 0.21, "OpinionWay/ISOC France", indicator("accepts_terms_unread", "1")),
  list("accepts_terms_unread = always or often", 0.69, "OpinionWay/ISOC France", indicator("accepts_terms_unread", c("1", "2"))),
  list("Westin fundamentalists", 0.26, "Harris/Westin (US), comparison", as.numeric(westin == "fundamentalist")),
  list("Westin pragmatists", 0.64, "Harris/Westin (US), comparison", as.numeric(westin == "pragmatist")),
  list("Westin unconcerned", 0.10, "Harris/Westin (US), comparison", as.numeric(westin == "unconcerned")),
  list("concerned (4-5) and no plan to change", NA, "paradox share (model: 53%)",
       ifelse(is.na(concerned) | is.na(no_change), NA, concerned * no_change))
)

estimate <- function(design, values) {
  design <- update(design, y = values)
  fit <- svymean(~y, design, na.rm = TRUE)
  c(coef(fit), SE(fit))
}
cat("| figure | source | target | unweighted | base weights | raked (SE) |\n|---|---|---|---|---|---|\n")
for (row in rows) {
  u <- estimate(unweighted, row[[4]]); b <- estimate(design, row[[4]]); r <- estimate(raked, row[[4]])
  target <- if (is.na(row[[2]])) "—" else sprintf("%.0f%%", 100 * row[[2]])
  cat(sprintf("| %s | %s | %s | %.1f%% | %.1f%% | %.1f%% (%.1f) |\n", row[[1]], row[[3]], target,
              100 * u[1], 100 * b[1], 100 * r[1], 100 * r[2]))
}

# Association measures, raked design.
mean_willingness <- rowMeans(sapply(share_items, function(item) as.numeric(data[[item]])))
raked_association <- update(raked, concern = as.numeric(data$concern_protection), disclosure = mean_willingness,
                            concerned = concerned, acted = 1 - no_change, protects = any_of(eight))
correlation <- function(formula) {
  m <- as.matrix(svyvar(formula, raked_association, na.rm = TRUE))
  m[1, 2] / sqrt(m[1, 1] * m[2, 2])
}
cat(sprintf("\nweighted r(concern_protection, mean willingness to share) = %.3f (Baruh et al. 2017: -.13; Yu et al. 2020: -.06)\n",
            correlation(~concern + disclosure)))
cat(sprintf("weighted phi(concerned, plans to change) = %.3f\n", correlation(~concerned + acted)))
cat(sprintf("weighted phi(concerned, any of the eight behaviours) = %.3f\n", correlation(~concerned + protects)))

# Composition: unweighted sample, base weights, raked, INSEE.
cat("\n| margin | category | INSEE | unweighted | base weights | raked |\n|---|---|---|---|---|---|\n")
for (variable in c("sex*age_band", "region", "education")) {
  column <- if (variable == "sex*age_band") "sex_age" else variable
  rows <- targets[targets$variable == variable, ]
  formula <- as.formula(paste0("~", column))
  unweighted_share <- prop.table(table(data[[column]]))
  base_share <- prop.table(svytable(formula, design))
  raked_share <- prop.table(svytable(formula, raked))
  for (i in seq_len(nrow(rows))) {
    category <- rows$category[i]
    cat(sprintf("| %s | %s | %.1f%% | %.1f%% | %.1f%% | %.1f%% |\n", variable, category,
                100 * rows$target[i] / sum(rows$target), 100 * unweighted_share[[category]],
                100 * base_share[[category]], 100 * raked_share[[category]]))
  }
}
weights_raked <- weights(raked)
cat(sprintf("\nrespondents %d, PSUs %d, strata %d, df %d; Kish deff of base weights %.3f, of raked weights %.3f; raked weights range %.0f-%.0f (ratio to base %.2f-%.2f)\n",
            nrow(data), length(unique(data$point)), length(unique(data$region)), degf(design),
            nrow(data) * sum(data$base_weight^2) / sum(data$base_weight)^2,
            nrow(data) * sum(weights_raked^2) / sum(weights_raked)^2, min(weights_raked), max(weights_raked),
            min(weights_raked / data$base_weight), max(weights_raked / data$base_weight)))
