import Foundation
import SurveyStatistics
import Testing

/// Compares the distributions with R 4.2.2 (`pnorm`, `qnorm`, `pt`, `qt`, `pbeta`, `qbeta`, `pf`,
/// `pchisq`), using the values in `Fixtures/distributions/reference.json` written by
/// `Fixtures/distributions/make-distributions.R`.
///
/// Tolerance: |ours − R| ≤ max(1e-10·|R|, 1e-300); infinities must match exactly. Each test prints
/// the largest relative error it saw.
@Suite struct DistributionTests {
  static let relativeTolerance = 1e-10
  static let absoluteFloor = 1e-300

  @Test func normalQuantileMatchesR() throws {
    let rows = try Reference.shared.table("qnorm")
    let worst = compare(rows, function: "qnorm") { NormalDistribution.quantile($0["p"]) }
    #expect(rows.count == 25)
    print("qnorm: \(rows.count) values, largest relative error \(worst)")
  }

  @Test func normalDistributionFunctionMatchesR() throws {
    let rows = try Reference.shared.table("pnorm")
    let worst = compare(rows, function: "pnorm") { NormalDistribution.cdf($0["x"]) }
    print("pnorm: \(rows.count) values, largest relative error \(worst)")
  }

  @Test func studentQuantileMatchesR() throws {
    // R's qt() for df < 1 bisects until the bracket is 1e-13 wide relative to its midpoint, so at
    // p = 1/2, where the exact answer is 0, it stops at a rounding artefact (2.4e-16 for df = 0.7).
    // Those rows are checked separately below; every other row is compared at 1e-10.
    let all = try Reference.shared.table("qt")
    let artefacts = all.filter { $0["p"] == 0.5 && $0["df"] < 1 }
    let rows = all.filter { !($0["p"] == 0.5 && $0["df"] < 1) }
    let worst = compare(rows, function: "qt") {
      StudentTDistribution(degreesOfFreedom: $0["df"]).quantile($0["p"])
    }
    #expect(artefacts.count == 2)
    for row in artefacts {
      #expect(StudentTDistribution(degreesOfFreedom: row["df"]).quantile(0.5) == 0)
      #expect(abs(row["value"]) < 1e-15, "R's qt(0.5, \(row["df"])) = \(row["value"])")
    }
    print("qt: \(rows.count) values, largest relative error \(worst)")
  }

  @Test func studentDistributionFunctionMatchesR() throws {
    let rows = try Reference.shared.table("pt")
    let worst = compare(rows, function: "pt") {
      StudentTDistribution(degreesOfFreedom: $0["df"]).cdf($0["t"])
    }
    print("pt: \(rows.count) values, largest relative error \(worst)")
  }

  @Test func betaQuantileMatchesR() throws {
    let rows = try Reference.shared.table("qbeta")
    let worst = compare(rows, function: "qbeta") {
      BetaDistribution(alpha: $0["alpha"], beta: $0["beta"]).quantile($0["p"])
    }
    print("qbeta: \(rows.count) values, largest relative error \(worst)")
  }

  @Test func betaDistributionFunctionMatchesR() throws {
    let rows = try Reference.shared.table("pbeta")
    let worst = compare(rows, function: "pbeta") {
      BetaDistribution(alpha: $0["alpha"], beta: $0["beta"]).cdf($0["x"])
    }
    print("pbeta: \(rows.count) values, largest relative error \(worst)")
  }

  @Test func fDistributionMatchesR() throws {
    let rows = try Reference.shared.table("pf")
    func distribution(_ row: Row) -> FDistribution {
      FDistribution(numeratorDegreesOfFreedom: row["d1"], denominatorDegreesOfFreedom: row["d2"])
    }
    let worstLower = compare(rows, function: "pf", expected: "lower") { distribution($0).cdf($0["x"]) }
    let worstUpper = compare(rows, function: "pf upper", expected: "upper") {
      distribution($0).survival($0["x"])
    }
    print("pf: \(rows.count) values, largest relative error \(worstLower); upper tail \(worstUpper)")
  }

  @Test func chiSquaredDistributionMatchesR() throws {
    let rows = try Reference.shared.table("pchisq")
    func distribution(_ row: Row) -> ChiSquaredDistribution {
      ChiSquaredDistribution(degreesOfFreedom: row["df"])
    }
    let worstLower = compare(rows, function: "pchisq", expected: "lower") { distribution($0).cdf($0["x"]) }
    let worstUpper = compare(rows, function: "pchisq upper", expected: "upper") {
      distribution($0).survival($0["x"])
    }
    print("pchisq: \(rows.count) values, largest relative error \(worstLower); upper tail \(worstUpper)")
  }

  @Test func edgeCasesFollowR() {
    let t = StudentTDistribution(degreesOfFreedom: 4)
    #expect(t.quantile(0) == -.infinity)
    #expect(t.quantile(1) == .infinity)
    #expect(t.quantile(0.5) == 0)
    #expect(t.quantile(.nan).isNaN)
    #expect(t.quantile(1.5).isNaN)
    #expect(t.cdf(.nan).isNaN)
    #expect(t.cdf(-.infinity) == 0)
    #expect(t.cdf(.infinity) == 1)
    #expect(t.cdf(0) == 0.5)

    #expect(NormalDistribution.quantile(0) == -.infinity)
    #expect(NormalDistribution.quantile(1) == .infinity)
    #expect(NormalDistribution.quantile(-0.1).isNaN)
    #expect(NormalDistribution.cdf(.nan).isNaN)
    #expect(NormalDistribution.cdf(-.infinity) == 0)
    #expect(NormalDistribution.cdf(.infinity) == 1)

    let beta = BetaDistribution(alpha: 0.77063, beta: 35.57937)
    #expect(beta.quantile(0) == 0)
    #expect(beta.quantile(1) == 1)
    #expect(beta.quantile(.nan).isNaN)
    #expect(beta.cdf(-1) == 0)
    #expect(beta.cdf(2) == 1)
    #expect(beta.cdf(.nan).isNaN)

    let f = FDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 13)
    #expect(f.cdf(0) == 0)
    #expect(f.survival(0) == 1)
    #expect(f.cdf(.infinity) == 1)
    #expect(f.survival(.infinity) == 0)
    #expect(f.survival(.nan).isNaN)

    let chiSquared = ChiSquaredDistribution(degreesOfFreedom: 3)
    #expect(chiSquared.cdf(0) == 0)
    #expect(chiSquared.survival(-1) == 1)
    #expect(chiSquared.survival(.infinity) == 0)
    #expect(chiSquared.cdf(.nan).isNaN)
  }

  @Test func infiniteDegreesOfFreedomGiveTheNormalDistribution() {
    let t = StudentTDistribution(degreesOfFreedom: .infinity)
    for p in [1e-12, 0.025, 0.3, 0.975] {
      #expect(t.quantile(p) == NormalDistribution.quantile(p))
    }
    for x in [-7.0, -1.2, 0.4, 3.3] {
      #expect(t.cdf(x) == NormalDistribution.cdf(x))
    }
  }

  @Test func quantilesInvertTheDistributionFunctions() {
    for df in [0.7, 2.0, 20.9249569, 1e4, 1e10] {
      let t = StudentTDistribution(degreesOfFreedom: df)
      for p in [1e-30, 1e-6, 0.01, 0.2, 0.49, 0.51, 0.8, 0.99] {
        let roundTrip = t.cdf(t.quantile(p))
        #expect(abs(roundTrip - p) <= 1e-12 * p, "t(\(df)): cdf(quantile(\(p))) = \(roundTrip)")
      }
    }
    for (alpha, beta) in [(0.77063, 35.57937), (8000.0, 120.0), (0.5, 0.5), (3.0, 1e5)] {
      let distribution = BetaDistribution(alpha: alpha, beta: beta)
      for p in [1e-30, 1e-6, 0.01, 0.2, 0.5, 0.8, 0.99] {
        let roundTrip = distribution.cdf(distribution.quantile(p))
        #expect(abs(roundTrip - p) <= 1e-12 * p, "beta(\(alpha), \(beta)): cdf(quantile(\(p))) = \(roundTrip)")
      }
    }
  }

  /// Checks `ours(row)` against `row[expected]` for every row and returns the largest relative
  /// error among rows whose reference value is above the absolute floor.
  private func compare(
    _ rows: [Row], function: String, expected: String = "value", _ ours: (Row) -> Double
  ) -> Double {
    var worst = 0.0
    for row in rows {
      let reference = row[expected]
      let value = ours(row)
      if reference.isNaN {
        #expect(value.isNaN, "\(function)(\(row)) = \(value), R gives NaN")
        continue
      }
      if reference.isInfinite {
        #expect(value == reference, "\(function)(\(row)) = \(value), R gives \(reference)")
        continue
      }
      let difference = abs(value - reference)
      #expect(
        difference <= max(Self.relativeTolerance * abs(reference), Self.absoluteFloor),
        "\(function)(\(row)) = \(value), R gives \(reference), relative error \(difference / abs(reference))")
      if abs(reference) > Self.absoluteFloor { worst = max(worst, difference / abs(reference)) }
    }
    return worst
  }
}

/// One row of a reference table: named numbers.
struct Row: CustomStringConvertible {
  var fields: [String: Double]

  subscript(name: String) -> Double {
    guard let value = fields[name] else { fatalError("reference row has no field '\(name)'") }
    return value
  }

  var description: String {
    fields.filter { $0.key != "value" && $0.key != "lower" && $0.key != "upper" }
      .sorted { $0.key < $1.key }
      .map { "\($0.key): \($0.value)" }
      .joined(separator: ", ")
  }
}

/// The reference tables of `reference.json`, read once.
///
/// Read with `JSONDecoder`, which parses every 17-digit number to the exact double R wrote;
/// `JSONSerialization` on Linux does not (it was off by up to 4 ulp in this file).
struct Reference {
  static let shared = Reference()

  private let tables: [String: [Row]]
  private let loadError: String?

  private init() {
    do {
      guard
        let url = Bundle.module.url(
          forResource: "reference", withExtension: "json", subdirectory: "Fixtures/distributions")
      else { throw ReferenceError.missingFile }
      let file = try JSONDecoder().decode(ReferenceFile.self, from: Data(contentsOf: url))
      self.tables = file.tables.mapValues { rows in rows.map { Row(fields: $0.mapValues(\.value)) } }
      self.loadError = nil
    } catch {
      self.tables = [:]
      self.loadError = "\(error)"
    }
  }

  func table(_ name: String) throws -> [Row] {
    if let loadError { throw ReferenceError.malformed(loadError) }
    guard let rows = tables[name], !rows.isEmpty else { throw ReferenceError.missingTable(name) }
    return rows
  }
}

/// The layout of `reference.json`: `generatedBy` and one array of rows per R function.
private struct ReferenceFile: Decodable {
  let generatedBy: String
  let tables: [String: [[String: ReferenceNumber]]]

  private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Key.self)
    generatedBy = try container.decode(String.self, forKey: Key(stringValue: "generatedBy"))
    var tables: [String: [[String: ReferenceNumber]]] = [:]
    for key in container.allKeys where key.stringValue != "generatedBy" {
      tables[key.stringValue] = try container.decode([[String: ReferenceNumber]].self, forKey: key)
    }
    self.tables = tables
  }
}

/// A number of `reference.json`: a JSON number, or one of the strings "Inf", "-Inf", "NaN".
private struct ReferenceNumber: Decodable {
  let value: Double

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let number = try? container.decode(Double.self) {
      value = number
      return
    }
    let text = try container.decode(String.self)
    switch text {
    case "Inf": value = .infinity
    case "-Inf": value = -.infinity
    case "NaN": value = .nan
    default: throw ReferenceError.malformed("'\(text)' is not a number")
    }
  }
}

enum ReferenceError: Error, CustomStringConvertible {
  case missingFile
  case missingTable(String)
  case malformed(String)

  var description: String {
    switch self {
    case .missingFile:
      return "Fixtures/distributions/reference.json is not in the test bundle; run make-distributions.R there."
    case .missingTable(let name):
      return "reference.json has no table '\(name)'; regenerate it with make-distributions.R."
    case .malformed(let detail):
      return "reference.json could not be read (\(detail)); regenerate it with make-distributions.R."
    }
  }
}
