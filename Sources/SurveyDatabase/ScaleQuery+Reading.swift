internal import SurveyStatistics

extension ScaleQuery {
  /// The rows of ``groupSumsSQL(range:)`` read into a ``ScaleGroupSums`` (without the logit first
  /// step), with what they show of the items' answers and of the design values.
  struct Reading {
    var sums: ScaleGroupSums
    /// What the rows hold of each item's answers.
    var answers: [ScaleItemAnswers]
  }

  /// Reads the group-sums rows. With `margins` (the query keyed by their ``rakingVariables``), the
  /// groups carry their raking cell, the cells' Σw are raked (``GroupSumsRaking``, `source` naming
  /// the table in messages), and the reliability moments are those of the raked weights: each
  /// group's Σw, Σw·xⱼ and Σw·xⱼxₗ times its cell's factor.
  ///
  /// - Throws: ``DatabaseError`` for NULL or invalid design values, an FPC that varies in a stratum;
  ///   ``WeightingError`` for a raking that cannot be done.
  func read(
    _ rows: [[String?]], scale: ScaleDefinition, range: ClosedRange<Double>, domainVariables: [String],
    declaration: DesignDeclaration, raking margins: PopulationMargins? = nil, options: RakingControl = RakingControl(),
    source: String = ""
  ) throws -> Reading {
    var design = GroupSumsRows(
      declaration: declaration, domainCount: domains.count, itemCount: 0, weightPartScales: weightScales,
      valuePartScales: productScales, rakingCount: rakingVariables.count) { _ in nil }
    design.replicateColumns = replicateNames
    design.replicatePartScales = replicateWeightScales
    design.replicateValuePartScales = replicateProductScales
    let k = items.count
    let box = ScaleGroupSums.boxCategories(boxSize: boxSize)
    var answers = Array(repeating: ScaleItemAnswers(), count: k)
    var scoreGroups: [GroupSums.Group] = []
    var itemGroups = Array(repeating: [GroupSums.Group](), count: k)
    var topGroups = itemGroups, bottomGroups = itemGroups
    var groupMoments: [(key: [String], whole: GroupSums.Group, moments: ReliabilityMoments)] = []
    for row in rows {
      let before = design.groups.count
      design.add(Array(row[0..<design.width]))
      guard design.groups.count > before, let whole = design.groups.last else { continue }
      var column = design.width
      func next() -> String? {
        defer { column += 1 }
        return row[column]
      }
      func sum(_ scales: [Double]) -> Double {
        scales.reduce(0.0) { total, scale in total + (next().map { Double($0) ?? .nan } ?? 0) * scale }
      }
      for index in 0..<k {
        answers[index] = answers[index] + ScaleItemAnswers(
          lowest: next().flatMap(Double.init), highest: next().flatMap(Double.init), notNumeric: next())
      }
      // With replicate-weight columns: Σ a_r (and Σ a_r·y) of the score's and each item's rows with
      // a value, of each top box and of each bottom box.
      func replicateSums(_ scales: [Double]) -> [Double] {
        replicateNames.isEmpty ? [] : GroupSumsQuery.partSums(GroupSumsQuery.arrayValues(next()), scales: scales)
      }
      let scoreReplicates = (replicateSums(replicateWeightScales), replicateSums(replicateProductScales))
      let itemReplicates = (0..<k).map { _ in
        (weights: replicateSums(replicateWeightScales), values: replicateSums(replicateProductScales),
         top: replicateSums(replicateWeightScales), bottom: replicateSums(replicateWeightScales))
      }
      /// The sums of the rows of a box's complement, with a value but not in the box.
      func outside(_ box: [Double], _ answered: [Double]) -> [Double] { zip(answered, box).map { $0 - $1 } }
      /// The groups of a numeric value: the rows with one (category ""), and the others (nil).
      func numeric(_ replicates: (weights: [Double], values: [Double])) -> [GroupSums.Group] {
        let rows = Int(next() ?? "0") ?? 0
        let weight = sum(weightScales), squares = sum(weightScales)
        let values = sum(productScales), valueSquares = sum(productScales)
        var group = GroupSums.Group(
          stratum: whole.stratum, psu: whole.psu, domain: whole.domain, category: "", rows: rows, weightSum: weight,
          weightSquareSum: squares, valueSum: values, valueSquareSum: valueSquares)
        group.rakingCell = whole.rakingCell
        if !rakingVariables.isEmpty { group.unweightedValueSum = sum(productScales) }
        if rowsArePSUs {
          group.weightSquareValueSum = sum(productScales)
          group.weightSquareValueSquareSum = sum(productScales)
        }
        group.replicateSums = replicates.weights
        group.replicateValueSums = replicates.values
        return groups(whole, [group])
      }
      /// A category's rows, Σw and Σw² (and Σ a_r).
      func category(_ name: String, replicates: [Double]) -> GroupSums.Group {
        let rows = Int(next() ?? "0") ?? 0
        var group = GroupSums.Group(
          stratum: whole.stratum, psu: whole.psu, domain: whole.domain, category: name, rows: rows,
          weightSum: sum(weightScales), weightSquareSum: sum(weightScales))
        group.rakingCell = whole.rakingCell
        group.replicateSums = replicates
        return group
      }
      scoreGroups += numeric(scoreReplicates)
      for index in 0..<k {
        let replicates = itemReplicates[index]
        itemGroups[index] += numeric((replicates.weights, replicates.values))
        topGroups[index] += groups(whole, [
          category(box.top, replicates: replicates.top),
          category("not in the \(box.top)", replicates: outside(replicates.top, replicates.weights)),
        ])
        bottomGroups[index] += groups(whole, [
          category(box.bottom, replicates: replicates.bottom),
          category("not in the \(box.bottom)", replicates: outside(replicates.bottom, replicates.weights)),
        ])
      }
      var complete = ReliabilityMoments(itemCount: k)
      complete.respondents = Int(next() ?? "0") ?? 0
      complete.weightTotal = sum(weightScales)
      for index in 0..<k {
        complete.sums[index] = sum(productScales)
        complete.weightedSums[index] = sum(productScales)
      }
      for i in 0..<k {
        for j in i..<k {
          complete.crossProducts[i * k + j] = sum(productScales)
          complete.crossProducts[j * k + i] = complete.crossProducts[i * k + j]
          complete.weightedCrossProducts[i * k + j] = sum(productScales)
          complete.weightedCrossProducts[j * k + i] = complete.weightedCrossProducts[i * k + j]
        }
      }
      // Rows outside every domain: key [] (no domain has it when there are domain variables).
      groupMoments.append((whole.domain ?? [], whole, complete))
    }
    if let problem = design.problem(psuColumn: psu ?? "") { throw DatabaseError(problem) }
    // With replicates, every replicate is raked too, from its Σa_r over the rows of each raking
    // cell (the groups' sums of all their rows, or the PSUs' Σw times the created multipliers).
    let raking = try margins.map {
      try GroupSums(
        variable: "", domainVariables: [], declaration: declaration, groups: design.groups,
        finitePopulationCorrection: design.finitePopulationCorrection
      ).rakingReplicates(GroupSumsRaking(groups: design.groups, margins: $0, options: options, source: source))
    }
    var moments: [[String]: ReliabilityMoments] = [:]
    for (key, whole, group) in groupMoments {
      let complete = raking.map { group.weighted(by: $0.factors[$0.cell(of: whole)]) } ?? group
      moments[key] = moments[key].map { $0 + complete } ?? complete
    }
    func table(_ name: String, _ groups: [GroupSums.Group]) -> GroupSums {
      var sums = GroupSums(
        variable: name, domainVariables: domainVariables, declaration: declaration, groups: groups,
        finitePopulationCorrection: design.finitePopulationCorrection)
      sums.rowsArePSUs = rowsArePSUs
      return sums
    }
    let partition = ScaleGroupSums.Partition(
      score: table(ScaleGroupSums.scoreName(scale), scoreGroups),
      items: zip(scale.items, itemGroups).map(table), topBoxes: zip(scale.items, topGroups).map(table),
      bottomBoxes: zip(scale.items, bottomGroups).map(table), reliability: moments)
    var sums = ScaleGroupSums(
      scale: scale, range: range, boxSize: boxSize, domainVariables: domainVariables,
      overall: partition.wholeSample(), domains: domainVariables.isEmpty ? nil : partition)
    sums.raking = raking
    return Reading(sums: sums, answers: answers)
  }

  /// `parts` of a stratum × PSU × domain group `whole`, and the rest of its rows (category nil,
  /// without replicate sums: no estimate reads them), leaving out those without rows.
  private func groups(_ whole: GroupSums.Group, _ parts: [GroupSums.Group]) -> [GroupSums.Group] {
    var rest = whole
    rest.category = nil
    rest.replicateSums = []
    for part in parts {
      rest.rows -= part.rows
      rest.weightSum -= part.weightSum
      rest.weightSquareSum -= part.weightSquareSum
    }
    return (parts + [rest]).filter { $0.rows > 0 }
  }

  /// Adds the first step of R's logistic fit, read from the rows of
  /// ``logitSQL(range:domainScales:overallScales:text:number:)``, to the box indicators' sums.
  func addLogitFirstSteps(_ rows: [[String?]], to sums: inout ScaleGroupSums) {
    let k = items.count, width = domains.count + rakingVariables.count
    let box = ScaleGroupSums.boxCategories(boxSize: boxSize)
    let categories = [box.top, "not in the \(box.top)", box.bottom, "not in the \(box.bottom)"]
    var domainSteps = Array(repeating: [GroupSums.LogitFirstStep](), count: 2 * k)
    var overall = Array(repeating: (0.0, 0.0, 0.0), count: 4 * k)
    for row in rows {
      // A raked table's rows are by domain × raking cell: each is a part of its domain's sums.
      let keys = row[0..<domains.count]
      var column = width
      func next() -> Double? {
        defer { column += 1 }
        return row[column].map { Double($0) ?? .nan }
      }
      for index in 0..<k {
        for (position, category) in categories.enumerated() {
          let domain = (next(), next(), next())
          if !keys.isEmpty, !keys.contains(nil), let signedSum = domain.0, let weight = domain.1,
            let deviance = domain.2
          {
            domainSteps[2 * index + position / 2].append(GroupSums.LogitFirstStep(
              domain: keys.map { $0! }, category: category, signedSum: signedSum, weight: weight, deviance: deviance))
          }
          let whole = (next(), next(), next())
          overall[4 * index + position].0 += whole.0 ?? 0
          overall[4 * index + position].1 += whole.1 ?? 0
          overall[4 * index + position].2 += whole.2 ?? 0
        }
      }
    }
    for index in 0..<k {
      var wholeSteps: [[GroupSums.LogitFirstStep]] = [[], []]
      for (position, category) in categories.enumerated() where overall[4 * index + position].1 > 0 {
        let (signedSum, weight, deviance) = overall[4 * index + position]
        wholeSteps[position / 2].append(GroupSums.LogitFirstStep(
          domain: [], category: category, signedSum: signedSum, weight: weight, deviance: deviance))
      }
      sums.overall.topBoxes[index].logitFirstStep = wholeSteps[0]
      sums.overall.bottomBoxes[index].logitFirstStep = wholeSteps[1]
      sums.domains?.topBoxes[index].logitFirstStep = domainSteps[2 * index]
      sums.domains?.bottomBoxes[index].logitFirstStep = domainSteps[2 * index + 1]
    }
  }
}
