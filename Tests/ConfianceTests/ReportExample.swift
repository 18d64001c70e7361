// The library example of `Report` for the README, compiled by the test suite: the code between
// the markers is what the README shows (with the paths written relative to the repository).
import Confiance

func reportExample(repository: String, output: String) throws -> Report {
  let surveyFile = repository + "/surveys/example-privacy.csv"
  // Report example begins
  let survey = try Survey(contentsOf: surveyFile)

  // The standard report: key findings, sample, question blocks, paradox, methodology.
  var report = try Report(
    survey: survey, declaration: survey.designDeclaration, codebook: survey.codebook,
    options: SurveyReportOptions(language: .french, minimumCellSize: 10))

  // Your own analysis, appended: the paradox by education, as the notebook cell shows it.
  let definition = ParadoxDefinition(
    concern: Indicator(variable: "concern_data_use", values: ["4", "5"]),
    actions: [Indicator(variable: "protect_cookies", values: ["1"])])
  let byEducation = try survey.design().paradox(definition, by: ["education"])
  report.append(.heading("Le paradoxe par diplôme", level: 2))
  report.append(contentsOf: byEducation.blocks(
    PresentationStyle(language: .french, survey: survey, chartPrefix: "diplome-")))

  try report.write(to: output, replacingExisting: true)  // the .md, and its charts in a folder next to it
  // Report example ends
  return report
}
