public import SurveyStatistics

/// A regression model as `confiance model` prints it, and as notebooks show it.
extension ModelAnalysis: Presentation {
  /// The design the models were fitted on.
  public var designSummary: DesignSummary? { design }

  // MARK: JSON (the documented contract: add fields, never rename them)

  /// `{"design", "model", "coefficients", "tests", "margins", "by", "domains"}` (and `raking` on a
  /// raked design): the whole sample's model, then one `{"domain", "model", …}` per domain.
  public var json: JSONValue {
    .object(
      [("design", design.json)] + overall.jsonMembers + [
        ("by", .array(domainVariables.map { .string($0) })),
        ("domains", .array(domains.map { .object([("domain", $0.fit.domain.json)] + $0.jsonMembers) })),
      ] + design.rakingMembers)
  }

  // MARK: Text

  /// The design, then for each model R's `summary()`: the coefficients with their standard
  /// errors, t tests and intervals, the Wald tests and the margins.
  public var textTable: String {
    var text = design.summaryLines + "\n"
    for model in models {
      if !domains.isEmpty {
        let title = model.fit.domain.levels.isEmpty ? "All respondents" : model.fit.domain.description
        text += "\n\(title.uppercased())\n"
      }
      text += model.text
    }
    return text
  }

  // MARK: CSV

  /// One row per coefficient, test, predictive margin and marginal effect of every model, in
  /// long form: `section` says which, `term` holds the term or the variable.
  public var csvTable: String {
    let header = domainVariables + [
      "section", "term", "level", "reference", "estimate", "standard_error", "statistic", "numerator_df",
      "denominator_df", "p_value", "ci_lower", "ci_upper", "unit",
    ]
    var lines = [header.map(csvField).joined(separator: ",")]
    for model in models {
      let domain = model.fit.domain.levels.isEmpty
        ? [String](repeating: "", count: domainVariables.count) : model.fit.domain.levels.map(\.value)
      for row in model.csvRows { lines.append((domain + row).map(csvField).joined(separator: ",")) }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: Markdown

  /// For each model: what was fitted, the coefficients (terms named by the codebook's labels), the
  /// tests, the margins and a dot-and-whisker chart of the average marginal effects.
  public func blocks(_ style: PresentationStyle) -> [Block] {
    let labels = ModelLabels(survey: style.survey, language: style.language)
    return models.enumerated().flatMap { index, model -> [Block] in
      var blocks: [Block] = []
      if !domains.isEmpty {
        let title = model.fit.domain.levels.isEmpty
          ? style.language.text("All respondents", "Ensemble des répondants")
          : model.fit.domain.levels.map { "\(labels.variable($0.variable)) = \(labels.level($0.value, of: $0.variable))" }
            .joined(separator: ", ")
        blocks.append(.paragraph("**\(title)**"))
      }
      let chartName = style.chartPrefix + (domains.isEmpty ? "margins.svg" : "margins-\(index).svg")
      let source = ChartSource(survey: style.survey, design: model.fit.design, software: style.software)
      return blocks + model.blocks(labels: labels, chartName: chartName, source: source)
    }
  }
}

extension ModelFit: Presentation {
  /// The design the model was fitted on.
  public var designSummary: DesignSummary? { design }
  /// As `confiance model` writes it: the model, its coefficients and a test of each term.
  public var json: JSONValue { ModelAnalysis(self).json }
  /// R's `summary()`: coefficients with standard errors, t tests and intervals, then the term tests.
  public var textTable: String { ModelAnalysis(self).textTable }
  /// One row per coefficient and test.
  public var csvTable: String { ModelAnalysis(self).csvTable }
  /// The coefficients and tests in Markdown, terms labelled from the style's survey.
  public func blocks(_ style: PresentationStyle) -> [Block] { ModelAnalysis(self).blocks(style) }
}

// MARK: - One model

extension ModelAnalysis.Model {
  /// `model`, `coefficients`, `tests` and `margins` of the JSON contract.
  var jsonMembers: [(String, JSONValue)] {
    let model: JSONValue = .object([
      ("family", .string(fit.family.rawValue)),
      ("formula", .string(fit.formula.text)),
      ("respondents", .integer(fit.respondents)),
      ("degrees_of_freedom", .integer(fit.degreesOfFreedom)),
      ("dispersion", .number(fit.dispersion)),
      ("link", .string(fit.family.link)),
      ("design_degrees_of_freedom", .integer(fit.designDegreesOfFreedom)),
      ("confidence_level", .number(fit.level)),
      ("iterations", .integer(fit.iterations)),
    ] + (fit.family == .proportionalOdds ? [
      ("outcome_levels", .array(fit.outcomeLevels.map { .string($0) })),
      ("threshold_count", .integer(fit.thresholdCount)),
    ] : []))
    let coefficients: [JSONValue] = fit.coefficients.map { coefficient in
      .object([
        ("term", .string(coefficient.term)),
        ("estimate", .number(coefficient.estimate)),
        ("standard_error", .number(coefficient.standardError)),
        ("statistic", .number(coefficient.statistic)),
        ("p_value", .number(coefficient.pValue)),
        ("ci_lower", .number(coefficient.confidenceInterval.lower)),
        ("ci_upper", .number(coefficient.confidenceInterval.upper)),
      ])
    }
    let tests: [JSONValue] = tests.map { test in
      .object([
        ("term", .string(test.term)),
        ("statistic", .number(test.statistic)),
        ("numerator_df", .integer(test.numeratorDegreesOfFreedom)),
        ("denominator_df", .integer(test.denominatorDegreesOfFreedom)),
        ("p_value", .number(test.pValue)),
      ])
    }
    let margins: [JSONValue] = marginRows.map { row in
      .object([
        ("variable", .string(row.variable)),
        ("level", .string(row.level)),
        ("estimate", .number(row.estimate.estimate)),
        ("standard_error", .number(row.estimate.standardError)),
        ("ci_lower", .number(row.estimate.confidenceInterval.lower)),
        ("ci_upper", .number(row.estimate.confidenceInterval.upper)),
        ("measure", .string(row.measure)),
        ("reference", .string(row.reference)),
        ("unit", .string(row.unit)),
        ("degrees_of_freedom", .integer(row.estimate.degreesOfFreedom)),
      ])
    }
    return [
      ("model", model), ("coefficients", .array(coefficients)), ("tests", .array(tests)),
      ("margins", .array(margins)),
    ]
  }

  /// A margin or an effect, as the JSON and CSV list them.
  struct MarginRow {
    var variable: String
    /// `predictive_margin` or `marginal_effect`.
    var measure: String
    var level: String?
    var reference: String?
    var estimate: any SurveyEstimate
    /// `probability`, `percentage_points` or `outcome`.
    var unit: String
  }

  /// For each variable asked for: its predictive margins, then its average marginal effects.
  var marginRows: [MarginRow] {
    let predictedUnit = fit.family == .quasibinomial ? "probability" : "outcome"
    return margins.flatMap { margins in
      margins.predictive.map {
        MarginRow(
          variable: margins.variable, measure: "predictive_margin", level: $0.level, reference: nil, estimate: $0,
          unit: predictedUnit)
      }
        + margins.effects.map {
          MarginRow(
            variable: margins.variable, measure: "marginal_effect", level: $0.level, reference: $0.reference,
            estimate: $0, unit: $0.unit == .percentagePoints ? "percentage_points" : "outcome")
        }
    }
  }

  var csvRows: [[String]] {
    let coefficients = fit.coefficients.map { coefficient in
      [
        "coefficient", coefficient.term, "", "", number(coefficient.estimate), number(coefficient.standardError),
        number(coefficient.statistic), "", String(coefficient.degreesOfFreedom), number(coefficient.pValue),
        number(coefficient.confidenceInterval.lower), number(coefficient.confidenceInterval.upper), "",
      ]
    }
    let tests = tests.map { test in
      [
        "test", test.term, "", "", "", "", number(test.statistic), String(test.numeratorDegreesOfFreedom),
        String(test.denominatorDegreesOfFreedom), number(test.pValue), "", "", "",
      ]
    }
    let margins = marginRows.map { row in
      [
        row.measure, row.variable, row.level ?? "", row.reference ?? "", number(row.estimate.estimate),
        number(row.estimate.standardError), "", "", String(row.estimate.degreesOfFreedom), "",
        number(row.estimate.confidenceInterval.lower), number(row.estimate.confidenceInterval.upper), row.unit,
      ]
    }
    return coefficients + tests + margins
  }

  // MARK: Text

  /// "Logistic regression (quasibinomial family, logit link)".
  var familyTitle: String {
    switch fit.family {
    case .gaussian: return "Linear regression (gaussian family, identity link)"
    case .quasibinomial: return "Logistic regression (quasibinomial family, logit link)"
    case .quasipoisson: return "Poisson regression (quasipoisson family, log link)"
    case .proportionalOdds: return "Proportional-odds regression (ordinal outcome, logit link)"
    }
  }

  /// What the residual degrees of freedom are, in the text's second line.
  private var degreesOfFreedomText: String {
    if fit.family == .proportionalOdds {
      let slopes = fit.coefficients.count - fit.thresholdCount
      return "(\(fit.designDegreesOfFreedom) design degrees of freedom − \(slopes) coefficient\(slopes == 1 ? "" : "s")).\n"
    }
    let p = fit.coefficients.count
    return "(\(fit.designDegreesOfFreedom) design degrees of freedom + 1 − \(p) coefficient\(p == 1 ? "" : "s")); "
      + "dispersion \(significant(fit.dispersion)).\n"
  }

  var text: String {
    let confidence = "\(fixed(fit.level * 100, digits: 0))%"
    var text = "\(familyTitle): \(fit.formula.text)\n"
    text += "\(fit.respondents) respondents; \(fit.degreesOfFreedom) residual degrees of freedom " + degreesOfFreedomText
    text += "Standard errors are design-based (R's \(fit.family == .proportionalOdds ? "svyolr" : "svyglm")); t tests "
      + "and \(confidence) intervals on \(fit.degreesOfFreedom) degrees of freedom.\n"
    if fit.family == .proportionalOdds {
      text += "Outcome levels, lowest first: \(fit.outcomeLevels.joined(separator: ", ")). A positive coefficient "
        + "moves answers up; threshold k|l is the log odds of answering k or lower when every predictor is 0.\n"
    }

    let estimateDigits = decimals(fit.coefficients.map(\.estimate))
    let errorDigits = decimals(fit.coefficients.map(\.standardError))
    let intervalDigits = decimals(fit.coefficients.flatMap { [$0.confidenceInterval.lower, $0.confidenceInterval.upper] })
    let coefficientRows = fit.coefficients.map { coefficient in
      [
        coefficient.term, signed(coefficient.estimate, digits: estimateDigits),
        fixed(coefficient.standardError, digits: errorDigits), signed(coefficient.statistic, digits: 3),
        pValueText(coefficient.pValue),
        "\(signed(coefficient.confidenceInterval.lower, digits: intervalDigits)) to "
          + signed(coefficient.confidenceInterval.upper, digits: intervalDigits),
      ]
    }
    let slopeCount = coefficientRows.count - fit.thresholdCount
    text += "\nCoefficients\n" + alignedTable(
      headers: ["term", "estimate", "SE", "t", "p", "\(confidence) CI"], rows: Array(coefficientRows.prefix(slopeCount)),
      rightAligned: [1, 2, 3, 4, 5])
    if fit.thresholdCount > 0 {
      text += "\nThresholds\n" + alignedTable(
        headers: ["threshold", "estimate", "SE", "t", "p", "\(confidence) CI"],
        rows: Array(coefficientRows.suffix(fit.thresholdCount)), rightAligned: [1, 2, 3, 4, 5])
    }

    if !tests.isEmpty {
      let testRows = tests.map { test in
        [
          test.term, fixed(test.statistic, digits: 3),
          "\(test.numeratorDegreesOfFreedom), \(test.denominatorDegreesOfFreedom)", pValueText(test.pValue),
        ]
      }
      text += "\nWald tests (R's regTermTest): F on (coefficients, residual) degrees of freedom\n"
        + alignedTable(headers: ["term", "F", "df", "p"], rows: testRows, rightAligned: [1, 2, 3])
    }
    if !margins.isEmpty { text += marginText(confidence: confidence) }
    return text
  }

  private func marginText(confidence: String) -> String {
    let isLogistic = fit.family == .quasibinomial
    let rows = marginRows
    // Predicted probabilities in %, effects in points, for a logistic model.
    let scale = { (row: MarginRow) -> Double in isLogistic && row.measure == "predictive_margin" ? 100 : 1 }
    let digits = isLogistic ? 2 : decimals(rows.map { $0.estimate.standardError * scale($0) })
    let tableRows = rows.map { row -> [String] in
      let factor = scale(row), estimate = row.estimate
      let measure = row.measure == "predictive_margin"
        ? (isLogistic ? "predicted %" : "predicted mean")
        : (row.level == nil ? "slope" : "effect against \(row.reference ?? "")") + (isLogistic ? " (points)" : "")
      return [
        row.variable, row.level ?? "", measure, signed(estimate.estimate * factor, digits: digits),
        fixed(estimate.standardError * factor, digits: digits),
        "\(signed(estimate.confidenceInterval.lower * factor, digits: digits)) to "
          + signed(estimate.confidenceInterval.upper * factor, digits: digits),
      ]
    }
    return "\nMargins (design-based standard errors, \(confidence) intervals on \(fit.designDegreesOfFreedom) "
      + "design degrees of freedom)\n"
      + alignedTable(
        headers: ["variable", "level", "measure", "estimate", "SE", "\(confidence) CI"], rows: tableRows,
        rightAligned: [3, 4, 5])
  }

  // MARK: Markdown

  func blocks(labels: ModelLabels, chartName: String, source: ChartSource) -> [Block] {
    let language = labels.language, numbers = language.numbers
    let confidence = numbers.percent(fit.level, digits: 0)
    let title: String
    let meaning: String
    switch fit.family {
    case .gaussian:
      title = language.text("Linear regression", "Régression linéaire")
      meaning = language.text(
        "coefficients are differences in the mean of the outcome", "les coefficients sont des écarts de moyenne")
    case .quasibinomial:
      title = language.text("Logistic regression", "Régression logistique")
      meaning = language.text(
        "coefficients are log odds ratios", "les coefficients sont des logarithmes de rapports de cotes")
    case .quasipoisson:
      title = language.text("Poisson regression", "Régression de Poisson")
      meaning = language.text(
        "coefficients are log rate ratios", "les coefficients sont des logarithmes de rapports de taux")    case .proportionalOdds:
      title = language.text("Ordinal logistic regression (proportional odds)", "Régression logistique ordinale (cotes proportionnelles)")
      meaning = language.text(
        "coefficients are log odds ratios of a higher answer; thresholds separate the answers",
        "les coefficients sont des logarithmes de rapports de cotes d'une réponse plus élevée ; les seuils séparent les réponses")
    }
    let outcome = labels.variable(fit.formula.response.column)
    let function = fit.family == .proportionalOdds ? "svyolr" : "svyglm"
    var blocks: [Block] = [
      .paragraph(language.text(
        "**\(title)** of “\(outcome)” (`\(fit.formula.text)`): \(numbers.count(fit.respondents)) respondents, "
          + "\(numbers.count(fit.degreesOfFreedom)) residual degrees of freedom; \(meaning). Standard errors are "
          + "design-based (R's `\(function)`), intervals at \(confidence).",
        "**\(title)** de «\u{00A0}\(outcome)\u{00A0}» (`\(fit.formula.text)`) : \(numbers.count(fit.respondents)) "
          + "répondants, \(numbers.count(fit.degreesOfFreedom)) degrés de liberté résiduels ; \(meaning). Les erreurs "
          + "types tiennent compte du plan de sondage (`\(function)` de R), intervalles à \(confidence)."))
    ]
    let digits = min(decimals(fit.coefficients.map(\.standardError)), 4)
    blocks.append(.table(MarkdownTable(
      columns: [
        .init(language.text("Term", "Terme")), .init(language.text("Coefficient", "Coefficient"), alignment: .right),
        .init(language.text("SE", "Erreur type"), alignment: .right),
        .init(ReportText.confidenceInterval(language, level: fit.level), alignment: .right),
        .init("p", alignment: .right),
      ],
      rows: coefficientRows(labels: labels, digits: digits))))
    if !tests.isEmpty {
      blocks.append(.paragraph(language.text(
        "Wald tests that a term's coefficients are all zero (R's `regTermTest`):",
        "Tests de Wald de nullité des coefficients d'un terme (`regTermTest` de R) :")))
      blocks.append(.table(MarkdownTable(
        columns: [
          .init(language.text("Term", "Terme")), .init("F", alignment: .right),
          .init(language.text("df", "ddl"), alignment: .right), .init("p", alignment: .right),
        ],
        rows: tests.map { test in
          [
            labels.testedTerm(test.term), numbers.decimal(test.statistic, digits: 2),
            "\(test.numeratorDegreesOfFreedom), \(test.denominatorDegreesOfFreedom)", numbers.pValue(test.pValue),
          ]
        })))
    }
    for margins in margins { blocks += marginBlocks(margins, labels: labels) }
    if let chart = marginalEffectsChart(labels: labels, source: source) {
      blocks.append(.figure(chart.figure(fileName: chartName)))
    }
    return blocks
  }

  /// The average marginal effects of every variable asked for as a dot-and-whisker chart, the
  /// reference levels on the zero line, its notes giving the base and `source`; `nil` without
  /// margins.
  func marginalEffectsChart(labels: ModelLabels, source: ChartSource, title: String? = nil) -> DotAndWhiskerChart? {
    guard !margins.isEmpty else { return nil }
    let language = labels.language
    let isLogistic = fit.family == .quasibinomial
    var rows: [DotAndWhiskerChart.Row] = []
    for margins in margins {
      let name = labels.variable(margins.variable)
      // The reference is a row of its own, every row in the questionnaire's order.
      let reference: [(level: String?, effect: MarginalEffect?)] = margins.effects.first?.reference.map { [($0, nil)] } ?? []
      let entries = labels.ordered(reference + margins.effects.map { ($0.level, $0) }, of: margins.variable) { $0.level }
      for entry in entries {
        guard let effect = entry.effect else {
          rows.append(.init(
            group: name, label: labels.level(entry.level ?? "", of: margins.variable), estimate: 0, lower: 0, upper: 0,
            isReference: true))
          continue
        }
        rows.append(.init(
          group: effect.level == nil ? nil : name,
          label: effect.level.map { labels.level($0, of: margins.variable) }
            ?? language.text("\(name) (one unit more)", "\(name) (une unité de plus)"),
          estimate: effect.estimate, lower: effect.confidenceInterval.lower, upper: effect.confidenceInterval.upper))
      }
    }
    let interval = ReportText.confidenceInterval(language, level: fit.level)
    let outcome = labels.variable(fit.formula.response.column)
    let subtitle = isLogistic
      ? language.text(
        "Change in the probability of “\(outcome)” against the reference, in percentage points; \(interval)",
        "Écart de probabilité de «\u{00A0}\(outcome)\u{00A0}» par rapport à la référence, en points de pourcentage\u{00A0}; \(interval)")
      : language.text(
        "Change in “\(outcome)” against the reference; \(interval)",
        "Écart de «\u{00A0}\(outcome)\u{00A0}» par rapport à la référence\u{00A0}; \(interval)")
    let standardErrors = margins.flatMap(\.effects).map(\.standardError)
    return DotAndWhiskerChart(
      title: title ?? language.text("Average marginal effects", "Effets marginaux moyens"), subtitle: subtitle,
      rows: rows, unit: isLogistic ? ReportText.points(language) : "", digits: isLogistic ? 1 : decimals(standardErrors),
      footnotes: source.notes(
        base: ChartSource.base([fit.respondents], language: language), leftOut: nil, language: language),
      language: language)
  }

  /// One row per coefficient; the levels of a factor's main effect are listed under a row that
  /// names the variable (its question text can be long).
  private func coefficientRows(labels: ModelLabels, digits: Int) -> [[String]] {
    let numbers = labels.language.numbers
    var rows: [[String]] = []
    var group: String?
    let outcome = fit.formula.response.column
    for (index, coefficient) in fit.coefficients.enumerated() {
      let name: String
      let threshold = index - (fit.coefficients.count - fit.thresholdCount)
      if threshold >= 0 {
        if threshold == 0 { rows.append(["**" + labels.language.text("Thresholds", "Seuils") + "**", "", "", "", ""]) }
        group = nil
        let levels = fit.outcomeLevels
        name = "\(labels.level(levels[threshold], of: outcome)) | \(labels.level(levels[threshold + 1], of: outcome))"
      } else if coefficient.components.count == 1, let component = coefficient.components.first, let level = component.level {
        if group != component.variable {
          let reference = fit.levels(of: component.variable)?.first.map {
            labels.language.text(" (against ", " (par rapport à ") + labels.level($0, of: component.column) + ")"
          }
          rows.append(["**\(labels.variable(component.column))**" + (reference ?? ""), "", "", "", ""])
        }
        group = component.variable
        name = labels.level(level, of: component.column)
      } else {
        group = nil
        name = labels.term(coefficient)
      }
      rows.append([
        name, numbers.decimal(coefficient.estimate, digits: digits), numbers.decimal(coefficient.standardError, digits: digits),
        numbers.range(coefficient.confidenceInterval.lower, coefficient.confidenceInterval.upper, digits: digits),
        numbers.pValue(coefficient.pValue),
      ])
    }
    return rows
  }

  private func marginBlocks(_ margins: ModelAnalysis.Margins, labels: ModelLabels) -> [Block] {
    let language = labels.language, numbers = language.numbers
    let isLogistic = fit.family == .quasibinomial
    let name = labels.variable(margins.variable)
    let interval = ReportText.confidenceInterval(language, level: fit.level)
    guard !margins.predictive.isEmpty else {
      // A number: its average marginal effect.
      let effect = margins.effects[0]
      let value = isLogistic
        ? "\(numbers.decimal(effect.estimate, digits: 1)) \(ReportText.points(language))"
        : numbers.decimal(effect.estimate, digits: min(decimals([effect.standardError]), 4))
      let bounds = isLogistic
        ? numbers.range(effect.confidenceInterval.lower, effect.confidenceInterval.upper, digits: 1)
        : numbers.range(
          effect.confidenceInterval.lower, effect.confidenceInterval.upper, digits: min(decimals([effect.standardError]), 4))
      return [.paragraph(language.text(
        "**\(name)**: one unit more changes the predicted \(isLogistic ? "probability" : "outcome") by \(value) on average (\(interval) \(bounds)).",
        "**\(name)** : une unité de plus change \(isLogistic ? "la probabilité prédite" : "la valeur prédite") de \(value) en moyenne (\(interval) \(bounds))."))]
    }
    let reference = margins.effects.first?.reference
    let digits = isLogistic ? 1 : min(decimals(margins.predictive.map(\.standardError)), 4)
    let predicted = { (value: Double) in isLogistic ? numbers.percentNumber(value, digits: digits) : numbers.decimal(value, digits: digits) }
    let rows = labels.ordered(margins.predictive, of: margins.variable) { $0.level }.map { margin -> [String] in
      let effect = margins.effects.first { $0.level == margin.level }
      return [
        labels.level(margin.level, of: margins.variable), predicted(margin.estimate),
        isLogistic
          ? numbers.interval(margin.confidenceInterval.lower, margin.confidenceInterval.upper, digits: digits)
          : numbers.range(margin.confidenceInterval.lower, margin.confidenceInterval.upper, digits: digits),
        // Signed, in points or in the outcome's unit.
        effect.map { numbers.points($0.estimate / 100, digits: digits) }
          ?? language.text("reference", "référence"),
        effect.map { numbers.range($0.confidenceInterval.lower, $0.confidenceInterval.upper, digits: digits) } ?? "",
      ]
    }
    let effectTitle = isLogistic ? language.text("Effect (pts)", "Effet (pts)") : language.text("Effect", "Effet")
    return [
      .paragraph(language.text(
        "**\(name)**: predicted \(isLogistic ? "probability" : "mean") if every respondent had each answer, and the average marginal effect against “\(reference.map { labels.level($0, of: margins.variable) } ?? "")”\(isLogistic ? " in percentage points" : "").",
        "**\(name)** : \(isLogistic ? "probabilité prédite" : "moyenne prédite") si chaque répondant avait chaque réponse, et effet marginal moyen par rapport à «\u{00A0}\(reference.map { labels.level($0, of: margins.variable) } ?? "")\u{00A0}»\(isLogistic ? " en points de pourcentage" : "").")),
      .table(MarkdownTable(
        columns: [
          .init(language.text("Answer", "Réponse")),
          .init(isLogistic ? language.text("Predicted %", "% prédit") : language.text("Predicted", "Prédit"), alignment: .right),
          .init(interval, alignment: .right), .init(effectTitle, alignment: .right), .init(interval, alignment: .right),
        ],
        rows: rows)),
    ]
  }
}

// MARK: - Numbers

/// The decimals that give the smallest non-zero magnitude among `values` four significant digits,
/// between 0 and 6 (R's `summary()` prints coefficient columns so).
func decimals(_ values: [Double]) -> Int {
  guard let smallest = values.filter({ $0.isFinite && $0 != 0 }).map(abs).min() else { return 2 }
  var digits = 3
  var magnitude = smallest
  while magnitude >= 10, digits > 0 {
    magnitude /= 10
    digits -= 1
  }
  while magnitude < 1, digits < 6 {
    magnitude *= 10
    digits += 1
  }
  return max(0, min(digits, 6))
}

/// A number with four significant digits, at most six decimals ("8924", "0.2512").
func significant(_ value: Double) -> String { fixed(value, digits: decimals([value])) }
