import ArgumentParser
import Confiance
import Foundation

/// `confiance report`: a complete Markdown report of a survey, with its charts.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a Markdown report of a survey: key findings, sample, one section per block of questions, methodology.",
    discussion: """
      The report is written to --out (default reports/NAME.md, NAME being the survey file's name) with its charts as SVG files in a folder of the same name next to it (reports/NAME/), linked relatively so the report reads on GitHub and in any Markdown viewer.

      Questions are grouped by their names (trust_*, concern_*, share_*, prot_*, gdpr_*…) and labelled from the codebook. Cells with fewer than --min-cell respondents are never printed, and identifier columns never appear. Same inputs, same bytes: the report carries no date unless --timestamp is given.

      Examples:
        confiance report surveys/example-privacy.csv
        confiance report surveys/example-privacy.csv --lang fr --out reports/example-privacy-fr.md --force
      """
  )

  @OptionGroup var input: InputOptions
  @OptionGroup(title: "Sample design") var design: DesignOptions

  @Option(help: ArgumentHelp(
    "Rake the weights to the population margins of this targets file (CSV: variable,category,target) before estimating; the report shows every margin before and after.",
    valueName: "targets.csv"))
  var targets: String?

  @OptionGroup(title: "Raking") var raking: RakingControlOptions

  @Option(help: ArgumentHelp(
    "Who is concerned in the paradox section, e.g. concern_data_use=4,5. Default: the top two answers of the first concern_ question.",
    valueName: "item=values"))
  var concern: String?

  @Option(name: .customLong("action"), help: ArgumentHelp(
    "A protective behaviour and the values that mean 'did it', e.g. prot_vpn=1. Repeatable. Default: every prot_ question, 'yes'.",
    valueName: "item=values"))
  var actions: [String] = []

  @Option(help: ArgumentHelp(
    "How many --action items make a respondent 'acting'. Default: 1, or half of the behaviours when four or more are asked by default.",
    valueName: "k"))
  var minActions: Int?

  @Option(help: ArgumentHelp("The report to write. Default: reports/NAME.md.", valueName: "file.md"))
  var out: String?

  @Option(name: .customLong("lang"), help: ArgumentHelp("The language of the report: en or fr.", valueName: "language"))
  var language: ReportLanguage = .english

  @Option(name: .customLong("min-cell"), help: ArgumentHelp(
    "Never print a cell with fewer respondents than this.", valueName: "count"))
  var minimumCell = 10

  @Option(name: .customLong("ci"), help: ArgumentHelp(
    "The confidence-interval method: logit, likelihood, asin, beta, mean, xlogit or wilson.", valueName: "method"))
  var intervalMethod: IntervalMethod = .logit

  @Flag(help: "Write the date and time of generation into the report (it is then no longer byte-reproducible).")
  var timestamp = false

  @Flag(help: "Replace an existing report and its charts.")
  var force = false

  func validate() throws {
    guard minimumCell >= 1 else {
      throw ValidationError("--min-cell \(minimumCell) must be at least 1; the default, 10, is the usual disclosure threshold.")
    }
    if let out, !out.hasSuffix(".md") {
      throw ValidationError("--out \(out) should name a Markdown file ending in .md, e.g. reports/survey.md.")
    }
    if (concern == nil) != actions.isEmpty {
      throw ValidationError("define the paradox with both --concern and --action (or neither, for the default).")
    }
    if let minActions, !(1...max(actions.count, 1)).contains(minActions) {
      throw ValidationError("--min-actions \(minActions) is not between 1 and the number of --action items (\(actions.count)).")
    }
    _ = try paradoxDefinition()
  }

  /// The paradox definition of --concern, --action and --min-actions, or `nil` for the default.
  func paradoxDefinition() throws -> ParadoxDefinition? {
    guard let concern else { return nil }
    return ParadoxDefinition(
      concern: try Gap.indicator(concern, option: "--concern"),
      actions: try actions.map { try Gap.indicator($0, option: "--action") }, minimumActions: minActions ?? 1)
  }

  func run() throws { print(Report.writtenSummary(try write())) }

  /// The report's path.
  var outputPath: String { out ?? defaultOutputPath }

  /// reports/NAME.md, NAME being the survey file's name without extension.
  var defaultOutputPath: String {
    "reports/" + URL(fileURLWithPath: input.file).deletingPathExtension().lastPathComponent + ".md"
  }

  /// Builds and writes the report; returns the paths written.
  func write() throws -> [String] {
    try makeReport().write(to: outputPath, replacingExisting: force)
  }

  /// The report, built from the survey.
  func makeReport() throws -> Report {
    if targets == nil, raking.population != nil || raking.allowNonconvergence {
      throw ValidationError("--population and --allow-nonconvergence apply to raking: add --targets targets.csv.")
    }
    let margins = try targets.map { try raking.margins(targetsFile: $0) }
    let survey = try Survey(contentsOf: input.file, options: input.loadOptions(design: design.overrides, columns: nil, margins: nil))
    let options = SurveyReportOptions(
      language: language, minimumCellSize: minimumCell, intervalMethod: intervalMethod,
      provenance: ReportProvenance(
        software: "confiance \(confianceVersion)", inputs: try provenanceInputs(survey),
        command: reproduceCommand, timestamp: timestamp ? Date.now.formatted(.iso8601) : nil),
      paradoxDefinition: try paradoxDefinition())
    return try Report(
      survey: survey, declaration: survey.designDeclaration, codebook: survey.codebook, rakedTo: margins,
      rakingControl: raking.control, options: options)
  }

  /// The survey and codebook files with their SHA-256 digests.
  func provenanceInputs(_ survey: Survey) throws -> [ReportProvenance.Input] {
    var inputs = [try ReportProvenance.Input(role: "survey", file: input.file)]
    if let codebook = survey.codebook?.source { inputs.append(try .init(role: "codebook", file: codebook)) }
    if let targets { inputs.append(try .init(role: "targets", file: targets)) }
    return inputs
  }

  /// The command line that makes this report again, options in a fixed order (defaults left out).
  var reproduceCommand: String {
    func given(_ flag: String, _ value: String?, unless defaultValue: String? = nil) -> [String] {
      value.map { $0 == defaultValue ? [] : [flag, $0] } ?? []
    }
    let words = ["confiance", "report", input.file] + given("--codebook", input.codebook)
      + input.missing.flatMap { ["--missing", $0] } + given("--delimiter", input.delimiter)
      + given("--weight", design.weight) + given("--strata", design.strata) + given("--psu", design.psu)
      + given("--fpc", design.fpc) + given("--lonely-psu", design.lonelyPSU?.rawValue) + design.replicateWords
      + given("--targets", targets) + given("--population", raking.population.map { String($0) })
      + given("--max-iterations", String(raking.maxIterations), unless: String(RakingControl.defaultMaxIterations))
      + given("--epsilon", String(raking.epsilon), unless: String(RakingControl.defaultTolerance))
      + (raking.allowNonconvergence ? ["--allow-nonconvergence"] : []) + given("--concern", concern)
      + actions.flatMap { ["--action", $0] } + given("--min-actions", minActions.map { String($0) })
      + given("--lang", language.rawValue, unless: "en") + given("--min-cell", String(minimumCell), unless: "10")
      + given("--ci", intervalMethod.rawValue, unless: IntervalMethod.logit.rawValue)
      + given("--out", out, unless: defaultOutputPath) + ["--force"]
    return ReportProvenance.shellCommand(words)
  }
}

extension ReportLanguage: ExpressibleByArgument {}
