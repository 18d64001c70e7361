// This file holds the README's library example, verbatim between the markers, so the test
// suite compiles it: `ReadmeExampleTests` checks the README still shows exactly this code.
import Confiance

func readmeExample(surveyFile: String) throws -> ProportionEstimates {
  // README example begins
  // The codebook next to the file gives the labels, the missing codes and the design: a script
  // reads the survey exactly as `confiance estimate` does.
  let survey = try Survey(contentsOf: surveyFile)
  let design = try survey.design()

  let shares = try design.proportions(of: "concern_data_use", by: ["age_band"])
  print(shares)  // the table `confiance estimate --var concern_data_use --by age_band` prints
  for share in shares where share.category == "5" {
    print(share.domain, share.coef, share.SE, share.confint)  // R's coef(), SE(), confint()
  }
  // README example ends
  return shares
}
