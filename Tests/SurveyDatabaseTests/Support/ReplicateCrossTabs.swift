import Confiance
import Foundation
import Testing

/// Cross-tabs with replicate-weight columns (R's `svrepdesign()`), as the PostgreSQL and Spark
/// tests check them: every JSON field the file path's on the replicate fixtures' data sets, and,
/// for the tables of `Tests/SurveyStatisticsTests/Fixtures/replicates/reference.json` (R survey
/// 4.1's `svychisq()` on a `svyrep.design` and `svymean()` of the cells and rows), R's numbers:
/// shares and their standard errors, F and its degrees of freedom to 1e-9 relative, p-values to
/// 1e-7, the degrees of freedom exactly.
enum ReplicateCrossTabs {
  struct Golden: Decodable {
    struct Table: Decodable {
      struct Test: Decodable {
        let statistic: Double
        let ndf: Double
        let ddf: Double
        let p_value: Double
      }

      struct Share: Decodable {
        let row: String
        let column: String
        let share: Double
        let standard_error: Double
      }

      let domain: [String: String]
      let degrees_of_freedom: Int
      let test: Test?
      let cells: [Share]
      let row_shares: [Share]
    }

    let design: String
    let row: String
    let column: String
    let by: [String]
    let tables: [Table]
  }

  private struct Fixture: Decodable { let crosstabs: [Golden] }

  /// R's tables on the designs with replicate-weight columns.
  static let goldens: [Golden] = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: repositoryPath(ReplicateCases.path)))
    return try! JSONDecoder().decode(Fixture.self, from: data).crosstabs.filter { $0.design.hasPrefix("sup-") }
  }()

  /// The names of the golden cases, `design row×column`.
  static var goldenNames: [String] { goldens.map { "\($0.design) \($0.row)×\($0.column)" } }

  static func golden(_ name: String) -> Golden { goldens.first { "\($0.design) \($0.row)×\($0.column)" == name }! }

  /// The engine's cross-tab: table, row, column, by, declaration, method.
  typealias Engine = @Sendable (String, String, String, [String], DesignDeclaration, IntervalMethod) async throws -> CrossTab

  /// The engine's table equals the file path's, every JSON field. Returns the table.
  @discardableResult
  static func expectFile(
    _ engine: Engine, design: String, row: String, column: String, by: [String], method: IntervalMethod = .logit
  ) async throws -> CrossTab {
    let declaration = ReplicateCases.declaration(design, table: true)
    let table = try await engine(ReplicateCases.table(design), row, column, by, declaration, method)
    let file = try ReplicateCases.fileDesign(design).crossTab(row: row, column: column, by: by, method: method)
    expectSameWithBounds(table.json, file.json, "\(design) \(row) × \(column) by \(by) \(method)")
    return table
  }

  /// ``expectSame(_:_:_:sourceLocation:)``, with interval bounds (`ci_lower`, `ci_upper`) to 1e-7
  /// relative, the house tolerance for bounds: the logit bound of a share near 0 (1e-6) comes from
  /// replicate fits whose convergence test lets the rounding of the sums' order (exact sums in the
  /// engine, row by row on a file) reach the 8th digit (3e-8 measured), where estimates and
  /// standard errors agree to 1e-15.
  static func expectSameWithBounds(_ actual: JSONValue, _ expected: JSONValue, _ path: String) {
    switch (actual, expected) {
    case (.object(let a), .object(let e)):
      #expect(a.map(\.0) == e.map(\.0), "\(path): members")
      for ((key, left), (_, right)) in zip(a, e) {
        if key.hasPrefix("ci_"), case .number(let x) = left, case .number(let y) = right {
          #expect(x == y || (x.isNaN && y.isNaN) || relative(x, y) <= 1e-7, "\(path).\(key): \(x) vs \(y)")
        } else {
          expectSameWithBounds(left, right, path + "." + key)
        }
      }
    case (.array(let a), .array(let e)):
      #expect(a.count == e.count, "\(path): count")
      for (index, (left, right)) in zip(a, e).enumerated() { expectSameWithBounds(left, right, path + "[\(index)]") }
    default:
      expectSame(actual, expected, path)
    }
  }

  /// The engine's table of a golden case equals the file path's JSON and R's numbers. Returns
  /// the largest relative difference to R of a share, a standard error or F.
  static func expectFileAndR(_ engine: Engine, _ golden: Golden) async throws -> Double {
    let table = try await expectFile(engine, design: golden.design, row: golden.row, column: golden.column, by: golden.by)
    let ours = golden.by.isEmpty ? [table.overall] : table.domains
    #expect(ours.count == golden.tables.count, "\(golden.design): tables")
    var largest = 0.0
    func check(_ ours: Double, _ theirs: Double, _ tolerance: Double, _ label: String) {
      largest = max(largest, relative(ours, theirs))
      #expect(relative(ours, theirs) <= tolerance, "\(label): \(ours), R \(theirs)")
    }
    for expected in golden.tables {
      let label = "\(golden.design) \(golden.row) × \(golden.column) \(expected.domain)"
      guard let mine = ours.first(where: {
        Dictionary(uniqueKeysWithValues: $0.domain.levels.map { ($0.variable, $0.value) }) == expected.domain
      }) else {
        Issue.record("\(label): no table")
        continue
      }
      #expect(mine.degreesOfFreedom == expected.degrees_of_freedom, "\(label): degrees of freedom")
      if let test = expected.test {
        let ourTest = try #require(mine.test, "\(label): no test")
        check(ourTest.statistic, test.statistic, 1e-9, "\(label) F")
        check(ourTest.numeratorDegreesOfFreedom, test.ndf, 1e-9, "\(label) numerator df")
        check(ourTest.denominatorDegreesOfFreedom, test.ddf, 1e-9, "\(label) denominator df")
        #expect(relative(ourTest.pValue, test.p_value) <= 1e-7, "\(label) p-value")
      } else {
        #expect(mine.test == nil, "\(label): R has no test")
      }
      for cell in mine.cells {
        let key = "\(label) \(cell.rowCategory) × \(cell.columnCategory)"
        guard let share = expected.cells.first(where: { $0.row == cell.rowCategory && $0.column == cell.columnCategory }),
          let rowShare = expected.row_shares.first(where: { $0.row == cell.rowCategory && $0.column == cell.columnCategory })
        else {
          Issue.record("\(key): R has no share")
          continue
        }
        check(cell.ofTotal.proportion, share.share, 1e-9, "\(key) cell share")
        check(cell.ofTotal.standardError, share.standard_error, 1e-9, "\(key) cell share SE")
        check(cell.ofRow.proportion, rowShare.share, 1e-9, "\(key) row share")
        check(cell.ofRow.standardError, rowShare.standard_error, 1e-9, "\(key) row share SE")
      }
    }
    return largest
  }
}
