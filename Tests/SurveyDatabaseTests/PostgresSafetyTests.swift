import Foundation
import SurveyDatabase
import Testing

/// What needs no server: names are quoted identifiers whatever they hold, and locations keep their
/// password out of every printed text.
@Suite struct PostgresSafetyTests {
  static let hostile = #"x"; DROP TABLE y; --"#

  @Test func aHostileNameStaysOneQuotedIdentifier() {
    #expect(GroupSumsQuery.quoted(Self.hostile) == #""x""; DROP TABLE y; --""#)
    let column = GroupSumsQuery.Column(name: Self.hostile, type: "text", category: "S")
    let weight = GroupSumsQuery.Column(name: "w", type: "double precision", category: "N")
    let query = GroupSumsQuery(
      schema: "public", table: Self.hostile, variable: column, domainVariables: [column], weight: weight, strata: column,
      psu: column, fpc: nil)
    // Outside the quoted identifiers, the SQL holds no trace of the name.
    let quoted = GroupSumsQuery.quoted(Self.hostile)
    for sql in [query.groupSumsSQL, query.logitFirstStepSQL(domainCount: 2)] {
      #expect(sql.contains(quoted))
      #expect(!sql.replacingOccurrences(of: quoted, with: "").contains("DROP"))
    }
    #expect(query.tableReference == #""public"."x""; DROP TABLE y; --""#)
  }

  @Test func weightsAreSummedExactlyAsIntegers() {
    func sql(_ type: String) -> String {
      let weight = GroupSumsQuery.Column(name: "w", type: type, category: "N")
      let key = GroupSumsQuery.Column(name: "k", type: "text", category: "S")
      return GroupSumsQuery(
        schema: "s", table: "t", variable: key, domainVariables: [], weight: weight, strata: nil, psu: key, fpc: nil
      ).groupSumsSQL
    }
    #expect(sql("double precision").contains(#"trunc("w"::float8)::int8"#))
    // A real weight is the number its text shows, as in an export of the table.
    #expect(sql("real").contains(#"trunc("w"::text::float8)::int8"#))
    #expect(sql("integer").contains(#"trunc("w"::float8)::int8"#))
    #expect(sql("numeric(12,4)").contains(#"THEN "w" END)::text"#))
    for type in ["double precision", "real", "integer", "numeric(12,4)"] {
      #expect(!sql(type).contains(#"sum("w""#), "\(type): no floating-point sum of the weight")
    }
  }

  /// The three parts the SQL takes of p (its integer part, then two fractional parts scaled by
  /// 2⁶²) add back to p exactly for |p| ≥ 2⁻⁷², with the same float8 steps in Swift (`::int8`
  /// rounds to nearest).
  @Test func theIntegerPartsOfANumberAddBackToIt() {
    let scale = 0x1p62
    for p in [0.1, 55.7205, 1e-15, 3.5e-20, 0x1p-72, 12_345.678_9, 2_999_999_999.5 * 2_999_999_999.5, 1e9 * 0.007] {
      let whole = p.rounded(.towardZero)
      let fraction = (p - whole) * scale
      let middle = fraction.rounded(.towardZero)
      let low = ((fraction - middle) * scale).rounded(.toNearestOrEven)
      #expect(abs(low) < 0x1p63 && abs(middle) < 0x1p63 && abs(whole) < 0x1p63)
      // No step rounded: p = whole + (middle + low / 2⁶²) / 2⁶² exactly.
      #expect(fraction / scale == p - whole, "p = \(p): the first fractional part")
      #expect(low / scale == fraction - middle, "p = \(p): the second fractional part")
    }
  }

  @Test func theURLGivesTheServerAndThePasswordIsNeverPrinted() throws {
    let location = try PostgresLocation(url: "postgresql://ana:s%3Acret@db.example:6543/surveys?sslmode=disable", environment: [:])
    #expect(location.host == "db.example" && location.port == 6543 && location.user == "ana")
    #expect(location.database == "surveys" && location.password == "s:cret" && location.encryption == .disable)
    #expect(!location.description.contains("cret"))
    let defaults = try PostgresLocation(url: "postgres://db.example", environment: ["USER": "bo", "PGPASSWORD": "p"])
    #expect(defaults.port == 5432 && defaults.user == "bo" && defaults.database == "bo" && defaults.password == "p")
    #expect(defaults.encryption == .prefer)
    #expect(throws: DatabaseError.self) { try PostgresLocation(url: "postgresql:///nohost", environment: [:]) }
  }

  @Test func thePasswordFileFollowsLibpq() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: file) }
    try """
      # comment
      other:5432:*:ana:wrong
      db.example:*:surveys:ana:with\\:colon
      *:*:*:*:fallback
      """.write(to: file, atomically: true, encoding: .utf8)
    let environment = ["PGPASSFILE": file.path]
    #expect(try PostgresLocation(url: "postgresql://ana@db.example/surveys", environment: environment).password == "with:colon")
    #expect(try PostgresLocation(url: "postgresql://bo@db.example/x", environment: environment).password == "fallback")
  }
}
