extension SurveyDesign {
  /// The group sums of `variable` over the domains of `domainVariables` (``GroupSums``): what a
  /// database's `GROUP BY stratum, PSU, domain variables, variable` returns, added up in Swift from
  /// the rows of this design, so that the two can be compared and estimated from the same way.
  ///
  /// Rows are masked, never dropped: rows without a value keep a group of their own (category
  /// `nil`), and so do rows whose domain variable is missing (domain `nil`), so that every PSU of
  /// the design counts in n_h. Without a PSU column every row is its own PSU: the groups are then
  /// keyed by stratum × domain × category, as a database groups them (``GroupSums/rowsArePSUs``).
  ///
  /// - Parameters:
  ///   - fitsLogit: whether to add the first step of R's logistic fit (``GroupSums/logitFirstStep``),
  ///     which the logit interval needs.
  /// - Precondition: the design has neither calibrated nor replicate weights.
  /// - Complexity: O(n) for n rows, plus O(g) for g groups.
  package func groupSums(of variable: String, by domainVariables: [String] = [], fitsLogit: Bool = true) throws -> GroupSums {
    precondition(!isCalibrated && replicates == nil, "group sums describe a design without calibration or replicates")
    let values = try survey.variable(named: variable).categorical
    let partition = try DomainPartition(survey: survey, by: domainVariables)
    let domainCount = partition.domains.count
    let categoryCount = values.levels.count
    // Groups keyed by (PSU, domain + 1, code + 1): 0 stands for a missing domain or value.
    struct Key: Hashable {
      var psu: Int32
      var domain: Int32
      var code: Int32
    }
    struct Sums {
      var rows = 0
      var weight = 0.0
      var weightSquares = 0.0
    }
    var sums: [Key: Sums] = [:]
    var domainRows = [Int](repeating: 0, count: domainCount)
    var domainWeight = [Double](repeating: 0, count: domainCount)
    // Rows are the PSUs: the "PSU" key is the stratum.
    let rowsArePSUs = declaration.clusters == nil
    for row in 0..<respondentCount {
      let weight = weights[row]
      let domain = partition.domainOfRow[row]
      let psu = rowsArePSUs ? structure.stratumOfRow[row] : structure.psuOfRow[row]
      let key = Key(psu: psu, domain: domain + 1, code: values.codes[row] + 1)
      sums[key, default: Sums()].rows += 1
      sums[key, default: Sums()].weight += weight
      sums[key, default: Sums()].weightSquares += weight * weight
      if domain >= 0 {
        domainRows[Int(domain)] += 1
        domainWeight[Int(domain)] += weight
      }
    }
    let domainValues = partition.domains.map { $0.levels.map(\.value) }
    let groups = sums.map { key, sums in
      GroupSums.Group(
        stratum: structure.stratumNames[Int(rowsArePSUs ? key.psu : structure.stratumOfPSU[Int(key.psu)])],
        psu: rowsArePSUs ? "" : String(key.psu),
        domain: key.domain == 0 ? nil : domainValues[Int(key.domain) - 1],
        category: key.code == 0 ? nil : values.levels[Int(key.code) - 1], rows: sums.rows, weightSum: sums.weight,
        weightSquareSum: sums.weightSquares)
    }
    var correction: [String: Double] = [:]
    if let populationPSUCount = structure.populationPSUCount {
      for (stratum, name) in structure.stratumNames.enumerated() { correction[name] = populationPSUCount[stratum] }
    }
    var firstStep: [GroupSums.LogitFirstStep]?
    if fitsLogit {
      // R's svyglm prior weights: w scaled to mean 1 over the rows of the domain.
      let scale = zip(domainRows, domainWeight).map { Double($0) / $1 }
      var terms = [(signedSum: Double, weight: Double, deviance: Double)](
        repeating: (0, 0, 0), count: domainCount * categoryCount)
      for row in 0..<respondentCount {
        let domain = Int(partition.domainOfRow[row]), code = Int(values.codes[row])
        guard domain >= 0, code >= 0 else { continue }
        let rowTerms = InterceptOnlyLogisticFit.RowTerms(scaledWeight: scale[domain] * weights[row])
        let cell = domain * categoryCount + code
        terms[cell].signedSum += rowTerms.signedSum
        terms[cell].weight += rowTerms.weight
        terms[cell].deviance += rowTerms.deviance
      }
      firstStep = []
      for domain in 0..<domainCount {
        for code in 0..<categoryCount where terms[domain * categoryCount + code].weight > 0 {
          let cell = terms[domain * categoryCount + code]
          firstStep?.append(GroupSums.LogitFirstStep(
            domain: domainValues[domain], category: values.levels[code], signedSum: cell.signedSum,
            weight: cell.weight, deviance: cell.deviance))
        }
      }
    }
    var groupSums = GroupSums(
      variable: variable, domainVariables: domainVariables, declaration: declaration, groups: groups,
      finitePopulationCorrection: correction, logitFirstStep: firstStep)
    groupSums.rowsArePSUs = rowsArePSUs
    return groupSums
  }
}
