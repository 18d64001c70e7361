internal import SurveyStatistics

/// Computes every estimate a survey report needs, once, and lays the sections out.
struct SurveyReportBuilder {
  let options: SurveyReportOptions
  let codebook: Codebook?
  let design: SurveyDesign
  let items: [SurveyItem]
  /// The headline estimate of each item (category "1" of its derived 0/1 variable).
  let headlines: [String: ProportionEstimate]
  /// The share of every answer of each item.
  let distributions: [String: [ProportionEstimate]]
  /// The privacy-paradox analyses, or `nil` when the survey lacks a concern or an action question.
  let paradox: ParadoxResults?
  /// The model of who acts on their concern, or why it could not be fitted (`nil` and `nil`
  /// without a paradox).
  let actingModel: ActingModel?
  let actingModelProblem: String?

  var language: ReportLanguage { options.language }
  var numbers: NumberStyle { options.language.numbers }

  /// The Westin segment variable, its shares, or why it could not be made.
  let westinVariable: String?
  let westinEstimates: [ProportionEstimate]?
  let westinProblem: String?
  /// The variables whose groups are compared, and each question's comparisons between them.
  let comparedVariables: [String]
  let groupComparisons: [QuestionComparisons]?
  /// The design before raking (the base weights).
  let baseDesign: SurveyDesign
  /// The raking, when the report is made on a design raked to population margins.
  let raking: RakingResult?

  init(
    survey: Survey, declaration: DesignDeclaration, codebook: Codebook?, margins: PopulationMargins?,
    rakingControl: RakingControl, options: SurveyReportOptions
  ) throws {
    // The paradox of the codebook's `paradox:` block when the options define none.
    var options = options
    if options.paradoxDefinition == nil { options.paradoxDefinition = codebook?.paradox }
    self.options = options
    // Every label in the report's language wherever the codebook gives one.
    let codebook = codebook?.localized(to: options.language.rawValue)
    var survey = codebook.flatMap { try? survey.applying($0) } ?? survey
    if survey.codebook == nil { survey.codebook = codebook }
    self.codebook = codebook
    let designVariables = Set(
      [declaration.weights, declaration.strata, declaration.clusters, declaration.fpc].compactMap { $0 }
        + (declaration.replicates?.columnNames(among: survey.variableNames) ?? []))
    let items = SurveyItem.items(in: survey, codebook: codebook, designVariables: designVariables)
    var derived = survey
    for item in items where !item.headlineValues.isEmpty {
      derived.setVariable(try Self.headlineIndicator(of: item, in: survey))
    }
    // The paradox's acting indicator, the outcome of the model of who acts.
    let paradoxDefinition = ParadoxResults.definition(items: items, options: options)
    var actingName: String?
    if let paradoxDefinition {
      let name = ActingModel.outcomeName(in: survey)
      if var acting = try? paradoxDefinition.definition.actingVariable(named: name, in: survey) {
        acting.label = options.language.text("Acting", "Agit")
        derived.setVariable(acting)
        actingName = name
      }
    }
    let westin = Self.westinSegment(in: survey, codebook: codebook)
    if let variable = westin.variable, !derived.hasVariable(named: variable.name) { derived.setVariable(variable) }
    westinVariable = westin.name
    westinProblem = westin.problem
    baseDesign = try SurveyDesign(derived, declaration: declaration)
    if let margins {
      let result = try baseDesign.raking(to: margins, options: rakingControl)
      raking = result
      design = result.design
    } else {
      raking = nil
      design = baseDesign
    }
    var headlines: [String: ProportionEstimate] = [:]
    var distributions: [String: [ProportionEstimate]] = [:]
    for item in items {
      distributions[item.name] = Array(try design.proportions(of: item.name, method: options.intervalMethod, level: options.level))
      if !item.headlineValues.isEmpty {
        headlines[item.name] = try design.proportions(
          of: item.headlineVariable, method: options.intervalMethod, level: options.level
        ).first { $0.category == "1" }
      }
    }
    self.items = items
    self.headlines = headlines
    self.distributions = distributions
    paradox = try ParadoxResults.make(items: items, design: design, options: options)
    let finalDesign = design
    if let actingName, let concern = paradoxDefinition?.definition.concern.variable {
      (actingModel, actingModelProblem) = ActingModel.make(
        outcome: actingName, concern: concern, design: finalDesign, level: options.level)
    } else {
      (actingModel, actingModelProblem) = (nil, nil)
    }
    westinEstimates = try westin.name.map {
      Array(try finalDesign.proportions(of: $0, method: options.intervalMethod, level: options.level))
    }
    let compared = Self.comparedVariables(in: finalDesign.survey, westin: westin.name)
    comparedVariables = compared
    groupComparisons = compared.isEmpty
      ? nil : try Self.groupComparisons(items: items, design: finalDesign, variables: compared, options: options)
  }

  /// The 0/1 indicator of an item's headline answers, missing where the item is missing.
  static func headlineIndicator(of item: SurveyItem, in survey: Survey) throws -> Variable {
    let values = try survey.variable(named: item.name).categorical
    let counted = values.levels.map { item.headlineValues.contains($0) }
    let codes = values.codes.map { code -> Int32 in code < 0 ? -1 : (counted[Int(code)] ? 1 : 0) }
    return Variable(
      name: item.headlineVariable, values: .categorical(CategoricalValues(codes: codes, levels: ["0", "1"])),
      measurement: .binary)
  }

  /// The items of one topic, in file order.
  func items(of topic: SurveyTopic) -> [SurveyItem] { items.filter { $0.topic == topic } }

  /// The whole report.
  func report() -> Report {
    let title = options.title ?? codebook?.metadata.title?.text(in: language.rawValue) ?? defaultTitle
    var report = Report(title: title, language: language)
    report.append(contentsOf: introduction())
    report.append(contentsOf: keyFindings())
    report.append(contentsOf: technicalSheet())
    report.append(contentsOf: sampleAndWeighting())
    report.append(contentsOf: questionSections())
    report.append(contentsOf: paradoxSection())
    report.append(contentsOf: actingSection())
    report.append(contentsOf: segmentsSection())
    report.append(contentsOf: toplines())
    report.append(contentsOf: methodology())
    return report
  }

  var defaultTitle: String {
    let file = design.survey.origin.file.map { Report.split($0).name } ?? "survey"
    return language.text("Survey report: \(file)", "Rapport d'enquête : \(file)")
  }

  func introduction() -> [Block] {
    var blocks: [Block] = [
      .comment("generated by \(options.provenance.software); do not edit: regenerate with the command in the Technical sheet section"),
    ]
    var sentence = language.text(
      "Weighted estimates from \(numbers.count(design.respondentCount)) respondents, with design-based \(numbers.percent(options.level, digits: 0)) confidence intervals.",
      "Estimations pondérées sur \(numbers.count(design.respondentCount)) répondants, avec des intervalles de confiance à \(numbers.percent(options.level, digits: 0)) tenant compte du plan de sondage.")
    if let timestamp = options.provenance.timestamp {
      sentence += language.text(" Generated \(timestamp).", " Produit le \(timestamp).")
    }
    blocks.append(.paragraph(sentence))
    if chartSource.synthetic, let notice = chartSource.notes(base: nil, leftOut: nil, language: language).last {
      blocks.append(.paragraph("*\(notice)*"))
    }
    return blocks
  }
}
