// An analysis as a script, without a package: from the confiance package folder,
//
//   swift build
//   swift run confiance script surveys/analysis-example.swift
//
// (or `.build/debug/confiance script surveys/analysis-example.swift`, about a second once built).
// An argument names another survey file with the same columns.
//
// The survey is synthetic: its numbers illustrate Confiance and are not survey results.
import Confiance

let surveyFile = CommandLine.arguments.dropFirst().first ?? "surveys/privacy-france-2025.csv"
let codebookFile = "surveys/privacy-france-2025.codebook.yaml"

// The codebook declares the missing codes (9, dk) and the categories' labels.
let survey = try Survey(csvFile: surveyFile).applying(try Codebook(contentsOfFile: codebookFile))
// Stratified two-stage sample: 14 regions, 104 sampling points, one adult per household.
let design = try SurveyDesign(survey, weights: "base_weight", strata: "region", clusters: "point")
print("\(surveyFile): \(design.respondentCount) respondents, \(design.stratumCount) strata, \(design.psuCount) PSUs")

/// A proportion as a percentage with one decimal.
func percent(_ proportion: Double) -> String {
  let tenths = Int((proportion * 1000).rounded())
  return "\(tenths / 10).\(tenths % 10) %"
}

// Have people heard of the GDPR? Weighted shares with 95% logit intervals (R's svyciprop).
print("\nHeard of the GDPR (RGPD)")
for estimate in try design.proportions(of: "gdpr_heard") {
  let interval = estimate.confidenceInterval
  let label = estimate.categoryLabel ?? estimate.category
  print("  \(label): \(percent(estimate.proportion))  [\(percent(interval.lower)) – \(percent(interval.upper))]")
}

// Those who know what it is, by age band.
print("\n\"Yes, and I know what it is\", by age band")
for estimate in try design.proportions(of: "gdpr_heard", by: ["age_band"]) where estimate.category == "yes-know" {
  print("  \(estimate.domain): \(percent(estimate.proportion))  (SE \(percent(estimate.standardError)))")
}
