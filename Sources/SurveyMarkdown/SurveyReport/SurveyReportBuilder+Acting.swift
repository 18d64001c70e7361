internal import SurveyStatistics

/// The report's model of who acts on their concern: a logistic regression of the paradox's
/// *acting* indicator on the concern question (as categories) and the demographics, with the
/// average marginal effect of every answer and group in percentage points.
struct ActingModel: Sendable {
  /// The fitted model with the margins of every predictor.
  var analysis: ModelAnalysis
  /// The concern question and the demographic variables, in the order of the formula.
  var predictors: [String]

  /// The name of the derived 0/1 outcome: `acting`, or a name the survey does not use yet.
  static func outcomeName(in survey: Survey) -> String {
    var name = "acting", suffix = 1
    while survey.hasVariable(named: name) {
      suffix += 1
      name = "acting_\(suffix)"
    }
    return name
  }

  /// The demographics the model adjusts for: age band, sex and education, those the survey has.
  static func demographics(in survey: Survey) -> [String] {
    SurveyReportBuilder.comparedVariables(in: survey, westin: nil)
  }

  /// Fits `outcome ~ factor(concern) + demographics` on `design`, with the margins of every
  /// predictor; the problem in one sentence when the model cannot be fitted.
  static func make(
    outcome: String, concern: String, design: SurveyDesign, level: Double
  ) -> (model: ActingModel?, problem: String?) {
    let demographics = demographics(in: design.survey).filter { $0 != concern }
    let predictors = [concern] + demographics
    do {
      let formula = try Formula("\(outcome) ~ " + (["factor(\(concern))"] + demographics).joined(separator: " + "))
      let analysis = try design.modelAnalysis(formula, family: .quasibinomial, margins: predictors, level: level)
      return (ActingModel(analysis: analysis, predictors: predictors), nil)
    } catch {
      return (nil, String(describing: error))
    }
  }
}

extension SurveyReportBuilder {
  /// Section 5: who acts on their concern — the average marginal effects of the concern answers
  /// and the demographics on the probability of acting, as a dot-and-whisker chart and a table.
  func actingSection() -> [Block] {
    guard paradox != nil else { return [] }
    var blocks: [Block] = [.heading(language.text("Who acts on their concern?", "Qui agit face à son inquiétude ?"), level: 2)]
    guard let actingModel else {
      blocks.append(.paragraph(language.text(
        "Not computed: \(actingModelProblem ?? "the model cannot be fitted").",
        "Non calculé : \(actingModelProblem ?? "le modèle ne peut pas être estimé").")))
      return blocks
    }
    let model = actingModel.analysis.overall, fit = model.fit
    let labels = ModelLabels(survey: design.survey, language: language)
    let concern = actingModel.predictors[0]
    let demographics = actingModel.predictors.dropFirst().map {
      language.text("“\(labels.variable($0))”", "«\u{00A0}\(labels.variable($0))\u{00A0}»")
    }
    let interval = ReportText.confidenceInterval(language, level: fit.level)
    blocks.append(.paragraph(language.text(
      "A logistic regression of acting (as defined above) on the answer to “\(labels.variable(concern))”"
        + (demographics.isEmpty ? "" : " and on \(Self.joined(demographics, language))")
        + ", with the survey design (R survey's `svyglm`, quasibinomial family): \(numbers.count(fit.respondents)) respondents "
        + "who answered every question, \(numbers.count(fit.degreesOfFreedom)) degrees of freedom. Each point is an average "
        + "marginal effect: how many percentage points the probability of acting would change if everyone had that answer "
        + "rather than the reference, their other characteristics unchanged. The whiskers are "
        + "\(numbers.percent(fit.level, digits: 0)) confidence intervals (delta method on the design).",
      "Une régression logistique du fait d'agir (défini ci-dessus) sur la réponse à «\u{00A0}\(labels.variable(concern))\u{00A0}»"
        + (demographics.isEmpty ? "" : " et sur \(Self.joined(demographics, language))")
        + ", tenant compte du plan de sondage (`svyglm` du package R survey, famille quasi-binomiale) : "
        + "\(numbers.count(fit.respondents)) répondants ayant répondu à chaque question, \(numbers.count(fit.degreesOfFreedom)) "
        + "degrés de liberté. Chaque point est un effet marginal moyen : de combien de points de pourcentage la probabilité "
        + "d'agir changerait si tous avaient cette réponse plutôt que la référence, leurs autres caractéristiques inchangées. "
        + "Les moustaches sont des intervalles de confiance à \(numbers.percent(fit.level, digits: 0)) (méthode delta sur le plan).")))
    if var chart = model.marginalEffectsChart(
      labels: labels, source: chartSource, title: language.text("Who acts on their concern?", "Qui agit face à son inquiétude ?"))
    {
      chart.subtitle = language.text(
        "Average marginal effects on the probability of acting, in percentage points, against the reference; \(interval)",
        "Effets marginaux moyens sur la probabilité d'agir, en points de pourcentage, par rapport à la référence\u{00A0}; \(interval)")
      blocks.append(.figure(chart.figure(fileName: "who-acts.svg")))
    }
    var rows: [[String]] = []
    for margins in model.margins {
      let name = labels.variable(margins.variable)
      guard let reference = margins.effects.first?.reference else {
        // A number: its slope.
        let effect = margins.effects[0]
        rows.append([
          name, language.text("one unit more", "une unité de plus"), numbers.points(effect.estimate / 100),
          numbers.range(effect.confidenceInterval.lower, effect.confidenceInterval.upper, digits: 1),
        ])
        continue
      }
      let levels = labels.ordered([reference] + margins.effects.compactMap(\.level), of: margins.variable) { $0 }
      for (index, level) in levels.enumerated() {
        let cells: [String]
        if let effect = margins.effects.first(where: { $0.level == level }) {
          cells = [
            numbers.points(effect.estimate / 100),
            numbers.range(effect.confidenceInterval.lower, effect.confidenceInterval.upper, digits: 1),
          ]
        } else {
          cells = [language.text("reference", "référence"), ""]
        }
        rows.append([index == 0 ? name : "", labels.level(level, of: margins.variable)] + cells)
      }
    }
    blocks.append(.table(MarkdownTable(
      columns: [
        .init(language.text("Characteristic", "Caractéristique")), .init(language.text("Answer or group", "Réponse ou groupe")),
        .init(language.text("Effect (pts)", "Effet (pts)"), alignment: .right), .init(interval, alignment: .right),
      ],
      rows: rows)))
    let tests = model.tests.map { test in
      labels.testedTerm(test.term) + language.text(": ", "\u{00A0}: ") + "F = \(numbers.decimal(test.statistic, digits: 2)) "
        + language.text("on \(test.numeratorDegreesOfFreedom) and \(test.denominatorDegreesOfFreedom) df", "à \(test.numeratorDegreesOfFreedom) et \(test.denominatorDegreesOfFreedom) ddl")
        + ", p \(Self.pValueWithSign(test.pValue, numbers))"
    }
    var notes: [String] = []
    if fit.degreesOfFreedom < 8 {
      notes.append(language.text(
        "† Interpret with care: the model has \(fit.degreesOfFreedom) residual degrees of freedom (fewer than 8), so its intervals and tests are unstable.",
        "† À interpréter avec prudence : le modèle n'a que \(fit.degreesOfFreedom) degrés de liberté résiduels (moins de 8), ses intervalles et tests sont donc instables."))
    }
    blocks.append(.notes(notes + [
      language.text(
        "Wald tests that each characteristic has no effect (R's `regTermTest`): ",
        "Tests de Wald de l'absence d'effet de chaque caractéristique (`regTermTest` de R) : ")
        + tests.joined(separator: language.text("; ", "\u{00A0}; ")) + ".",
      language.text("R: ", "R : ") + "`svyglm(\(fit.formula.text), design, family = quasibinomial())`.",
    ]))
    return blocks
  }

  /// "a, b and c" ("et" in French).
  static func joined(_ items: [String], _ language: ReportLanguage) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + language.text(" and ", " et ") + (items.last ?? "")
  }

  /// "= 0.042" or "< 0.001".
  static func pValueWithSign(_ p: Double, _ numbers: NumberStyle) -> String {
    let text = numbers.pValue(p)
    return text.hasPrefix("<") ? text : "= " + text
  }
}
