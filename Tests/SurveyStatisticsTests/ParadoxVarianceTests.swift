import Testing

@testable import SurveyStatistics

/// The one-pass variances of the paradox analysis against the row-level computation they replace
/// (an n × 7 influence matrix per domain and an n × 2D matrix for the comparisons, summed by PSU),
/// and the sparse stratified covariance against the dense one, on seeded random designs: strata,
/// clusters or elements, finite population corrections and every lonely-PSU policy.
@Suite struct ParadoxVarianceTests {
  /// A deterministic generator (SplitMix64), so that every run sees the same data.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// A design to test on.
  struct Layout: CustomTestStringConvertible, Sendable {
    let name: String
    let rows: Int
    /// PSUs per stratum; 0 for an element design (every row its own PSU).
    let psusPerStratum: [Int]
    let strata: Int
    let fpc: Bool
    let lonelyPSU: LonelyPSUPolicy
    let domains: Int
    var testDescription: String { name }
  }

  static let layouts: [Layout] = [
    Layout(name: "stratified clusters", rows: 3000, psusPerStratum: [4, 6, 3, 5, 8], strata: 5, fpc: false,
           lonelyPSU: .fail, domains: 7),
    Layout(name: "clusters with FPC", rows: 2000, psusPerStratum: [3, 5, 4, 2], strata: 4, fpc: true,
           lonelyPSU: .fail, domains: 4),
    Layout(name: "stratified elements", rows: 1500, psusPerStratum: [], strata: 6, fpc: false,
           lonelyPSU: .fail, domains: 9),
    Layout(name: "lonely PSU, adjust", rows: 1200, psusPerStratum: [1, 4, 3, 1], strata: 4, fpc: false,
           lonelyPSU: .adjust, domains: 5),
    Layout(name: "lonely PSU, average", rows: 1200, psusPerStratum: [1, 4, 3, 2], strata: 4, fpc: false,
           lonelyPSU: .average, domains: 5),
    Layout(name: "lonely PSU, remove", rows: 900, psusPerStratum: [3, 1, 5], strata: 3, fpc: false,
           lonelyPSU: .remove, domains: 3),
  ]

  /// Random data on `layout`: strata, PSUs (numbered within strata), weights, a domain variable
  /// (some domains absent from some strata), a 1–5 concern item and two yes/no actions with a few
  /// missing values.
  static func design(_ layout: Layout, seed: UInt64) throws -> SurveyDesign {
    var random = Generator(state: seed)
    var stratum: [String?] = [], psu: [String?] = [], weight: [Double?] = [], fpc: [Double?] = []
    var group: [String?] = [], concern: [Double?] = [], settings: [String?] = [], cookies: [String?] = []
    for row in 0..<layout.rows {
      let h = row % layout.strata
      stratum.append("S\(h)")
      let psuCount = layout.psusPerStratum.isEmpty ? 0 : layout.psusPerStratum[h]
      psu.append(psuCount == 0 ? nil : "P\(Int.random(in: 0..<psuCount, using: &random))")
      fpc.append(Double(max(psuCount, 1) * (h + 3)))
      weight.append(Double.random(in: 10...90, using: &random) * Double(h + 1))
      // Domain d is absent from stratum d % strata when d is even, so strata differ in their columns.
      var d = Int.random(in: 0..<layout.domains, using: &random)
      if d % 2 == 0, d % layout.strata == h { d = (d + 1) % layout.domains }
      group.append("G\(d)")
      let level = Double(Int.random(in: 1...5, using: &random))
      concern.append(Double.random(in: 0..<1, using: &random) < 0.02 ? nil : level)
      let acts = Double.random(in: 0..<1, using: &random) < 0.25 + 0.1 * Double(h % 3) + (level >= 4 ? 0.1 : 0)
      settings.append(Double.random(in: 0..<1, using: &random) < 0.01 ? nil : (acts ? "1" : "2"))
      cookies.append(Double.random(in: 0..<1, using: &random) < 0.3 ? "1" : "2")
    }
    var variables = [
      Variable(name: "stratum", categories: stratum), Variable(name: "w", numbers: weight),
      Variable(name: "fpc", numbers: fpc), Variable(name: "group", categories: group),
      Variable(name: "concern", numbers: concern), Variable(name: "settings", categories: settings),
      Variable(name: "cookies", categories: cookies),
    ]
    if !layout.psusPerStratum.isEmpty { variables.append(Variable(name: "psu", categories: psu)) }
    return try SurveyDesign(
      Survey(variables: variables), weights: "w", strata: "stratum",
      clusters: layout.psusPerStratum.isEmpty ? nil : "psu", fpc: layout.fpc ? "fpc" : nil,
      lonelyPSU: layout.lonelyPSU)
  }

  static let definition = ParadoxDefinition(
    concern: Indicator(variable: "concern", values: ["4", "5"]),
    actions: [Indicator(variable: "settings", values: ["1"]), Indicator(variable: "cookies", values: ["1"])])

  /// The standard errors of every domain's seven statistics and of every comparison, computed as
  /// before the one-pass tally: row-level influence values summed by PSU over the active rows.
  static func rowLevelStandardErrors(_ design: SurveyDesign) throws -> (domains: [[Double]], comparisons: [Double]) {
    let cells = try definition.cells(in: design.survey)
    let partition = try DomainPartition(survey: design.survey, by: ["group"])
    var tables = [ParadoxTable](repeating: ParadoxTable(), count: partition.domains.count)
    for row in cells.indices where cells[row] >= 0 {
      let domain = Int(partition.domainOfRow[row])
      tables[domain].counts[Int(cells[row])] += 1
      tables[domain].weights[Int(cells[row])] += design.weights[row]
    }
    let analysed = tables.indices.filter { tables[$0].respondents > 0 }
    let statistics = ParadoxTable.Statistic.allCases.count
    var domainErrors: [[Double]] = []
    for index in analysed {
      let coefficients = tables[index].influenceCoefficients
      var influence = [Double](repeating: 0, count: design.respondentCount * statistics)
      for row in cells.indices where cells[row] >= 0 && partition.domainOfRow[row] == Int32(index) {
        for statistic in 0..<statistics {
          influence[row * statistics + statistic] =
            coefficients[statistic].map { design.weights[row] * $0[Int(cells[row])] } ?? 0
        }
      }
      let matrix = design.covariance(rowInfluence: influence, statisticCount: statistics) {
        cells[$0] >= 0 && partition.domainOfRow[$0] == Int32(index)
      }
      domainErrors.append((0..<statistics).map { max(0, matrix[$0 * statistics + $0]).squareRoot() })
    }
    let count = analysed.count, columns = 2 * count
    var influence = [Double](repeating: 0, count: design.respondentCount * columns)
    let measures = [ParadoxTable.Statistic.gap.rawValue, ParadoxTable.Statistic.paradoxShare.rawValue]
    for (position, index) in analysed.enumerated() {
      let coefficients = tables[index].influenceCoefficients
      for row in cells.indices where cells[row] >= 0 && partition.domainOfRow[row] == Int32(index) {
        for (offset, measure) in measures.enumerated() {
          let coefficient = coefficients[measure]![Int(cells[row])]
          influence[row * columns + 2 * position + offset] = design.weights[row] * coefficient
        }
      }
    }
    let matrix = design.covariance(rowInfluence: influence, statisticCount: columns) { cells[$0] >= 0 }
    var comparisonErrors: [Double] = []
    for offset in 0..<2 {
      for first in 0..<count - 1 {
        for second in first + 1..<count {
          let a = 2 * first + offset, b = 2 * second + offset
          let variance = matrix[a * columns + a] + matrix[b * columns + b] - 2 * matrix[a * columns + b]
          comparisonErrors.append(max(0, variance).squareRoot())
        }
      }
    }
    return (domainErrors, comparisonErrors)
  }

  /// Every standard error is bit for bit that of the row-level computation (same PSU totals, same
  /// order), and so are the comparisons while their PSU totals are held densely; from the sparse
  /// totals (forced here with a dense limit of 0), whose covariance is summed by groups of PSUs,
  /// comparison standard errors agree to 1e-13 relative.
  @Test(arguments: layouts)
  func oneTallyGivesTheRowLevelStandardErrors(layout: Layout) throws {
    for seed: UInt64 in [1, 2, 3] {
      let design = try Self.design(layout, seed: seed)
      let analysis = try design.paradox(Self.definition, by: ["group"])
      let expected = try Self.rowLevelStandardErrors(design)
      #expect(analysis.domains.count == expected.domains.count)
      for (domain, errors) in zip(analysis.domains, expected.domains) {
        let found = [
          domain.concerned.standardError, domain.acting.standardError, domain.paradoxShare.standardError,
          domain.gap.standardError, domain.inactionGivenConcern.standardError, domain.phi.standardError,
          domain.oddsRatio.logStandardError,
        ]
        #expect(found == errors, "\(layout.name) seed \(seed) \(domain.domain)")
      }
      #expect(
        analysis.comparisons.map(\.difference.standardError) == expected.comparisons, "\(layout.name) seed \(seed)")

      let sparse = try Self.sparseComparisonStandardErrors(design)
      #expect(sparse.count == expected.comparisons.count)
      var largest = 0.0
      for (found, error) in zip(sparse, expected.comparisons) { largest = max(largest, abs(found - error) / error) }
      #expect(largest <= 1e-13, "\(layout.name) seed \(seed): sparse comparison SEs differ by \(largest) relative")
    }
  }

  /// The comparison standard errors of `SurveyDesign.paradoxVariances` from the sparse totals, in
  /// the order of ``rowLevelStandardErrors(_:)``.
  static func sparseComparisonStandardErrors(_ design: SurveyDesign) throws -> [Double] {
    let cells = try definition.cells(in: design.survey)
    let partition = try DomainPartition(survey: design.survey, by: ["group"])
    var overall = ParadoxTable()
    var tables = [ParadoxTable](repeating: ParadoxTable(), count: partition.domains.count)
    for row in cells.indices where cells[row] >= 0 {
      let domain = Int(partition.domainOfRow[row]), cell = Int(cells[row])
      overall.counts[cell] += 1
      overall.weights[cell] += design.weights[row]
      tables[domain].counts[cell] += 1
      tables[domain].weights[cell] += design.weights[row]
    }
    let analysed = tables.indices.filter { tables[$0].respondents > 0 }
    let variances = design.paradoxVariances(
      cells: cells, domainOfRow: partition.domainOfRow, overallCoefficients: overall.influenceCoefficients,
      coefficientsOfDomain: tables.map { $0.respondents > 0 ? $0.influenceCoefficients : nil },
      domainIndices: analysed, denseComparisonLimit: 0)
    let matrix = variances.comparisonCovariance, count = analysed.count, columns = 2 * count
    var errors: [Double] = []
    for offset in 0..<2 {
      for first in 0..<count - 1 {
        for second in first + 1..<count {
          let a = 2 * first + offset, b = 2 * second + offset
          let variance = matrix[a * columns + a] + matrix[b * columns + b] - 2 * matrix[a * columns + b]
          errors.append(max(0, variance).squareRoot())
        }
      }
    }
    return errors
  }

  /// On a raked design the influence values are projected row by row; the comparison columns,
  /// projected a block at a time, give the row-level standard errors bit for bit.
  @Test(arguments: [layouts[0], layouts[2], layouts[4]])
  func rakedDesignsKeepTheRowLevelStandardErrors(layout: Layout) throws {
    let base = try Self.design(layout, seed: 4)
    let strata = (0..<layout.strata).map { (category: "S\($0)", target: 1000.0 + 100 * Double($0)) }
    let total = strata.reduce(0) { $0 + $1.target }
    let margins = PopulationMargins([
      Margin(variable: "stratum", targets: strata),
      Margin(variable: "cookies", targets: [(category: "1", target: 0.3 * total), (category: "2", target: 0.7 * total)]),
    ])
    let design = try base.raked(to: margins)
    #expect(design.isCalibrated)
    let analysis = try design.paradox(Self.definition, by: ["group"])
    let expected = try Self.rowLevelStandardErrors(design)
    for (domain, errors) in zip(analysis.domains, expected.domains) {
      #expect(domain.gap.standardError == errors[ParadoxTable.Statistic.gap.rawValue], "\(layout.name) \(domain.domain)")
      #expect(domain.phi.standardError == errors[ParadoxTable.Statistic.phi.rawValue], "\(layout.name) \(domain.domain)")
    }
    #expect(analysis.comparisons.map(\.difference.standardError) == expected.comparisons, "\(layout.name)")
  }

  /// Blocks of columns give the covariance of the whole row-level matrix bit for bit.
  @Test func calibratedCovarianceInBlocksEqualsTheWholeMatrix() throws {
    let base = try Self.design(Self.layouts[0], seed: 8)
    let design = try base.raked(to: PopulationMargins([
      Margin(variable: "cookies", targets: [(category: "1", target: 900), (category: "2", target: 2100)]),
    ]))
    var random = Generator(state: 21)
    let k = 11, n = design.respondentCount
    let isActive = (0..<n).map { _ in Double.random(in: 0..<1, using: &random) < 0.9 }
    var influence = [Double](repeating: 0, count: n * k)
    for row in 0..<n where isActive[row] {
      for column in 0..<k { influence[row * k + column] = Double.random(in: -1...1, using: &random) }
    }
    let expected = design.covariance(rowInfluence: influence, statisticCount: k) { isActive[$0] }
    let found = design.calibratedCovariance(statisticCount: k, valuesPerBlock: 3 * n) { columns, block in
      for row in 0..<n where isActive[row] {
        for column in columns { block[row * columns.count + column - columns.lowerBound] = influence[row * k + column] }
      }
    }
    #expect(found == expected)
  }

  /// The sparse stratified covariance equals the dense one on the same totals (within 1e-13 of
  /// √(V_aa·V_bb)), with PSUs absent from the totals, columns missing from whole strata, and every
  /// lonely-PSU policy.
  @Test(arguments: layouts)
  func sparseCovarianceEqualsTheDenseOne(layout: Layout) throws {
    let design = try Self.design(layout, seed: 11)
    let structure = design.structure
    var random = Generator(state: 99)
    let groups = 6, width = 2, k = groups * width
    var dense = InfluenceTotals(statisticCount: k)
    var entries: [Int] = [], slotGroups: [Int32] = [], slotTotals: [Double] = []
    for psu in 0..<design.psuCount where Double.random(in: 0..<1, using: &random) < 0.8 {
      let entry = dense.appendPSU(Int32(psu))
      let stratum = Double(structure.stratumOfPSU[psu])
      for group in 0..<groups where Double.random(in: 0..<1, using: &random) < 0.5 && (group + Int(stratum)) % 5 != 0 {
        entries.append(entry)
        slotGroups.append(Int32(group))
        for offset in 0..<width {
          let value = Double.random(in: -1...1, using: &random) + 0.5 * stratum - 0.3 * Double(group)
          slotTotals.append(value)
          dense.totals[entry * k + group * width + offset] = value
        }
      }
    }
    let sparse = SparseInfluenceTotals(
      psus: dense.psus, groupCount: groups, groupWidth: width, entryOfSlot: entries, groupOfSlot: slotGroups,
      totals: slotTotals)
    let expected = structure.covariance(of: dense, lonelyPSU: design.lonelyPSU)
    let found = structure.covariance(ofSparse: sparse, lonelyPSU: design.lonelyPSU)
    for a in 0..<k {
      for b in 0..<k {
        let scale = (expected[a * k + a] * expected[b * k + b]).squareRoot()
        #expect(abs(found[a * k + b] - expected[a * k + b]) <= 1e-13 * scale, "\(layout.name) [\(a), \(b)]")
      }
    }
    #expect(found.allSatisfy { $0.isFinite })
  }
}
