// The library example of `Report` for the README, compiled by the test suite: the code between
// the markers is what the README shows (with the paths written relative to the repository).
import Confiance

func reportExample(repository: String, output: String) throws -> Report {
  let codebookFile = repository + "/surveys/example-privacy.codebook.yaml"
  let surveyFile = repository + "/surveys/example-privacy.csv"
  // Report example begins
  let codebook = try Codebook(contentsOfFile: codebookFile)
  let survey = try Survey(csvFile: surveyFile).applying(codebook)
  let declaration = DesignDeclaration(weights: "weight", strata: "region", clusters: "point")

  // The standard report: key findings, sample, question blocks, paradox, methodology.
  var report = try Report(
    survey: survey, declaration: declaration, codebook: codebook,
    options: SurveyReportOptions(language: .french, minimumCellSize: 10))

  // Your own analysis, appended: the paradox by education, as a table and a chart.
  let design = try SurveyDesign(survey, declaration: declaration)
  let definition = ParadoxDefinition(
    concern: Indicator(variable: "concern_data_use", values: ["4", "5"]),
    actions: [Indicator(variable: "protect_cookies", values: ["1"])])
  let byEducation = try design.paradox(definition, by: ["education"])
  report.append(.heading("Le paradoxe par diplôme", level: 2))
  report.append(contentsOf: ParadoxTable(
    [byEducation], survey: survey, language: .french, chartFileName: "paradoxe-diplome.svg").blocks())

  try report.write(to: output, replacingExisting: true)  // the .md, and its charts in a folder next to it
  // Report example ends
  return report
}
