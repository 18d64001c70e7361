// This file holds the README's library example, verbatim between the markers, so the test
// suite compiles it: `ReadmeExampleTests` checks the README still shows exactly this code.
import Confiance

func readmeExample(surveyFile: String) throws -> [ProportionEstimate] {
  // README example begins
  let survey = try Survey(csvFile: surveyFile)
    .markingMissing(codesByVariable: ["concern_data_use": ["9"]])
  let design = try SurveyDesign(survey, weights: "weight", strata: "region", clusters: "point")

  let estimates = try design.proportions(of: "concern_data_use", by: ["age_band"], method: .logit)
  for estimate in estimates where estimate.category == "5" {
    let interval = estimate.confidenceInterval
    print("\(estimate.domain): \(estimate.proportion) (SE \(estimate.standardError), 95% CI \(interval.lower)–\(interval.upper))")
  }
  // README example ends
  return estimates.estimates
}
