import SurveyStatistics
import Testing

/// Replicates created from the strata and PSUs of a table's group sums (``GroupSums`` with a
/// declaration that creates replicates, as a database's `GROUP BY` returns them): the numbers of
/// R survey 4.1's `as.svrepdesign()` (`Fixtures/replicates/reference.json`) and of the file path's
/// replicate design on the same rows.
///
/// The groups are built here from the fixture's values as a database would group them — strata
/// and PSUs by their values, not their order — with Σw, Σw², Σw·y and Σw·y². A table has no row
/// order, so group sums visit strata and PSUs in sorted order: jackknives do not depend on the
/// order and are compared with R on R's (shuffled) rows; BRR, Fay and the bootstrap are compared
/// with the file path on the rows sorted by stratum and PSU. Tolerances: estimates, standard
/// errors and design effects 1e-9 relative, bounds 1e-7 (likelihood roots 1e-6 against R),
/// degrees of freedom and counts exact.
@Suite struct ReplicateGroupSumsTests {
  static let fixture = ReplicateFixture.shared
  /// Created designs whose replicates do not depend on the order of strata and PSUs.
  static let jackknives = [
    "rclus1", "rclus1-mse", "rstrat-jkn", "rstratclus-jkn", "rpairs-jkn-mse", "rlonely-jkn-adjust",
    "rlonely-jkn-average", "rlonely-jkn-remove",
  ]

  @Test(arguments: jackknives)
  func jackknifeMeansAndTotalsMatchR(designName: String) throws {
    var worst = 0.0, compared = 0
    for testCase in Self.fixture.cases where testCase.design == designName && ["mean", "total"].contains(testCase.statistic) {
      let sums = try Self.groupSums(designName, variable: testCase.variable!, by: testCase.by, numeric: true)
      let label = "\(designName) \(testCase.name)"
      let estimates: [any SurveyEstimate]
      let designEffects: [Double?]
      if testCase.statistic == "mean" {
        let means = try sums.means(level: testCase.level)
        estimates = Array(means)
        designEffects = means.map(\.designEffect)
      } else {
        let totals = try sums.totals(level: testCase.level)
        estimates = Array(totals)
        designEffects = totals.map(\.designEffect)
      }
      #expect(estimates.count == testCase.estimates.count, "\(label): number of estimates")
      for reference in testCase.estimates {
        guard let position = estimates.firstIndex(where: { $0.domain.fixtureKey == reference.domain }) else {
          Issue.record("\(label): no estimate for \(reference.domain)")
          continue
        }
        let estimate = estimates[position]
        let name = "\(label) \(reference.domain)"
        worst = max(worst, Self.expectClose(estimate.estimate, reference.estimate!, 1e-9, "\(name) estimate"))
        worst = max(worst, Self.expectClose(estimate.standardError, reference.standardError!, 1e-9, "\(name) SE"))
        worst = max(worst, Self.expectClose(estimate.confidenceInterval.lower, reference.ciLower!, 1e-7, "\(name) lower"))
        worst = max(worst, Self.expectClose(estimate.confidenceInterval.upper, reference.ciUpper!, 1e-7, "\(name) upper"))
        if let deff = reference.designEffect {
          worst = max(worst, Self.expectClose(designEffects[position] ?? .nan, deff, 1e-9, "\(name) design effect"))
        }
        #expect(estimate.degreesOfFreedom == reference.degreesOfFreedom, "\(name): df")
        #expect(estimate.respondents == reference.respondents, "\(name): respondents")
        compared += 1
      }
    }
    #expect(compared > 0)
    print("\(designName): \(compared) means and totals from group sums, largest relative difference to R \(worst)")
  }

  @Test(arguments: jackknives)
  func jackknifeProportionsMatchR(designName: String) throws {
    var worst = 0.0
    for testCase in Self.fixture.proportions where testCase.design == designName {
      let sums = try Self.groupSums(designName, variable: testCase.variable, by: testCase.by, numeric: false)
      for level in testCase.levels {
        let levelKey = level == 0.95 ? "0.95" : "0.9"
        for method in IntervalMethod.allCases {
          let estimates = try sums.proportions(method: method, level: level)
          #expect(estimates.count == testCase.estimates.count)
          for expected in testCase.estimates {
            guard let estimate = estimates.first(where: {
              $0.domain.fixtureKey == expected.domain && $0.category == expected.category
            }) else {
              Issue.record("\(designName) \(testCase.variable): no estimate for \(expected.domain) \(expected.category)")
              continue
            }
            let name = "\(designName) \(testCase.variable) \(expected.domain) \(expected.category) \(method) \(levelKey)"
            worst = max(worst, Self.expectClose(estimate.proportion, expected.proportion, 1e-9, "\(name) p"))
            worst = max(worst, Self.expectClose(estimate.standardError, expected.standardError, 1e-9, "\(name) SE"))
            if let deff = expected.designEffect {
              worst = max(worst, Self.expectClose(estimate.designEffect ?? .nan, deff, 1e-9, "\(name) deff"))
            }
            #expect(estimate.degreesOfFreedom == expected.degreesOfFreedom, "\(name): df")
            #expect(estimate.respondents == expected.respondents, "\(name): respondents")
            #expect(estimate.designRows == expected.designRows, "\(name): design rows")
            guard let bounds = expected.intervals[levelKey]?[method.rawValue] ?? nil, let lower = bounds[0],
              let upper = bounds[1]
            else { continue }
            let tolerance = method == .likelihood ? 1e-6 : 1e-7
            worst = max(worst, Self.expectClose(estimate.confidenceInterval.lower, lower, tolerance, "\(name) lower"))
            worst = max(worst, Self.expectClose(estimate.confidenceInterval.upper, upper, tolerance, "\(name) upper"))
          }
        }
      }
    }
    print("\(designName): proportions from group sums, largest relative difference to R \(worst)")
  }

  /// BRR, Fay and the bootstrap pair and draw PSUs in the order strata and PSUs come: on rows
  /// sorted by stratum and PSU, group sums give the file path's numbers, every field.
  @Test(arguments: ["rpairs-brr", "rpairs-fay", "rquads-brr", "bootstrap", "rstratclus-jkn"])
  func orderedReplicatesGiveTheFileNumbers(designName: String) throws {
    let (survey, declaration) = try Self.sortedSurvey(designName)
    let design = try SurveyDesign(survey, declaration: declaration)
    for (variable, by) in [("api00", [String]()), ("api99", ["stype"])] {
      let sums = try Self.groupSums(
        survey: survey, declaration: declaration, variable: variable, by: by, numeric: true)
      let label = "\(designName) \(variable) by \(by)"
      Self.expectSame(Array(try sums.means()), Array(try design.means(of: variable, by: by)), label) { $0.designEffect }
      Self.expectSame(Array(try sums.totals()), Array(try design.totals(of: variable, by: by)), label) { $0.designEffect }
      Self.expectSame(try sums.means().design, design.summary, label)
    }
    for (variable, by) in [("sch.wide", [String]()), ("comp.imp", ["stype"])] {
      let sums = try Self.groupSums(survey: survey, declaration: declaration, variable: variable, by: by, numeric: false)
      for method in IntervalMethod.allCases {
        let label = "\(designName) \(variable) by \(by) \(method)"
        let fromSums = try sums.proportions(method: method), fromFile = try design.proportions(of: variable, by: by, method: method)
        Self.expectSame(Array(fromSums), Array(fromFile), label) { $0.designEffect }
        Self.expectSame(fromSums.design, fromFile.design, label)
      }
    }
  }

  @Test func replicateColumnsAreNotInGroupSums() throws {
    let survey = try Self.fixture.survey("apiclus1")
    let declaration = try Self.fixture.declaration("sup-jk1")
    let sums = try Self.groupSums(survey: survey, declaration: declaration, variable: "api00", by: [], numeric: true)
    #expect(throws: ReplicateError.self) { try sums.means() }
  }

  // MARK: - Group sums as a database returns them

  /// The group sums of a fixture design's data set, grouped by values.
  static func groupSums(_ designName: String, variable: String, by: [String], numeric: Bool) throws -> GroupSums {
    let spec = fixture.designs[designName]!
    return try groupSums(
      survey: fixture.survey(spec.dataset), declaration: fixture.declaration(designName), variable: variable, by: by,
      numeric: numeric)
  }

  /// Σ over the rows of each stratum × PSU × domain × category (for `numeric`, × whether the row has
  /// a value), keyed by the values as text; without a PSU column, each row is its own PSU. The
  /// logit first step comes from the file path's group sums (the same sums, keyed alike).
  static func groupSums(
    survey: Survey, declaration: DesignDeclaration, variable: String, by: [String], numeric: Bool
  ) throws -> GroupSums {
    struct Key: Hashable {
      var stratum: String, psu: String, domain: [String]?, category: String?
    }
    var sums: [Key: GroupSums.Group] = [:]
    let weights = try declaration.weights.map { try numbers(survey, $0) }
    let strata = try declaration.strata.map { try texts(survey, $0) }
    let psus = try declaration.clusters.map { try texts(survey, $0) }
    let domains = try by.map { try texts(survey, $0) }
    let values = numeric ? try numbers(survey, variable) : []
    let categories = numeric ? [] : try texts(survey, variable)
    var correction: [String: Double] = [:]
    for row in 0..<survey.respondentCount {
      let w = weights?[row] ?? 1
      let domain = domains.contains { $0[row] == nil } ? nil : domains.map { $0[row]! }
      let y = numeric ? values[row] : nil
      let category = numeric ? (y == nil ? nil : "") : categories[row]
      let key = Key(
        stratum: strata?[row] ?? "", psu: psus?[row] ?? String(row), domain: domain, category: category)
      var group = sums[key] ?? GroupSums.Group(
        stratum: key.stratum, psu: key.psu, domain: domain, category: category, rows: 0, weightSum: 0,
        weightSquareSum: 0)
      group.rows += 1
      group.weightSum += w
      group.weightSquareSum += w * w
      group.valueSum += w * (y ?? 0)
      group.valueSquareSum += w * (y ?? 0) * (y ?? 0)
      sums[key] = group
      if let fpc = declaration.fpc { correction[key.stratum] = try numbers(survey, fpc)[row] }
    }
    var linearized = declaration
    linearized.replicates = nil
    let firstStep = numeric
      ? nil : try SurveyDesign(survey, declaration: linearized).groupSums(of: variable, by: by).logitFirstStep
    return GroupSums(
      variable: variable, domainVariables: by, declaration: declaration, groups: Array(sums.values),
      finitePopulationCorrection: correction, logitFirstStep: firstStep)
  }

  /// A design's data with its rows sorted by stratum, then PSU (numerically when every value is
  /// a number), and its declaration; `bootstrap` is 50 bootstrap replicates of the stratified
  /// cluster design of `apistrat` (`dnum` in `stype`, FPC `districts`).
  static func sortedSurvey(_ designName: String) throws -> (Survey, DesignDeclaration) {
    var declaration: DesignDeclaration
    let dataset: String
    if designName == "bootstrap" {
      declaration = try fixture.declaration("rstratclus-jkn")
      declaration.replicates = ReplicateDeclaration(source: .created(count: 50, seed: 7), method: .bootstrap)
      dataset = "apistrat"
    } else {
      declaration = try fixture.declaration(designName)
      dataset = fixture.designs[designName]!.dataset
    }
    let survey = try fixture.survey(dataset)
    let strata = try declaration.strata.map { try texts(survey, $0) }
    let psus = try texts(survey, declaration.clusters!)
    func precedes(_ a: String?, _ b: String?) -> Bool {
      if let x = a.flatMap(Double.init), let y = b.flatMap(Double.init) { return x < y }
      return (a ?? "").utf8.lexicographicallyPrecedes((b ?? "").utf8)
    }
    let order = (0..<survey.respondentCount).sorted { left, right in
      if strata?[left] != strata?[right] { return precedes(strata?[left], strata?[right]) }
      if psus[left] != psus[right] { return precedes(psus[left], psus[right]) }
      return left < right
    }
    let spec = fixture.datasets[dataset]!
    let sorted = try Survey(variables: spec.columnOrder.map { name in
      let column = spec.columns[name]!
      return column.type == "categorical"
        ? Variable(name: name, categories: order.map { column.text[$0] })
        : Variable(name: name, numbers: order.map { column.numbers[$0] })
    })
    return (sorted, declaration)
  }

  private static func texts(_ survey: Survey, _ name: String) throws -> [String?] {
    let values = try survey.variable(named: name).categorical
    return values.codes.map { $0 < 0 ? nil : values.levels[Int($0)] }
  }

  private static func numbers(_ survey: Survey, _ name: String) throws -> [Double?] {
    try texts(survey, name).map { $0.flatMap(Double.init) }
  }

  // MARK: - Comparisons

  /// Checks |actual − expected| ≤ tolerance·|expected| and returns the relative difference.
  @discardableResult
  static func expectClose(_ actual: Double, _ expected: Double, _ tolerance: Double, _ label: String) -> Double {
    if actual.isNaN, expected.isNaN { return 0 }
    let difference = relativeDifference(actual, expected)
    #expect(difference <= tolerance, "\(label): \(actual) vs \(expected)")
    return difference.isNaN ? .infinity : difference
  }

  /// Every field of two design summaries, the weight total to 1e-9.
  static func expectSame(_ actual: DesignSummary, _ expected: DesignSummary, _ label: String) {
    #expect(actual.declaration == expected.declaration, "\(label): declaration")
    #expect(actual.respondents == expected.respondents, "\(label): respondents")
    #expect(actual.strata == expected.strata && actual.psus == expected.psus, "\(label): strata and PSUs")
    #expect(actual.degreesOfFreedom == expected.degreesOfFreedom, "\(label): df")
    #expect(actual.replicates == expected.replicates, "\(label): replicates")
    expectClose(actual.weightTotal, expected.weightTotal, 1e-9, "\(label) weight total")
  }

  /// Every field of two lists of estimates: estimates, standard errors and design effects to
  /// 1e-9, bounds to 1e-7, domains, degrees of freedom and respondents exactly.
  static func expectSame<Estimate: SurveyEstimate>(
    _ actual: [Estimate], _ expected: [Estimate], _ label: String, designEffect: (Estimate) -> Double?
  ) {
    #expect(actual.count == expected.count, "\(label): number of estimates")
    for (a, e) in zip(actual, expected) {
      let name = "\(label) \(e.domain)"
      #expect(a.domain == e.domain, "\(name): domain")
      expectClose(a.estimate, e.estimate, 1e-9, "\(name) estimate")
      expectClose(a.standardError, e.standardError, 1e-9, "\(name) SE")
      expectClose(designEffect(a) ?? .nan, designEffect(e) ?? .nan, 1e-9, "\(name) design effect")
      expectClose(a.confidenceInterval.lower, e.confidenceInterval.lower, 1e-7, "\(name) lower")
      expectClose(a.confidenceInterval.upper, e.confidenceInterval.upper, 1e-7, "\(name) upper")
      #expect(a.degreesOfFreedom == e.degreesOfFreedom, "\(name): df")
      #expect(a.respondents == e.respondents, "\(name): respondents")
    }
  }
}
