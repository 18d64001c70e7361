extension SurveyDesign {
  /// The sums of a scale analysis (``ScaleGroupSums``) added up in Swift from the rows of this
  /// design: what a database's `GROUP BY` stratum × PSU × domain returns for the same rows, so
  /// that a file and a table are finished by the same code.
  ///
  /// One pass over the rows: each row adds to its (PSU, domain) group its weight, its score's and
  /// each scored item's sums, each item's box indicators, the moments of its domain when it
  /// answered every item, and, with `fitsLogit`, the first step of R's logistic fit of every box
  /// (`InterceptOnlyLogisticFit.RowTerms` of the weight scaled by its domain's rows / Σw, and by
  /// the whole sample's). Rows are masked, never dropped: rows without an answer or outside every
  /// domain keep their group, so that every PSU counts in n_h.
  ///
  /// - Throws: the errors of ``Survey/scaleScores(_:)``; ``DerivedVariableError`` for a box wider
  ///   than the range; ``SurveyError`` for an unknown domain variable.
  /// - Precondition: the design has neither calibrated nor replicate weights.
  /// - Complexity: O(n·k²) for n rows and k items, plus O(g·k²) for g groups.
  package func scaleGroupSums(
    _ scale: ScaleDefinition, by domainVariables: [String], boxSize: Int, fitsLogit: Bool
  ) throws -> ScaleGroupSums {
    let (scored, range) = try survey.scoredItems(scale)
    try ScaleDefinition.checkBox(boxSize, range: range)
    return try scaleGroupSums(
      scale, scored: scored, range: range, partition: try DomainPartition(survey: survey, by: domainVariables),
      domainVariables: domainVariables, boxSize: boxSize, fitsLogit: fitsLogit)
  }

  /// ``scaleGroupSums(_:by:boxSize:fitsLogit:)`` of the scored items, on the domains of `partition`.
  func scaleGroupSums(
    _ scale: ScaleDefinition, scored: [[Double?]], range: ClosedRange<Double>, partition: DomainPartition,
    domainVariables: [String], boxSize: Int, fitsLogit: Bool
  ) throws -> ScaleGroupSums {
    precondition(!isCalibrated && replicates == nil, "group sums describe a design without calibration or replicates")
    let scores = Survey.scores(of: scored, requiredItems: scale.requiredItems)
    let k = scale.items.count
    let thresholds = ScaleGroupSums.boxThresholds(range: range, boxSize: boxSize)
    let box = ScaleGroupSums.boxCategories(boxSize: boxSize)
    let categories = [box.top, "not in the \(box.top)", box.bottom, "not in the \(box.bottom)"]

    struct Sums {
      var rows = 0, weight = 0.0, squares = 0.0, values = 0.0, valueSquares = 0.0

      mutating func add(_ w: Double, _ y: Double = 0) {
        rows += 1
        weight += w
        squares += w * w
        values += w * y
        valueSquares += w * y * y
      }
    }
    // Per group: the whole group, the score, the k items, then the 4 box categories of each item.
    let width = 1 + 1 + k + 4 * k
    var slotOf: [Int: Int] = [:]
    var slotKeys: [(psu: Int32, domain: Int32)] = []
    var sums: [Sums] = []
    // The moments of the complete respondents of each domain + 1 (0: rows outside every domain).
    var moments = [ReliabilityMoments](repeating: ReliabilityMoments(itemCount: k), count: partition.domains.count + 1)
    var domainRows = [Int](repeating: 0, count: partition.domains.count)
    var domainWeight = [Double](repeating: 0, count: partition.domains.count)
    for row in 0..<respondentCount {
      let w = weights[row], psu = structure.psuOfRow[row], domain = partition.domainOfRow[row]
      let key = (Int(domain) + 1) * psuCount + Int(psu)
      let slot = slotOf[key] ?? {
        slotOf[key] = slotKeys.count
        slotKeys.append((psu, domain))
        sums += Array(repeating: Sums(), count: width)
        return slotKeys.count - 1
      }()
      let base = slot * width
      sums[base].add(w)
      if domain >= 0 {
        domainRows[Int(domain)] += 1
        domainWeight[Int(domain)] += w
      }
      if let score = scores[row] { sums[base + 1].add(w, score) }
      var complete = true
      for item in 0..<k {
        guard let value = scored[item][row] else {
          complete = false
          continue
        }
        sums[base + 2 + item].add(w, value)
        let boxes = base + 2 + k + 4 * item
        sums[boxes + (value >= thresholds.top ? 0 : 1)].add(w)
        sums[boxes + (value <= thresholds.bottom ? 2 : 3)].add(w)
      }
      guard complete, k >= 2 else { continue }
      let cell = Int(domain) + 1, centre = ReliabilityMoments.centre(of: range)
      moments[cell].respondents += 1
      moments[cell].weightTotal += w
      for i in 0..<k {
        let x = scored[i][row]! - centre
        moments[cell].sums[i] += x
        moments[cell].weightedSums[i] += w * x
        for j in 0..<k {
          let y = scored[j][row]! - centre
          moments[cell].crossProducts[i * k + j] += x * y
          moments[cell].weightedCrossProducts[i * k + j] += w * x * y
        }
      }
    }

    let domainValues = partition.domains.map { $0.levels.map(\.value) }
    func groups(category: (Int) -> String?, rest: [Int]) -> [GroupSums.Group] {
      var result: [GroupSums.Group] = []
      for (slot, key) in slotKeys.enumerated() {
        let stratum = structure.stratumNames[Int(structure.stratumOfPSU[Int(key.psu)])]
        let domain = key.domain < 0 ? nil : (domainVariables.isEmpty ? [] : domainValues[Int(key.domain)])
        var whole = sums[slot * width]
        for part in rest.map({ sums[slot * width + $0] }) {
          whole.rows -= part.rows
          whole.weight -= part.weight
          whole.squares -= part.squares
        }
        for (position, part) in (rest.map { sums[slot * width + $0] } + [whole]).enumerated() where part.rows > 0 {
          result.append(GroupSums.Group(
            stratum: stratum, psu: String(key.psu), domain: domain, category: position < rest.count ? category(position) : nil,
            rows: part.rows, weightSum: part.weight, weightSquareSum: part.squares,
            valueSum: position < rest.count ? part.values : 0, valueSquareSum: position < rest.count ? part.valueSquares : 0))
        }
      }
      return result
    }
    var correction: [String: Double] = [:]
    if let populationPSUCount = structure.populationPSUCount {
      for (stratum, name) in structure.stratumNames.enumerated() { correction[name] = populationPSUCount[stratum] }
    }
    func table(_ name: String, _ groups: [GroupSums.Group]) -> GroupSums {
      GroupSums(
        variable: name, domainVariables: domainVariables, declaration: declaration, groups: groups,
        finitePopulationCorrection: correction)
    }
    var reliability: [[String]: ReliabilityMoments] = [:]
    for (cell, sums) in moments.enumerated() where sums.respondents > 0 {
      // Rows outside every domain: key [] (no domain has it when there are domain variables).
      let key = cell == 0 || domainVariables.isEmpty ? [] : domainValues[cell - 1]
      reliability[key] = reliability[key].map { $0 + sums } ?? sums
    }
    let partitionSums = ScaleGroupSums.Partition(
      score: table(ScaleGroupSums.scoreName(scale), groups(category: { _ in "" }, rest: [1])),
      items: scale.items.indices.map { item in table(scale.items[item], groups(category: { _ in "" }, rest: [2 + item])) },
      topBoxes: scale.items.indices.map { item in
        table(scale.items[item], groups(category: { categories[$0] }, rest: [2 + k + 4 * item, 3 + k + 4 * item]))
      },
      bottomBoxes: scale.items.indices.map { item in
        table(scale.items[item], groups(category: { categories[2 + $0] }, rest: [4 + k + 4 * item, 5 + k + 4 * item]))
      },
      reliability: reliability)
    var result = ScaleGroupSums(
      scale: scale, range: range, boxSize: boxSize, domainVariables: domainVariables,
      overall: partitionSums.wholeSample(), domains: domainVariables.isEmpty ? nil : partitionSums)
    guard fitsLogit else { return result }

    // The first step of R's logistic fit of every box category, by domain and for the whole sample.
    let overallScale = Double(respondentCount) / weights.reduce(0, +)
    let domainScale = zip(domainRows, domainWeight).map { Double($0) / $1 }
    typealias Terms = (signedSum: Double, weight: Double, deviance: Double)
    var domainTerms = [Terms](repeating: (0, 0, 0), count: partition.domains.count * 4 * k)
    var overallTerms = [Terms](repeating: (0, 0, 0), count: 4 * k)
    for row in 0..<respondentCount {
      let domain = Int(partition.domainOfRow[row])
      let whole = InterceptOnlyLogisticFit.RowTerms(scaledWeight: overallScale * weights[row])
      let own = domain >= 0 ? InterceptOnlyLogisticFit.RowTerms(scaledWeight: domainScale[domain] * weights[row]) : nil
      for item in 0..<k {
        guard let value = scored[item][row] else { continue }
        for cell in [4 * item + (value >= thresholds.top ? 0 : 1), 4 * item + (value <= thresholds.bottom ? 2 : 3)] {
          overallTerms[cell].signedSum += whole.signedSum
          overallTerms[cell].weight += whole.weight
          overallTerms[cell].deviance += whole.deviance
          guard let own else { continue }
          domainTerms[domain * 4 * k + cell].signedSum += own.signedSum
          domainTerms[domain * 4 * k + cell].weight += own.weight
          domainTerms[domain * 4 * k + cell].deviance += own.deviance
        }
      }
    }
    func steps(_ terms: ArraySlice<Terms>, domain: [String], item: Int, bottom: Bool) -> [GroupSums.LogitFirstStep] {
      (0..<2).compactMap { position in
        let cell = terms[terms.startIndex + 4 * item + (bottom ? 2 : 0) + position]
        guard cell.weight > 0 else { return nil }
        return GroupSums.LogitFirstStep(
          domain: domain, category: categories[(bottom ? 2 : 0) + position], signedSum: cell.signedSum,
          weight: cell.weight, deviance: cell.deviance)
      }
    }
    for item in 0..<k {
      result.overall.topBoxes[item].logitFirstStep = steps(overallTerms[...], domain: [], item: item, bottom: false)
      result.overall.bottomBoxes[item].logitFirstStep = steps(overallTerms[...], domain: [], item: item, bottom: true)
      guard !domainVariables.isEmpty else { continue }
      var top: [GroupSums.LogitFirstStep] = [], bottom: [GroupSums.LogitFirstStep] = []
      for domain in partition.domains.indices {
        let terms = domainTerms[(domain * 4 * k)..<((domain + 1) * 4 * k)]
        top += steps(terms, domain: domainValues[domain], item: item, bottom: false)
        bottom += steps(terms, domain: domainValues[domain], item: item, bottom: true)
      }
      result.domains?.topBoxes[item].logitFirstStep = top
      result.domains?.bottomBoxes[item].logitFirstStep = bottom
    }
    return result
  }
}
