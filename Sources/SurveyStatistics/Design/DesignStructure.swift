/// Strata and primary sampling units as integer indices, with per-stratum PSU counts and
/// finite population corrections: what the linearized variance needs.
struct DesignStructure: Sendable {
  /// The stratum index of each row.
  let stratumOfRow: [Int32]
  /// The global PSU index of each row (PSUs are nested in strata).
  let psuOfRow: [Int32]
  /// The stratum index of each PSU.
  let stratumOfPSU: [Int32]
  /// Stratum names as written in the data (one unnamed stratum when the design has none).
  let stratumNames: [String]
  /// n_h: the number of sampled PSUs in each stratum of the full design.
  let psuCountInStratum: [Int]
  /// f_h = (N_h − n_h) / N_h for each stratum; 1 without a finite population correction.
  let finitePopulationFactor: [Double]
  /// N_h, the population PSU count of each stratum, when an FPC was declared.
  let populationPSUCount: [Double]?
  /// The strata variable, for messages.
  let strataVariable: String?

  init(survey: Survey, declaration: DesignDeclaration) throws {
    let origin = survey.origin
    let rowCount = survey.respondentCount
    // Strata.
    var stratumOfRow = [Int32](repeating: 0, count: rowCount)
    var stratumNames = [""]
    if let strataName = declaration.strata {
      let strata = try survey.variable(named: strataName, role: "strata")
        .requiredGroups(role: "stratum", origin: origin)
      let order = strata.sortedLevelIndices()
      var rank = [Int32](repeating: 0, count: strata.levels.count)
      for (position, level) in order.enumerated() { rank[level] = Int32(position) }
      stratumNames = order.map { strata.levels[$0] }
      for row in 0..<rowCount { stratumOfRow[row] = rank[Int(strata.codes[row])] }
    }
    // PSUs, nested in strata, numbered in order of first appearance.
    var psuOfRow = [Int32](repeating: 0, count: rowCount)
    var stratumOfPSU: [Int32] = []
    if let clusterName = declaration.clusters {
      let clusters = try survey.variable(named: clusterName, role: "PSU (cluster)")
        .requiredGroups(role: "PSU", origin: origin)
      // (stratum, cluster) → PSU: a direct table when strata × cluster levels is small (always
      // when the design has no strata), a dictionary otherwise.
      let clusterLevels = clusters.levels.count
      let cells = stratumNames.count.multipliedReportingOverflow(by: clusterLevels)
      let usesTable = !cells.overflow && cells.partialValue <= 1 << 24
      var table = [Int32](repeating: -1, count: usesTable ? cells.partialValue : 0)
      var index: [Int: Int32] = [:]
      for row in 0..<rowCount {
        let key = Int(stratumOfRow[row]) * clusterLevels + Int(clusters.codes[row])
        let known = usesTable ? table[key] : index[key] ?? -1
        if known >= 0 {
          psuOfRow[row] = known
        } else {
          let psu = Int32(stratumOfPSU.count)
          if usesTable { table[key] = psu } else { index[key] = psu }
          stratumOfPSU.append(stratumOfRow[row])
          psuOfRow[row] = psu
        }
      }
    } else {
      for row in 0..<rowCount { psuOfRow[row] = Int32(row) }
      stratumOfPSU = stratumOfRow
    }
    var psuCountInStratum = [Int](repeating: 0, count: stratumNames.count)
    for stratum in stratumOfPSU { psuCountInStratum[Int(stratum)] += 1 }

    self.stratumOfRow = stratumOfRow
    self.psuOfRow = psuOfRow
    self.stratumOfPSU = stratumOfPSU
    self.stratumNames = stratumNames
    self.psuCountInStratum = psuCountInStratum
    self.strataVariable = declaration.strata

    // Finite population correction.
    if let fpcName = declaration.fpc {
      let populationPSUs = try Self.populationPSUCounts(
        survey.variable(named: fpcName, role: "FPC"), stratumOfRow: stratumOfRow,
        stratumNames: stratumNames, psuCountInStratum: psuCountInStratum, isStratified: declaration.strata != nil,
        origin: origin)
      self.populationPSUCount = populationPSUs
      self.finitePopulationFactor = zip(populationPSUs, psuCountInStratum).map { population, sampled in
        population == .infinity ? 1 : (population - Double(sampled)) / population
      }
    } else {
      self.populationPSUCount = nil
      self.finitePopulationFactor = [Double](repeating: 1, count: stratumNames.count)
    }

    if declaration.lonelyPSU == .fail {
      for stratum in stratumNames.indices
      where psuCountInStratum[stratum] == 1 && finitePopulationFactor[stratum] >= 1e-7 {
        let row = stratumOfRow.firstIndex(of: Int32(stratum)) ?? 0
        throw SurveyError.lonelyPSU(
          stratum: stratumNames[stratum], strataVariable: declaration.strata, row: row, origin: origin)
      }
    }
  }

  /// Strata and PSUs without rows: what a table of group sums (``GroupSums``) knows of the design.
  ///
  /// - Parameters:
  ///   - stratumNames: the strata, in presentation order.
  ///   - stratumOfPSU: the stratum index of each PSU.
  ///   - populationPSUCount: N_h for each stratum (`.infinity` for no correction), when an FPC was declared.
  ///   - psuCountInStratum: n_h for each stratum when it is not the number of `stratumOfPSU`'s PSUs
  ///     in it: the rows of each stratum for groups whose rows are the PSUs (``GroupSums/rowsArePSUs``,
  ///     one pseudo-PSU per stratum in `stratumOfPSU`).
  init(
    stratumNames: [String], stratumOfPSU: [Int32], populationPSUCount: [Double]?, strataVariable: String?,
    psuCountInStratum counts: [Int]? = nil
  ) {
    var psuCountInStratum = [Int](repeating: 0, count: stratumNames.count)
    for stratum in stratumOfPSU { psuCountInStratum[Int(stratum)] += 1 }
    if let counts { psuCountInStratum = counts }
    self.stratumOfRow = []
    self.psuOfRow = []
    self.stratumOfPSU = stratumOfPSU
    self.stratumNames = stratumNames
    self.psuCountInStratum = psuCountInStratum
    self.strataVariable = strataVariable
    self.populationPSUCount = populationPSUCount
    self.finitePopulationFactor = populationPSUCount.map { counts in
      zip(counts, psuCountInStratum).map { population, sampled in
        population == .infinity ? 1 : (population - Double(sampled)) / population
      }
    } ?? [Double](repeating: 1, count: stratumNames.count)
  }

  /// N_h for each stratum, from population counts (all ≥ 1) or sampling fractions (all ≤ 1),
  /// following R survey's `as.fpc`.
  private static func populationPSUCounts(
    _ variable: Variable, stratumOfRow: [Int32], stratumNames: [String], psuCountInStratum: [Int],
    isStratified: Bool, origin: DataOrigin
  ) throws -> [Double] {
    let values = try variable.requiredNumbers(role: "finite population correction", origin: origin)
    var valueOfStratum = [Double?](repeating: nil, count: stratumNames.count)
    var firstAbove = -1, firstBelow = -1
    for (row, value) in values.enumerated() {
      guard value.isFinite, value >= 0 else {
        throw SurveyError.invalidFPC(
          variable: variable.name, row: row, value: variable.rawText(atRow: row) ?? String(value),
          problem: value < 0 ? "is negative" : "is not a finite number", origin: origin)
      }
      if value > 1, firstAbove < 0 { firstAbove = row }
      if value < 1, firstBelow < 0 { firstBelow = row }
      let stratum = Int(stratumOfRow[row])
      if let known = valueOfStratum[stratum], known != value {
        throw SurveyError.fpcNotConstantInStratum(
          variable: variable.name, stratum: stratumNames[stratum], row: row, origin: origin)
      }
      valueOfStratum[stratum] = value
    }
    if firstAbove >= 0, firstBelow >= 0 {
      let row = max(firstAbove, firstBelow)
      throw SurveyError.invalidFPC(
        variable: variable.name, row: row, value: variable.rawText(atRow: row) ?? "",
        problem: "mixes population counts (above 1) and sampling fractions (below 1) in one column", origin: origin)
    }
    let isPopulationCount = firstAbove >= 0
    var populationPSUs = [Double](repeating: 0, count: stratumNames.count)
    for stratum in stratumNames.indices {
      let value = valueOfStratum[stratum] ?? 1
      let sampled = Double(psuCountInStratum[stratum])
      let population = isPopulationCount ? value : (value == 0 ? .infinity : sampled / value)
      if population < sampled * (1 - 1e-12) {
        throw SurveyError.fpcSmallerThanSample(
          variable: variable.name, stratum: isStratified ? stratumNames[stratum] : nil, populationPSUs: population,
          sampledPSUs: psuCountInStratum[stratum], row: stratumOfRow.firstIndex(of: Int32(stratum)) ?? 0, origin: origin)
      }
      populationPSUs[stratum] = population
    }
    return populationPSUs
  }
}
