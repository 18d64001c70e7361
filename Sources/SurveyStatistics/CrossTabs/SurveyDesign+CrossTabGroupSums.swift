extension SurveyDesign {
  /// The group sums of a cross-tab of `row` by `column` over the domains of `domainVariables`
  /// (``GroupSums/crossTab(row:column:method:level:raking:)``): Σw, Σw² and the rows by stratum × PSU ×
  /// domain × row value × column value, what a database's `GROUP BY` returns for the same rows,
  /// added up in Swift, so that the two are estimated from the same way.
  ///
  /// Rows are masked, never dropped: a missing row or column value (`nil`) and a missing domain
  /// value keep groups of their own, so that every PSU of the design counts in n_h.
  ///
  /// - Parameters:
  ///   - fitsLogit: whether to add, for each share partition (``CrossTabShares``), the first step
  ///     of R's logistic fit (``GroupSums/crossTabFirstSteps``), which the logit interval needs.
  /// - Throws: ``SurveyError`` for an unknown variable.
  /// - Precondition: the design has neither calibrated nor replicate weights.
  /// - Complexity: O(n) for n rows per share partition, plus O(g) for g groups.
  package func crossTabGroupSums(
    row: String, column: String, by domainVariables: [String] = [], fitsLogit: Bool = true
  ) throws -> GroupSums {
    precondition(!isCalibrated && replicates == nil, "group sums describe a design without calibration or replicates")
    let rowValues = try survey.variable(named: row, role: "row variable").categorical
    let columnValues = try survey.variable(named: column, role: "column variable").categorical
    let partition = try DomainPartition(survey: survey, by: domainVariables)
    // Groups keyed by (PSU, domain + 1, row code + 1, column code + 1): 0 stands for missing.
    struct Key: Hashable {
      var psu: Int32
      var domain: Int32
      var row: Int32
      var column: Int32
    }
    var sums: [Key: (rows: Int, weight: Double, weightSquares: Double)] = [:]
    // Without a PSU column every row is its own PSU: the "PSU" key is the stratum, as a database
    // groups the rows (GroupSums.rowsArePSUs).
    let rowsArePSUs = declaration.clusters == nil
    for respondent in 0..<respondentCount {
      let weight = weights[respondent]
      let key = Key(
        psu: rowsArePSUs ? structure.stratumOfRow[respondent] : structure.psuOfRow[respondent],
        domain: partition.domainOfRow[respondent] + 1,
        row: rowValues.codes[respondent] + 1, column: columnValues.codes[respondent] + 1)
      sums[key, default: (0, 0, 0)].rows += 1
      sums[key, default: (0, 0, 0)].weight += weight
      sums[key, default: (0, 0, 0)].weightSquares += weight * weight
    }
    let domainValues = partition.domains.map { $0.levels.map(\.value) }
    let groups = sums.map { key, sums in
      GroupSums.Group(
        stratum: structure.stratumNames[Int(rowsArePSUs ? key.psu : structure.stratumOfPSU[Int(key.psu)])],
        psu: rowsArePSUs ? "" : String(key.psu),
        domain: key.domain == 0 ? nil : domainValues[Int(key.domain) - 1],
        category: key.row == 0 ? nil : rowValues.levels[Int(key.row) - 1], rows: sums.rows, weightSum: sums.weight,
        weightSquareSum: sums.weightSquares,
        columnCategory: key.column == 0 ? nil : columnValues.levels[Int(key.column) - 1])
    }
    var correction: [String: Double] = [:]
    if let populationPSUCount = structure.populationPSUCount {
      for (stratum, name) in structure.stratumNames.enumerated() { correction[name] = populationPSUCount[stratum] }
    }
    var groupSums = GroupSums(
      variable: row, domainVariables: domainVariables, declaration: declaration, groups: groups,
      finitePopulationCorrection: correction)
    groupSums.rowsArePSUs = rowsArePSUs
    if fitsLogit {
      var firstSteps: [CrossTabShares: [GroupSums.LogitFirstStep]] = [:]
      for shares in CrossTabShares.all(hasDomains: !domainVariables.isEmpty) {
        firstSteps[shares] = logitFirstSteps(
          shares, rowValues: rowValues, columnValues: columnValues, partition: partition, domainValues: domainValues)
      }
      groupSums.crossTabFirstSteps = firstSteps
    }
    return groupSums
  }

  /// The first step of R's logistic fit summed by domain and category of one share partition,
  /// with the weights scaled by each domain's rows / Σw (R's svyglm prior weights).
  private func logitFirstSteps(
    _ shares: CrossTabShares, rowValues: CategoricalValues, columnValues: CategoricalValues,
    partition: DomainPartition, domainValues: [[String]]
  ) -> [GroupSums.LogitFirstStep] {
    let rowCount = rowValues.levels.count, columnCount = columnValues.levels.count
    // A partition's domain is (by-domain, within), its category an index below categoryCount.
    let withinCount: Int
    let categoryCount: Int
    switch shares.kind {
    case .cells: (withinCount, categoryCount) = (1, rowCount * columnCount)
    case .rows: (withinCount, categoryCount) = (rowCount, columnCount)
    case .columns: (withinCount, categoryCount) = (columnCount, rowCount)
    }
    let outerCount = shares.inDomains ? partition.domains.count : 1
    func domainOf(_ respondent: Int) -> Int {
      let outer = shares.inDomains ? Int(partition.domainOfRow[respondent]) : 0
      guard outer >= 0 else { return -1 }
      let row = Int(rowValues.codes[respondent]), column = Int(columnValues.codes[respondent])
      switch shares.kind {
      case .cells: return outer
      case .rows: return row < 0 ? -1 : outer * withinCount + row
      case .columns: return column < 0 ? -1 : outer * withinCount + column
      }
    }
    func categoryOf(_ respondent: Int) -> Int {
      let row = Int(rowValues.codes[respondent]), column = Int(columnValues.codes[respondent])
      switch shares.kind {
      case .cells: return row < 0 || column < 0 ? -1 : row * columnCount + column
      case .rows: return column
      case .columns: return row
      }
    }
    let domainCount = outerCount * withinCount
    var domainRows = [Int](repeating: 0, count: domainCount)
    var domainWeight = [Double](repeating: 0, count: domainCount)
    for respondent in 0..<respondentCount {
      let domain = domainOf(respondent)
      guard domain >= 0 else { continue }
      domainRows[domain] += 1
      domainWeight[domain] += weights[respondent]
    }
    var terms = [(signedSum: Double, weight: Double, deviance: Double)](
      repeating: (0, 0, 0), count: domainCount * categoryCount)
    for respondent in 0..<respondentCount {
      let domain = domainOf(respondent), category = categoryOf(respondent)
      guard domain >= 0, category >= 0 else { continue }
      let scale = Double(domainRows[domain]) / domainWeight[domain]
      let rowTerms = InterceptOnlyLogisticFit.RowTerms(scaledWeight: scale * weights[respondent])
      let cell = domain * categoryCount + category
      terms[cell].signedSum += rowTerms.signedSum
      terms[cell].weight += rowTerms.weight
      terms[cell].deviance += rowTerms.deviance
    }
    var firstSteps: [GroupSums.LogitFirstStep] = []
    for domain in 0..<domainCount {
      let outer = domain / withinCount, within = domain % withinCount
      var values = shares.inDomains ? domainValues[outer] : []
      switch shares.kind {
      case .cells: break
      case .rows: values.append(rowValues.levels[within])
      case .columns: values.append(columnValues.levels[within])
      }
      for category in 0..<categoryCount where terms[domain * categoryCount + category].weight > 0 {
        let name: String
        switch shares.kind {
        case .cells:
          name = CrossTabShares.cellCategory(
            row: rowValues.levels[category / columnCount], column: columnValues.levels[category % columnCount])
        case .rows: name = columnValues.levels[category]
        case .columns: name = rowValues.levels[category]
        }
        let sums = terms[domain * categoryCount + category]
        firstSteps.append(GroupSums.LogitFirstStep(
          domain: values, category: name, signedSum: sums.signedSum, weight: sums.weight, deviance: sums.deviance))
      }
    }
    return firstSteps
  }
}
