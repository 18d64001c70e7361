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

// The codebook next to the file declares the design (14 regions, 104 sampling points), the
// missing codes (9, dk) and the answers' labels: the survey is read as `confiance` reads it.
let survey = try Survey(contentsOf: surveyFile)
let design = try survey.design()
print("\(surveyFile): \(design.respondentCount) respondents, \(design.stratumCount) strata, \(design.psuCount) PSUs")

// Have people heard of the GDPR? Weighted shares with 95% logit intervals (R's svyciprop).
print("\nHeard of the GDPR (RGPD)")
print(try design.proportions(of: "gdpr_heard"))

// Those who know what it is, by age band.
print("\"Yes, and I know what it is\", by age band")
for estimate in try design.proportions(of: "gdpr_heard", by: ["age_band"]) where estimate.category == "yes-know" {
  print("  \(estimate.domain): \(estimate.coef) (SE \(estimate.SE))")
}
