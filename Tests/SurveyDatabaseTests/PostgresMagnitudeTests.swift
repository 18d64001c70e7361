import Confiance
import Foundation
import SurveyDatabase
import Testing

/// PostgreSQL's integer sums of each row's `float8` weight and products (an integer part and two
/// fractional parts, `GroupSumsQuery.splitSum(of:when:)`) keep every digit the file path has, at
/// the magnitudes where a fixed-point sum would lose them: products w·y² past 2⁶³ (summed as exact
/// decimals instead), products far below 1, and weights of about 10⁻⁸ whose squares are about
/// 10⁻¹⁵. `.ci/postgres-fixtures.py` loads the `magnitudes` table from the paradox fixture with
/// the same doubles made from the id as here.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresMagnitudeTests {
  /// The paradox fixture with the table's three added columns, computed as the SQL does.
  static func fileSurvey() throws -> Survey {
    let survey = try Survey(
      contentsOf: repositoryPath("Tests/SurveyStatisticsTests/Fixtures/paradox/paradox.csv"),
      options: SurveyLoadOptions(design: DesignOverrides(weights: "w", strata: "stratum", clusters: "psu", lonelyPSU: .fail)))
    let ids = try #require(try survey.variable(named: "id").numericValues, "id is numeric")
    let weights = try #require(try survey.variable(named: "w").numericValues, "w is numeric")
    let id = ids.map { Int($0) }
    return try Survey(variables: survey.variables + [
      Variable(name: "large", numbers: id.map { (Double($0 * 7919 % 1000) + 0.5) * 1e9 }),
      Variable(name: "small", numbers: id.map { Double($0 % 97 + 1) * 1e-6 }),
      Variable(name: "tiny_w", numbers: weights.map { $0 * 1e-9 }),
    ])
  }

  static var table: PostgresTable {
    get throws { PostgresTable(location: try PostgresLocation(url: testServer!), table: "magnitudes") }
  }

  @Test func largeAndSmallProductsKeepTheirDigits() async throws {
    let declaration = DesignDeclaration(weights: "w", strata: "stratum", clusters: "psu")
    let fileDesign = try SurveyDesign(Self.fileSurvey(), declaration: declaration)
    for variable in ["large", "small"] {
      let means = try await Self.table.means(of: [variable], by: ["age_band"], declaration: declaration)
      expectSame(means.json, try fileDesign.means(of: [variable], by: ["age_band"]).json, "mean of \(variable)")
      let totals = try await Self.table.totals(of: [variable], declaration: declaration)
      expectSame(totals.json, try fileDesign.totals(of: [variable]).json, "total of \(variable)")
    }
  }

  @Test func tinyWeightsKeepTheirDigits() async throws {
    let declaration = DesignDeclaration(weights: "tiny_w", strata: "stratum", clusters: "psu")
    let fileDesign = try SurveyDesign(Self.fileSurvey(), declaration: declaration)
    let shares = try await Self.table.proportions(of: ["concern_data_use"], by: ["age_band"], declaration: declaration)
    expectSame(shares.json, try fileDesign.proportions(of: ["concern_data_use"], by: ["age_band"]).json, "shares")
    let totals = try await Self.table.totals(of: ["small"], declaration: declaration)
    expectSame(totals.json, try fileDesign.totals(of: ["small"]).json, "total of small")
  }
}

extension Variable {
  /// The values of a numeric variable (NaN where missing); `nil` for a categorical one.
  fileprivate var numericValues: [Double]? {
    guard case .numeric(let numbers) = values else { return nil }
    return numbers.values
  }
}
