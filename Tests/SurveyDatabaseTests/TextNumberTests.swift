import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Text columns read as numbers, as the file path reads numbers written as text: `text_apiclus1`
/// (`.ci/postgres-fixtures.py`: `text` and `varchar` columns; `.ci/spark-fixtures.py`: every column
/// `STRING`, as a CSV read without a schema) holds R's apiclus1 with its weight (spaces around it
/// on every fifth row), FPC and analysed variables as text (api00 spelled three ways, ' 693.0 ',
/// '693e0' and '693'), a missing acs.k3 blank. Means, totals, ratios (raked too), proportions, a
/// cross-tab, quantiles (raked too: their distribution groups by the number, not its text) and a
/// linear model of the one-stage cluster design equal the file path's JSON on the numbers themselves; a column with values that are not numbers is named with
/// their count and the smallest of them.
enum TextNumberCases {
  static let design = PostgresNumericTests.reference.designs["dclus1"]!
  static var declaration: DesignDeclaration { PostgresRatioTests.declaration(design) }

  /// Every analysis of the text table equals the file's JSON.
  static func expectFileJSON(_ table: DatabaseTable) async throws {
    let file = try PostgresNumericTests.fileDesign(design)
    let declaration = Self.declaration
    let margins = PostgresRatioTests.margins(PostgresNumericTests.reference.designs["dclus1rake"]!)!
    let control = PostgresRatioTests.rakingControl
    let database: [JSONValue] = try await onOwnThread {
      [
        try table.meansWaiting(of: ["api00"], by: ["stype"], declaration: declaration).json,
        try table.totalsWaiting(of: ["enroll", "acs.k3"], declaration: declaration).json,
        try table.ratiosWaiting(numerator: "api.stu", denominator: "enroll", by: ["stype"], declaration: declaration).json,
        try table.ratiosWaiting(numerator: "acs.k3", denominator: "enroll", declaration: declaration).json,
        try table.proportionsWaiting(of: ["sch.wide"], by: ["stype"], declaration: declaration).json,
        try table.crossTabWaiting(row: "sch.wide", column: "stype", declaration: declaration).json,
        try table.raked(to: margins, options: control)
          .ratiosWaiting(numerator: "api00", denominator: "api99", by: ["stype"], declaration: declaration).json,
        try table.quantilesWaiting(
          of: ["api00", "acs.k3"], probabilities: [0.25, 0.5, 0.9], by: ["stype"], declaration: declaration).json,
        try table.raked(to: margins, options: control)
          .quantilesWaiting(of: ["api00"], probabilities: [0.5], declaration: declaration).json,
        try table.modelAnalysisWaiting(
          try Formula("api99 ~ stype + enroll"), family: .gaussian, declaration: declaration).json,
      ]
    }
    let fromFile = [
      try file.means(of: ["api00"], by: ["stype"]).json,
      try file.totals(of: ["enroll", "acs.k3"]).json,
      try file.ratios(numerator: "api.stu", denominator: "enroll", by: ["stype"]).json,
      try file.ratios(numerator: "acs.k3", denominator: "enroll").json,
      try file.proportions(of: ["sch.wide"], by: ["stype"]).json,
      try file.crossTab(row: "sch.wide", column: "stype").json,
      try file.raked(to: margins, options: control).ratios(numerator: "api00", denominator: "api99", by: ["stype"]).json,
      try file.quantiles(of: ["api00", "acs.k3"], probabilities: [0.25, 0.5, 0.9], by: ["stype"]).json,
      try file.raked(to: margins, options: control).quantiles(of: ["api00"], probabilities: [0.5]).json,
      try file.modelAnalysis(try Formula("api99 ~ stype + enroll"), family: .gaussian).json,
    ]
    let labels = [
      "mean api00 by stype", "totals of enroll, acs.k3", "ratio api.stu/enroll by stype", "ratio acs.k3/enroll",
      "sch.wide by stype", "sch.wide × stype", "raked ratio api00/api99 by stype",
      "quantiles of api00, acs.k3 by stype", "raked median of api00", "model api99 ~ stype + enroll (text weight and FPC)",
    ]
    #expect(database.count == fromFile.count)
    for (label, (ours, theirs)) in zip(labels, zip(database, fromFile)) { expectSame(ours, theirs, label) }
  }

  /// Replicate-weight columns as text (`text_replicates_apiclus1`: the replicate fixtures' apiclus1
  /// with every number text, spaces around every third): means, totals, ratios and quantiles of
  /// the supplied JK1 and SDR designs equal the file path's JSON.
  static func expectReplicateFileJSON(_ table: DatabaseTable) async throws {
    for name in ["sup-jk1", "sup-sdr"] {
      let declaration = ReplicateCases.declaration(name, table: true)
      let file = try ReplicateCases.fileDesign(name)
      let database: [JSONValue] = try await onOwnThread {
        [
          try table.meansWaiting(of: ["api00"], by: ["stype"], declaration: declaration).json,
          try table.totalsWaiting(of: ["enroll"], declaration: declaration).json,
          try table.ratiosWaiting(numerator: "api.stu", denominator: "enroll", declaration: declaration).json,
          try table.quantilesWaiting(of: ["api00"], probabilities: [0.5, 0.9], by: ["stype"], declaration: declaration).json,
        ]
      }
      let fromFile = [
        try file.means(of: ["api00"], by: ["stype"]).json,
        try file.totals(of: ["enroll"]).json,
        try file.ratios(numerator: "api.stu", denominator: "enroll").json,
        try file.quantiles(of: ["api00"], probabilities: [0.5, 0.9], by: ["stype"]).json,
      ]
      let labels = ["mean api00 by stype", "total enroll", "ratio api.stu/enroll", "quantiles api00 by stype"]
      #expect(database.count == fromFile.count)
      for (label, (ours, theirs)) in zip(labels, zip(database, fromFile)) { expectSame(ours, theirs, name + " " + label) }
    }
  }

  /// A replicate-weight column with values that are not numbers (bad_1: 'n/a' twice) is the error
  /// naming it, for a mean and a quantile.
  static func expectReplicateNotNumbersNamed(_ table: DatabaseTable, name: String) async throws {
    var bad = ReplicateCases.declaration("sup-jk1", table: true)
    bad.replicates = ReplicateDeclaration(source: .columns(matching: "^bad_"), method: .jackknife)
    let declaration = bad
    let error = DatabaseError.notNumbers(table: name, column: "bad_1", role: "replicate weight", count: 2, example: "n/a")
    await #expect(throws: error) {
      try await onOwnThread { try table.meansWaiting(of: ["api00"], declaration: declaration) }
    }
    await #expect(throws: error) {
      try await onOwnThread { try table.quantilesWaiting(of: ["api00"], probabilities: [0.5], declaration: declaration) }
    }
  }

  /// The weight of `scale` and of `confiance rake` as text (`text_scale_trust_by_age` and
  /// `text_raking_clustered_raked`: w with spaces around it): the scale analysis equals the file's
  /// JSON, the raking's factors and diagnostics the file's and R's; w_bad ('n/a' once) is the
  /// error naming it, for both.
  static func expectTextWeightsOfScaleAndRake(_ table: @Sendable (String) throws -> DatabaseTable, name: (String) -> String) async throws {
    let scaleCase = ScaleCases.testCase("trust-by-age")
    let scale = ScaleCases.scale(scaleCase)
    let declaration = scaleCase.design.databaseDeclaration
    let scaleTable = try table("text_scale_trust_by_age")
    let analysis = try await onOwnThread {
      try scaleTable.scaleAnalysisWaiting(scale, by: scaleCase.by, declaration: declaration, boxSize: scaleCase.box)
    }
    let file = try ScaleCases.fileDesign(scaleCase).scaleAnalysis(scale, by: scaleCase.by, boxSize: scaleCase.box)
    ScaleCases.expectSameAsFile(analysis, file, psu: scaleCase.design.psu, "scale of trust-by-age, text weight")
    var bad = declaration
    bad.weights = "w_bad"
    let badDeclaration = bad
    await #expect(throws: DatabaseError.notNumbers(
      table: name("text_scale_trust_by_age"), column: "w_bad", role: "weight", count: 1, example: "n/a")) {
      try await onOwnThread {
        try scaleTable.scaleAnalysisWaiting(scale, by: scaleCase.by, declaration: badDeclaration, boxSize: scaleCase.box)
      }
    }

    let rakingCase = RakingCase.raking("clustered-raked")
    let margins = try rakingCase.margins, options = rakingCase.options
    let rakingTable = try table("text_raking_clustered_raked")
    let raking = try await onOwnThread {
      try rakingTable.rakingFactorsWaiting(
        declaration: DesignDeclaration(weights: rakingCase.design.weight), to: margins, options: options, trimming: nil)
    }
    _ = try rakingCase.expectTableRaking(raking, "rake clustered-raked, text weight")
    await #expect(throws: DatabaseError.notNumbers(
      table: name("text_raking_clustered_raked"), column: "w_bad", role: "weight", count: 1, example: "n/a")) {
      try await onOwnThread {
        try rakingTable.rakingFactorsWaiting(
          declaration: DesignDeclaration(weights: "w_bad"), to: margins, options: options, trimming: nil)
      }
    }
  }

  /// A text variable with values that are not numbers ('n/a' twice, 'x') is the error naming them.
  static func expectNotNumbersNamed(_ table: DatabaseTable, name: String) async throws {
    let declaration = Self.declaration
    await #expect(throws: DatabaseError.notNumbers(
      table: name, column: "api00_bad", role: "analysed variable", count: 3, example: "n/a")) {
      try await onOwnThread { try table.meansWaiting(of: ["api00_bad"], declaration: declaration) }
    }
    await #expect(throws: DatabaseError.notNumbers(
      table: name, column: "api00_bad", role: "numerator", count: 3, example: "n/a")) {
      try await onOwnThread {
        try table.ratiosWaiting(numerator: "api00_bad", denominator: "enroll", declaration: declaration)
      }
    }
    await #expect(throws: DatabaseError.notNumbers(
      table: name, column: "api00_bad", role: "analysed variable", count: 3, example: "n/a")) {
      try await onOwnThread {
        try table.quantilesWaiting(of: ["api00_bad"], probabilities: [0.5], declaration: declaration)
      }
    }
  }
}

@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresTextNumberTests {
  static func table(_ name: String = "text_apiclus1") throws -> DatabaseTable {
    .postgreSQL(PostgresTable(location: try PostgresLocation(url: testServer!), table: name))
  }

  @Test func textColumnsGiveTheFileJSON() async throws {
    try await TextNumberCases.expectFileJSON(try Self.table())
  }

  @Test func valuesThatAreNotNumbersAreNamed() async throws {
    try await TextNumberCases.expectNotNumbersNamed(try Self.table(), name: "text_apiclus1")
  }

  @Test func textReplicateWeightsGiveTheFileJSON() async throws {
    try await TextNumberCases.expectReplicateFileJSON(try Self.table("text_replicates_apiclus1"))
  }

  @Test func replicateWeightsThatAreNotNumbersAreNamed() async throws {
    try await TextNumberCases.expectReplicateNotNumbersNamed(
      try Self.table("text_replicates_apiclus1"), name: "text_replicates_apiclus1")
  }

  @Test func textWeightsOfScaleAndRakeGiveTheFiles() async throws {
    try await TextNumberCases.expectTextWeightsOfScaleAndRake({ try Self.table($0) }, name: { $0 })
  }
}

@Suite(.enabled(if: sparkTestServer != nil, "needs CONFIANCE_TEST_SPARK_URL"), .serialized)
struct SparkTextNumberTests {
  @Test func stringColumnsGiveTheFileJSON() async throws {
    try await TextNumberCases.expectFileJSON(.spark(try SparkNumericTests.table("text_apiclus1")))
  }

  @Test func valuesThatAreNotNumbersAreNamed() async throws {
    let table = try SparkNumericTests.table("text_apiclus1")
    try await TextNumberCases.expectNotNumbersNamed(.spark(table), name: table.table)
  }

  @Test func stringReplicateWeightsGiveTheFileJSON() async throws {
    try await TextNumberCases.expectReplicateFileJSON(.spark(try SparkNumericTests.table("text_replicates_apiclus1")))
  }

  @Test func replicateWeightsThatAreNotNumbersAreNamed() async throws {
    let table = try SparkNumericTests.table("text_replicates_apiclus1")
    try await TextNumberCases.expectReplicateNotNumbersNamed(.spark(table), name: table.table)
  }

  @Test func stringWeightsOfScaleAndRakeGiveTheFiles() async throws {
    try await TextNumberCases.expectTextWeightsOfScaleAndRake(
      { .spark(try SparkNumericTests.table($0)) }, name: { try! SparkNumericTests.table($0).table })
  }
}
