import SurveyStatistics

extension SurveyReportBuilder {
  /// Section 2: the sample, the design, the spread of the weights and the margins of the
  /// demographic variables.
  func sampleAndWeighting() -> [Block] {
    var blocks: [Block] = [.heading(language.text("Sample and weighting", "Échantillon et pondération"), level: 2)]
    let declaration = design.declaration
    var facts: [[String]] = [
      [language.text("Respondents", "Répondants"), numbers.count(design.respondentCount)],
    ]
    if let strata = declaration.strata {
      facts.append([language.text("Strata", "Strates") + " (`\(strata)`)", numbers.count(design.stratumCount)])
    }
    if let clusters = declaration.clusters {
      facts.append([language.text("Primary sampling units", "Unités primaires") + " (`\(clusters)`)", numbers.count(design.psuCount)])
    }
    facts.append([language.text("Design degrees of freedom", "Degrés de liberté du plan"), numbers.count(design.degreesOfFreedom)])
    let kish = KishSummary(weights: design.weights)
    if let weights = declaration.weights {
      facts.append([language.text("Weights (`\(weights)`): sum", "Poids (`\(weights)`) : somme"), numbers.decimal(kish.total, digits: 1)])
      facts.append([language.text("Weights: smallest / largest", "Poids : plus petit / plus grand"),
                    numbers.decimal(kish.smallest, digits: 2) + " / " + numbers.decimal(kish.largest, digits: 2)])
    }
    facts.append([language.text("Kish design effect of the weights, 1 + CV²", "Effet de plan de Kish dû aux poids, 1 + CV²"), numbers.decimal(kish.designEffect, digits: 2)])
    facts.append([language.text("Effective sample size, n / deff", "Taille d'échantillon effective, n / deff"), numbers.count(Int(kish.effectiveSize.rounded()))])
    blocks.append(.table(MarkdownTable(
      columns: [.init(language.text("Design", "Plan")), .init("", alignment: .right)], rows: facts)))
    blocks += margins()
    return blocks
  }

  /// The margins of the demographic variables: unweighted and weighted shares.
  func margins() -> [Block] {
    let demographic = items(of: .demographics)
    guard !demographic.isEmpty else { return [] }
    var rows: [[String]] = []
    var estimates: [ProportionEstimate] = []
    for item in demographic {
      let shares = distributions[item.name] ?? []
      let total = shares.first?.domainRespondents ?? 0
      for category in item.categories {
        guard let estimate = shares.first(where: { $0.category == category.value }) else { continue }
        estimates.append(estimate)
        let status = status(of: estimate)
        let unweighted = status.isPrinted ? numbers.percentNumber(Double(estimate.respondents) / Double(max(total, 1))) : ""
        let weighted = status.isPrinted ? numbers.percentNumber(estimate.proportion) : ""
        let count = status.isPrinted ? numbers.count(estimate.respondents) : status.marker
        rows.append([item.label, category.label, count, unweighted, weighted])
      }
    }
    return [
      .heading(language.text("Who answered", "Qui a répondu"), level: 3),
      .paragraph(language.text(
        "Respondents by group, unweighted and weighted: the difference is what the weights correct.",
        "Répondants par groupe, sans et avec pondération : l'écart est ce que corrigent les poids.")),
      .table(MarkdownTable(
        columns: [
          .init(language.text("Variable", "Variable")), .init(language.text("Group", "Groupe")),
          .init("n", alignment: .right), .init(language.text("Unweighted %", "% non pondéré"), alignment: .right),
          .init(language.text("Weighted %", "% pondéré"), alignment: .right),
        ],
        rows: rows)),
    ] + notes(for: estimates)
  }
}

/// Kish's summary of a set of weights: total, range, design effect 1 + CV² = n Σw² / (Σw)² and
/// effective sample size (Σw)² / Σw² (Kish 1965, §11.7).
struct KishSummary {
  var total: Double
  var smallest: Double
  var largest: Double
  var designEffect: Double
  var effectiveSize: Double

  init(weights: [Double]) {
    total = weights.reduce(0, +)
    let squares = weights.reduce(0) { $0 + $1 * $1 }
    smallest = weights.min() ?? 0
    largest = weights.max() ?? 0
    effectiveSize = squares > 0 ? total * total / squares : 0
    designEffect = effectiveSize > 0 ? Double(weights.count) / effectiveSize : 1
  }
}
