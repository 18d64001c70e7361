internal import SurveyStatistics

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
    blocks.append(.table(MarkdownTable(
      columns: [.init(language.text("Design", "Plan")), .init("", alignment: .right)], rows: facts)))
    blocks += weightsTable()
    blocks += rakingTables()
    blocks += margins()
    return blocks
  }

  /// The margins of the demographic variables: unweighted and weighted shares.
  func margins() -> [Block] {
    let demographic = items(of: .demographics)
    guard !demographic.isEmpty else { return [] }
    var rows: [[String]] = []
    var estimates: [ProportionEstimate] = []
    var labels: [(variable: String, group: String)] = []
    var lines: [[Int]] = []
    for item in demographic {
      // The groups of one variable add up to its respondents and to 100%, unweighted and weighted.
      let shares = distributions[item.name] ?? []
      var line: [Int] = []
      for category in item.categories {
        guard let estimate = shares.first(where: { $0.category == category.value }) else { continue }
        line.append(estimates.count)
        estimates.append(estimate)
        labels.append((item.label, category.label))
      }
      lines.append(line)
    }
    let statuses = cellRules.statuses(of: estimates, lines: lines)
    for (index, estimate) in estimates.enumerated() {
      let status = statuses[index]
      let total = estimate.domainRespondents
      let unweighted = status.isPrinted ? numbers.percentNumber(Double(estimate.respondents) / Double(max(total, 1))) : ""
      let weighted = status.isPrinted ? numbers.percentNumber(estimate.proportion) : ""
      let count = status.isPrinted ? numbers.count(estimate.respondents) : status.marker
      rows.append([labels[index].variable, labels[index].group, count, unweighted, weighted])
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
    ] + cellRules.notes(for: statuses)
  }
}

extension SurveyReportBuilder {
  /// The spread of the weights, before and after raking: total, range, Kish's design effect
  /// 1 + CV² and effective sample size n / deff.
  func weightsTable() -> [Block] {
    let base = baseDesign.weightDiagnostics
    let final = raking.map { _ in design.weightDiagnostics }
    let name = design.declaration.weights.map { " (`\($0)`)" } ?? ""
    var columns: [MarkdownTable.Column] = [.init(language.text("Weights", "Poids") + name)]
    if final == nil {
      columns.append(.init("", alignment: .right))
    } else {
      columns.append(.init(language.text("Before raking", "Avant redressement"), alignment: .right))
      columns.append(.init(language.text("After raking", "Après redressement"), alignment: .right))
    }
    let all = [base] + (final.map { [$0] } ?? [])
    // Weights normalized to the sample size (Eurobarometer, ESS, Pew) estimate no population.
    let normalized = design.summary.weightsAreNormalized
    let sum = normalized
      ? language.text("Sum (normalized: the number of respondents)", "Somme (normalisés : le nombre de répondants)")
      : language.text("Sum (estimated population)", "Somme (population estimée)")
    let rows: [[String]] = [
      [sum] + all.map { numbers.decimal($0.total, digits: 1) },
      [language.text("Smallest / largest", "Plus petit / plus grand")]
        + all.map { numbers.decimal($0.minimum, digits: 2) + " / " + numbers.decimal($0.maximum, digits: 2) },
      [language.text("Kish design effect, 1 + CV²", "Effet de plan de Kish, 1 + CV²")] + all.map { numbers.decimal($0.kishDesignEffect, digits: 2) },
      [language.text("Effective sample size, n / deff", "Taille d'échantillon effective, n / deff")]
        + all.map { numbers.count(Int($0.effectiveSampleSize.rounded())) },
    ]
    var blocks: [Block] = [.table(MarkdownTable(columns: columns, rows: rows))]
    if normalized {
      blocks.append(.paragraph(language.text(
        "The weights are normalized: they sum to about the number of respondents, not to population totals, so the report gives shares, not counts of people. Design effects are measured against simple random sampling with replacement (R's `deff = \"replace\"`): against sampling without replacement they would divide by a variance of about zero.",
        "Les poids sont normalisés : leur somme est à peu près le nombre de répondants, non une population, et le rapport donne des proportions, non des effectifs de population. Les effets de plan sont mesurés par rapport à un sondage aléatoire simple avec remise (`deff = \"replace\"` de R) : sans remise, ils diviseraient par une variance presque nulle.")))
    }
    return blocks
  }

  /// Every raking margin: the population target, the weighted share before raking and after.
  func rakingTables() -> [Block] {
    guard let raking else { return [] }
    return [.heading(language.text("Raking", "Redressement"), level: 3)]
      + RakingTable(raking, survey: design.survey, language: language).blocks
  }

  /// A variable's label, else its name.
  func variableLabel(_ name: String) -> String {
    ((try? design.survey.variable(named: name))?.label) ?? name
  }
}
