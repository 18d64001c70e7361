extension SurveyDesign {
  /// The group sums of `variable` over the domains of `domainVariables`, keyed also by the values
  /// of `rakingVariables` (``GroupSums/Group/rakingCell``): what a database returns for a raking
  /// pushed down (stratum × PSU × domain × category × raking cell), added up in Swift from the rows
  /// of this design, so that the file path and a database rake and estimate from the same table.
  ///
  /// Rows are masked, never dropped, as ``groupSums(of:by:fitsLogit:)``; a missing raking value
  /// keeps a `nil` in the cell (``GroupSumsRaking`` refuses it, as raking the rows does).
  ///
  /// - Precondition: the design has neither calibrated nor replicate weights.
  /// - Complexity: O(n·r) for n rows and r raking variables, plus O(g) for g groups.
  ///
  /// With `sumsValues`, the variable is numeric: its groups are only whether the row has a value
  /// (category "" or `nil`), with Σw·y, Σw·y² and the unweighted Σy (for means and totals).
  package func groupSums(
    of variable: String, by domainVariables: [String], rakingVariables: [String], sumsValues: Bool = false
  ) throws -> GroupSums {
    precondition(!isCalibrated && replicates == nil, "group sums describe a design without calibration or replicates")
    let numbers = sumsValues
      ? try survey.variable(named: variable).optionalNumbers(role: "numeric variable", origin: survey.origin) : []
    let values = sumsValues
      ? CategoricalValues(codes: numbers.map { $0 == nil ? -1 : 0 }, levels: [""])
      : try survey.variable(named: variable).categorical
    let partition = try DomainPartition(survey: survey, by: domainVariables)
    let raking = try rakingVariables.map { try survey.variable(named: $0).categorical }
    struct Key: Hashable {
      var psu: Int32
      var domain: Int32
      var code: Int32
      var cell: [Int32]
    }
    var sums: [Key: (rows: Int, weight: Double, squares: Double, value: Double, valueSquares: Double, unweighted: Double)] = [:]
    for row in 0..<respondentCount {
      let weight = weights[row]
      let key = Key(
        psu: structure.psuOfRow[row], domain: partition.domainOfRow[row] + 1, code: values.codes[row] + 1,
        cell: raking.map { $0.codes[row] })
      var entry = sums[key] ?? (0, 0, 0, 0, 0, 0)
      entry.rows += 1
      entry.weight += weight
      entry.squares += weight * weight
      if sumsValues, let y = numbers[row] {
        entry.value += weight * y
        entry.valueSquares += weight * y * y
        entry.unweighted += y
      }
      sums[key] = entry
    }
    let domainValues = partition.domains.map { $0.levels.map(\.value) }
    let groups = sums.map { key, sums in
      var group = GroupSums.Group(
        stratum: structure.stratumNames[Int(structure.stratumOfPSU[Int(key.psu)])], psu: String(key.psu),
        domain: key.domain == 0 ? nil : domainValues[Int(key.domain) - 1],
        category: key.code == 0 ? nil : values.levels[Int(key.code) - 1], rows: sums.rows, weightSum: sums.weight,
        weightSquareSum: sums.squares, valueSum: sums.value, valueSquareSum: sums.valueSquares)
      group.unweightedValueSum = sums.unweighted
      group.rakingCell = zip(raking, key.cell).map { column, code in code < 0 ? nil : column.levels[Int(code)] }
      return group
    }
    var correction: [String: Double] = [:]
    if let populationPSUCount = structure.populationPSUCount {
      for (stratum, name) in structure.stratumNames.enumerated() { correction[name] = populationPSUCount[stratum] }
    }
    return GroupSums(
      variable: variable, domainVariables: domainVariables, declaration: declaration, groups: groups,
      finitePopulationCorrection: correction)
  }

  /// The first step of R's logistic fit on the raked design by domain and category, each row's
  /// weight scaled by its domain and raking cell's scale (`scales`, keyed by the domain's values
  /// then the cell's: ``GroupSums/rakedPriorWeightScales(_:)``): what a database sums for the logit
  /// interval of a raking pushed down.
  package func rakedLogitFirstStep(
    of variable: String, by domainVariables: [String], rakingVariables: [String], scales: [[String]: Double]
  ) throws -> [GroupSums.LogitFirstStep] {
    let values = try survey.variable(named: variable).categorical
    let partition = try DomainPartition(survey: survey, by: domainVariables)
    let raking = try rakingVariables.map { try survey.variable(named: $0).categorical }
    let domainValues = partition.domains.map { $0.levels.map(\.value) }
    var terms: [[String]: (signedSum: Double, weight: Double, deviance: Double)] = [:]
    for row in 0..<respondentCount {
      let domain = Int(partition.domainOfRow[row]), code = Int(values.codes[row])
      guard domain >= 0, code >= 0 else { continue }
      let cell = raking.map { $0.codes[row] < 0 ? "" : $0.levels[Int($0.codes[row])] }
      guard let scale = scales[domainValues[domain] + cell] else { continue }
      let rowTerms = InterceptOnlyLogisticFit.RowTerms(scaledWeight: scale * weights[row])
      let key = domainValues[domain] + [values.levels[code]]
      var entry = terms[key] ?? (0, 0, 0)
      entry.signedSum += rowTerms.signedSum
      entry.weight += rowTerms.weight
      entry.deviance += rowTerms.deviance
      terms[key] = entry
    }
    return terms.map { key, sums in
      GroupSums.LogitFirstStep(
        domain: Array(key.dropLast()), category: key.last!, signedSum: sums.signedSum, weight: sums.weight,
        deviance: sums.deviance)
    }
  }
}
