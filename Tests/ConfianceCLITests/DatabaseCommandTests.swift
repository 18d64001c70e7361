import Foundation
import Testing

/// `confiance estimate postgresql://… --table …` and `confiance estimate sc://… --table …` (and
/// `gap`, `crosstab`, `mean`, `total`, `ratio`, `scale`): the
/// command passes the table to the library and prints what a file would; other commands refuse a
/// database without printing its password.
@Suite struct DatabaseCommandTests {
  static let server = ProcessInfo.processInfo.environment["CONFIANCE_TEST_POSTGRES_URL"]
  static let sparkServer = ProcessInfo.processInfo.environment["CONFIANCE_TEST_SPARK_URL"]
  static let design = ["--weight", "weight", "--strata", "region", "--psu", "point"]
  static let estimate = ["--var", "concern_data_use", "--by", "age_band", "--ci", "beta", "--format", "json"] + design

  /// `confiance estimate` on the shipped survey's file, with the arguments of ``estimate``.
  func fromFile() throws -> CommandLineRunner.Result {
    try CommandLineRunner.run(
      ["estimate", "surveys/example-privacy.csv", "--codebook", "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"]
        + Self.estimate)
  }

  /// Both commands succeeded and printed the same JSON: the same fields in the same order, the
  /// same text, numbers to 1e-9 relative (sums added in another order).
  func expectSameJSON(_ database: CommandLineRunner.Result, _ file: CommandLineRunner.Result) {
    #expect(database.status == 0, "\(database.standardError)")
    #expect(file.status == 0, "\(file.standardError)")
    let databaseWords = database.standardOutput.split(whereSeparator: { " \n,:[]{}".contains($0) })
    let fileWords = file.standardOutput.split(whereSeparator: { " \n,:[]{}".contains($0) })
    #expect(databaseWords.count == fileWords.count && !fileWords.isEmpty)
    for (left, right) in zip(databaseWords, fileWords) where left != right {
      guard let a = Double(left), let b = Double(right) else {
        Issue.record("\(left) vs \(right)")
        continue
      }
      #expect(abs(a - b) <= 1e-9 * max(abs(b), 1e-6), "\(a) vs \(b)")
    }
  }

  @Test(.enabled(if: server != nil, "needs CONFIANCE_TEST_POSTGRES_URL"))
  func theDatabasePrintsTheFileJSON() throws {
    let database = try CommandLineRunner.run(["estimate", Self.server!, "--table", "example_privacy"] + Self.estimate)
    expectSameJSON(database, try fromFile())
  }

  /// The parquet file `.ci/spark` writes for the shipped survey (`CONFIANCE_TEST_SPARK_TABLES`
  /// names another folder), read by the Spark Connect server.
  @Test(.enabled(if: sparkServer != nil, "needs CONFIANCE_TEST_SPARK_URL"))
  func sparkPrintsTheFileJSON() throws {
    let folder = ProcessInfo.processInfo.environment["CONFIANCE_TEST_SPARK_TABLES"]
      ?? CommandLineRunner.repository.appendingPathComponent(".build-spark/tables").path
    let table = "parquet.`\(folder)/example_privacy.parquet`"
    let spark = try CommandLineRunner.run(["estimate", Self.sparkServer!, "--table", table] + Self.estimate)
    expectSameJSON(spark, try fromFile())
  }

  static let gap = [
    "--concern", "concern_data_use=4,5", "--action", "protect_settings=1", "--action", "protect_cookies=1",
    "--by", "age_band", "--ci", "beta", "--format", "json",
  ] + design

  /// `confiance gap` on the shipped survey's file, with the arguments of ``gap``.
  func gapFromFile() throws -> CommandLineRunner.Result {
    try CommandLineRunner.run(
      ["gap", "surveys/example-privacy.csv", "--codebook", "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"]
        + Self.gap)
  }

  @Test(.enabled(if: server != nil, "needs CONFIANCE_TEST_POSTGRES_URL"))
  func gapInTheDatabasePrintsTheFileJSON() throws {
    let database = try CommandLineRunner.run(["gap", Self.server!, "--table", "example_privacy"] + Self.gap)
    expectSameJSON(database, try gapFromFile())
  }

  @Test(.enabled(if: sparkServer != nil, "needs CONFIANCE_TEST_SPARK_URL"))
  func gapInSparkPrintsTheFileJSON() throws {
    let folder = ProcessInfo.processInfo.environment["CONFIANCE_TEST_SPARK_TABLES"]
      ?? CommandLineRunner.repository.appendingPathComponent(".build-spark/tables").path
    let table = "parquet.`\(folder)/example_privacy.parquet`"
    let spark = try CommandLineRunner.run(["gap", Self.sparkServer!, "--table", table] + Self.gap)
    expectSameJSON(spark, try gapFromFile())
  }

  static let scale = [
    "--items", "concern_data_use,trust_companies", "--reverse", "trust_companies", "--by", "age_band", "--format", "json",
  ] + design

  /// `confiance scale` on the shipped survey's file (no codebook: the range is the answers'), with ``scale``.
  func scaleFromFile() throws -> CommandLineRunner.Result {
    try CommandLineRunner.run(
      ["scale", "surveys/example-privacy.csv", "--codebook", "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"]
        + Self.scale)
  }

  @Test(.enabled(if: server != nil, "needs CONFIANCE_TEST_POSTGRES_URL"))
  func scaleInPostgreSQLPrintsTheFileJSON() throws {
    let database = try CommandLineRunner.run(["scale", Self.server!, "--table", "example_privacy"] + Self.scale)
    expectSameJSON(database, try scaleFromFile())
  }

  @Test(.enabled(if: sparkServer != nil, "needs CONFIANCE_TEST_SPARK_URL"))
  func scaleInSparkPrintsTheFileJSON() throws {
    let folder = ProcessInfo.processInfo.environment["CONFIANCE_TEST_SPARK_TABLES"]
      ?? CommandLineRunner.repository.appendingPathComponent(".build-spark/tables").path
    let table = "parquet.`\(folder)/example_privacy.parquet`"
    let spark = try CommandLineRunner.run(["scale", Self.sparkServer!, "--table", table] + Self.scale)
    expectSameJSON(spark, try scaleFromFile())
  }

  /// `confiance ratio` on apiclus1 (R's one-stage cluster sample, with an FPC) by school type:
  /// the table's JSON is the file's.
  @Test(.enabled(if: server != nil, "needs CONFIANCE_TEST_POSTGRES_URL"))
  func ratioInPostgreSQLPrintsTheFileJSON() throws {
    let arguments = [
      "--numerator", "api.stu", "--denominator", "enroll", "--by", "stype", "--weight", "pw", "--psu", "dnum",
      "--fpc", "fpc", "--format", "json",
    ]
    let database = try CommandLineRunner.run(["ratio", Self.server!, "--table", "numeric_apiclus1"] + arguments)
    let file = try CommandLineRunner.run(
      ["ratio", "Tests/ConfianceCLITests/Fixtures/numeric/apiclus1.csv", "--codebook",
       "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"] + arguments)
    expectSameJSON(database, file)
  }

  /// `confiance quantile` on apiclus1 by school type (quartiles, two variables): the table's
  /// JSON is the file's, in PostgreSQL and in Spark.
  @Test(arguments: ["postgresql", "spark"])
  func quantileInTheDatabasePrintsTheFileJSON(engine: String) throws {
    guard let server = engine == "spark" ? Self.sparkServer : Self.server else { return }
    let folder = ProcessInfo.processInfo.environment["CONFIANCE_TEST_SPARK_TABLES"]
      ?? CommandLineRunner.repository.appendingPathComponent(".build-spark/tables").path
    let table = engine == "spark" ? "parquet.`\(folder)/numeric_apiclus1.parquet`" : "numeric_apiclus1"
    let arguments = [
      "--var", "api00", "--var", "api99", "--quantiles", "0.25,0.5,0.75", "--by", "stype", "--weight", "pw",
      "--psu", "dnum", "--fpc", "fpc", "--format", "json",
    ]
    let database = try CommandLineRunner.run(["quantile", server, "--table", table] + arguments)
    let file = try CommandLineRunner.run(
      ["quantile", "Tests/ConfianceCLITests/Fixtures/numeric/apiclus1.csv", "--codebook",
       "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"] + arguments)
    expectSameJSON(database, file)
  }

  /// `confiance ratio` with replicate-weight columns (R's `svrepdesign()`, JK1 columns of
  /// apiclus1) by school type, raked or not (to apipop's stype and sch.wide counts): the table's
  /// JSON is the file's, in PostgreSQL and in Spark.
  @Test(arguments: ["postgresql", "spark"], [false, true])
  func ratioWithReplicateWeightsPrintsTheFileJSON(engine: String, raked: Bool) throws {
    guard let server = engine == "spark" ? Self.sparkServer : Self.server else { return }
    let folder = ProcessInfo.processInfo.environment["CONFIANCE_TEST_SPARK_TABLES"]
      ?? CommandLineRunner.repository.appendingPathComponent(".build-spark/tables").path
    let table = engine == "spark" ? "parquet.`\(folder)/replicates_apiclus1.parquet`" : "replicates_apiclus1"
    let arguments = [
      "--numerator", "api00", "--denominator", "api99", "--by", "stype", "--weight", "pw", "--replicate-weights", "^jk1_",
      "--replicate-type", "jk1", "--format", "json",
    ] + (raked ? ["--rake-to", "Tests/ConfianceCLITests/Fixtures/numeric/dclus1rake-targets.csv"] : [])
    let database = try CommandLineRunner.run(["ratio", server, "--table", table] + arguments)
    let file = try CommandLineRunner.run(
      ["ratio", "Tests/ConfianceCLITests/Fixtures/replicates/apiclus1.csv", "--codebook",
       "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"] + arguments)
    expectSameJSON(database, file)
    #expect(database.standardOutput.contains("\"raking\"") == raked)
  }

  /// `confiance model` on the shipped survey, a logistic model by education with margins: the table's
  /// JSON is the file's, in PostgreSQL and in Spark.
  @Test(arguments: ["postgresql", "spark"])
  func modelPrintsTheFileJSON(engine: String) throws {
    guard let server = engine == "spark" ? Self.sparkServer : Self.server else { return }
    let folder = ProcessInfo.processInfo.environment["CONFIANCE_TEST_SPARK_TABLES"]
      ?? CommandLineRunner.repository.appendingPathComponent(".build-spark/tables").path
    let table = engine == "spark" ? "parquet.`\(folder)/example_privacy.parquet`" : "example_privacy"
    let arguments = [
      "--formula", "protect_cookies ~ age_band + sex + trust_companies", "--family", "logistic", "--by", "education",
      "--margins", "age_band", "--format", "json",
    ] + Self.design
    let database = try CommandLineRunner.run(["model", server, "--table", table] + arguments)
    let file = try CommandLineRunner.run(
      ["model", "surveys/example-privacy.csv", "--codebook", "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"]
        + arguments)
    expectSameJSON(database, file)
  }

  /// A design without `--psu` (every respondent its own PSU) prints the file's JSON, in
  /// PostgreSQL and in Spark, for `estimate` and `gap`.
  @Test(arguments: ["postgresql", "spark"], ["estimate", "gap"])
  func aDesignWithoutPSUPrintsTheFileJSON(engine: String, command: String) throws {
    guard let server = engine == "spark" ? Self.sparkServer : Self.server else { return }
    let folder = ProcessInfo.processInfo.environment["CONFIANCE_TEST_SPARK_TABLES"]
      ?? CommandLineRunner.repository.appendingPathComponent(".build-spark/tables").path
    let table = engine == "spark" ? "parquet.`\(folder)/example_privacy.parquet`" : "example_privacy"
    let analysis = command == "gap" ? Array(Self.gap.dropLast(Self.design.count)) : ["--var", "concern_data_use", "--by", "age_band", "--format", "json"]
    let arguments = analysis + ["--weight", "weight", "--strata", "region"]
    let database = try CommandLineRunner.run([command, server, "--table", table] + arguments)
    let file = try CommandLineRunner.run(
      [command, "surveys/example-privacy.csv", "--codebook", "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"]
        + arguments)
    expectSameJSON(database, file)
  }

  /// `--rake-to` without `--psu` (R's `rake(svydesign(ids = ~1, …))`) prints the raked file's JSON,
  /// in PostgreSQL and in Spark, for `estimate`, `mean` and `ratio`.
  @Test(arguments: ["postgresql", "spark"], ["estimate", "mean", "ratio"])
  func rakingWithoutPSUPrintsTheFileJSON(engine: String, command: String) throws {
    guard let server = engine == "spark" ? Self.sparkServer : Self.server else { return }
    let folder = ProcessInfo.processInfo.environment["CONFIANCE_TEST_SPARK_TABLES"]
      ?? CommandLineRunner.repository.appendingPathComponent(".build-spark/tables").path
    let fixtures = "Tests/SurveyStatisticsTests/Fixtures/raking/"
    let table = engine == "spark" ? "parquet.`\(folder)/raking_weights_only_raked.parquet`" : "raking_weights_only_raked"
    let analysis = switch command {
    case "estimate": ["--var", "answer"]
    case "mean": ["--var", "income"]
    default: ["--numerator", "income", "--denominator", "w"]
    }
    let arguments = analysis + [
      "--by", "region", "--weight", "w", "--rake-to", fixtures + "weights-only-targets.csv", "--format", "json",
    ]
    let database = try CommandLineRunner.run([command, server, "--table", table] + arguments)
    let file = try CommandLineRunner.run(
      [command, fixtures + "weights_only.csv", "--codebook", "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"]
        + arguments)
    expectSameJSON(database, file)
    #expect(database.standardOutput.contains("\"raking\""))
  }

  @Test func otherCommandsRefuseADatabaseWithoutPrintingThePassword() throws {
    let result = try CommandLineRunner.run([
      "describe", "postgresql://ana:s3cret@127.0.0.1:1/surveys",
    ])
    #expect(result.status != 0)
    #expect(result.standardError.contains("`gap`, `crosstab`, `mean`, `total`, `ratio`, `quantile`, `scale`, `model` and `rake` read a postgresql:// or sc:// table so far"))
    #expect(!result.standardError.contains("s3cret"))
  }

  /// `--rake-to` with a database input rakes there and prints the raked file's JSON.
  @Test(.enabled(if: server != nil, "needs CONFIANCE_TEST_POSTGRES_URL"))
  func rakingInTheDatabasePrintsTheFileJSON() throws {
    let folder = "Tests/SurveyStatisticsTests/Fixtures/raking/"
    let arguments = [
      "--var", "opinion", "--by", "region", "--weight", "w", "--strata", "stratum", "--psu", "psu", "--fpc", "N_psu",
      "--rake-to", folder + "clustered-targets.csv", "--format", "json",
    ]
    let database = try CommandLineRunner.run(["estimate", Self.server!, "--table", "raking_clustered_raked"] + arguments)
    let file = try CommandLineRunner.run(
      ["estimate", folder + "clustered.csv", "--codebook", "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"] + arguments)
    expectSameJSON(database, file)
    #expect(database.standardOutput.contains("\"raking\""))
    let numeric = Array(arguments.dropFirst(2))
    for command in ["mean", "total", "quantile"] {
      let database = try CommandLineRunner.run(
        [command, Self.server!, "--table", "raking_clustered_raked", "--var", "score"] + numeric)
      let file = try CommandLineRunner.run(
        [command, folder + "clustered.csv", "--codebook", "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml",
         "--var", "score"] + numeric)
      expectSameJSON(database, file)
    }
  }

  @Test func aTableNeedsADatabase() throws {
    let result = try CommandLineRunner.run(["estimate", "surveys/example-privacy.csv", "--var", "sex", "--table", "t"])
    #expect(result.status == 64)
    #expect(result.standardError.contains("--table goes with a postgresql:// or sc:// input"))
  }

  @Test func anUnreachableServerIsOneSentence() throws {
    let result = try CommandLineRunner.run([
      "estimate", "postgresql://ana:s3cret@127.0.0.1:1/surveys", "--table", "t", "--var", "q", "--psu", "p",
    ])
    #expect(result.standardError == """
      confiance: error: no PostgreSQL server answers at 127.0.0.1:1 (connection refused). Check the host and port, \
      and that the server is running and accepts TCP connections.

      """)
    #expect(result.status == 1)
  }
}

extension DatabaseCommandTests {
  @Test func aSparkServerThatIsNotThereIsOneSentence() throws {
    let result = try CommandLineRunner.run([
      "estimate", "sc://127.0.0.1:1", "--table", "t", "--var", "q", "--psu", "p",
    ])
    #expect(result.standardError == """
      confiance: error: no Spark Connect server answers at 127.0.0.1:1 (connection refused). Check the host and port, \
      and that the server is running.

      """)
    #expect(result.status == 1)
  }

  @Test func aDatabaseNeedsATable() throws {
    let result = try CommandLineRunner.run(["estimate", "sc://127.0.0.1:1", "--var", "q", "--psu", "p"])
    #expect(result.standardError.hasPrefix("confiance: error: a Spark location needs the table to estimate from"))
    #expect(result.standardError.hasSuffix(" On the command line: give it with --table.\n"))
    #expect(result.status == 64)
  }
}

extension DatabaseCommandTests {
  /// `confiance mean` and `confiance total` on a PostgreSQL table print the file's JSON.
  @Test(.enabled(if: server != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), arguments: ["mean", "total"])
  func numericCommandsPrintTheFileJSON(command: String) throws {
    let arguments = ["--var", "age", "--by", "sex", "--format", "json", "--weight", "base_weight", "--strata", "region", "--psu", "point"]
    let database = try CommandLineRunner.run([command, Self.server!, "--table", "privacy_france_2025"] + arguments)
    let file = try CommandLineRunner.run(
      [command, "surveys/privacy-france-2025.csv", "--codebook", "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"]
        + arguments)
    expectSameJSON(database, file)
  }
}

extension DatabaseCommandTests {
  static let crossTab = ["--row", "concern_data_use", "--col", "age_band", "--by", "sex", "--format", "json"] + design

  /// `confiance crosstab` on the shipped survey's file, with the arguments of ``crossTab``.
  func crossTabFromFile() throws -> CommandLineRunner.Result {
    try CommandLineRunner.run(
      ["crosstab", "surveys/example-privacy.csv", "--codebook", "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"]
        + Self.crossTab)
  }

  @Test(.enabled(if: server != nil, "needs CONFIANCE_TEST_POSTGRES_URL"))
  func crossTabInTheDatabasePrintsTheFileJSON() throws {
    let database = try CommandLineRunner.run(["crosstab", Self.server!, "--table", "example_privacy"] + Self.crossTab)
    expectSameJSON(database, try crossTabFromFile())
  }

  @Test(.enabled(if: sparkServer != nil, "needs CONFIANCE_TEST_SPARK_URL"))
  func crossTabInSparkPrintsTheFileJSON() throws {
    let folder = ProcessInfo.processInfo.environment["CONFIANCE_TEST_SPARK_TABLES"]
      ?? CommandLineRunner.repository.appendingPathComponent(".build-spark/tables").path
    let table = "parquet.`\(folder)/example_privacy.parquet`"
    let spark = try CommandLineRunner.run(["crosstab", Self.sparkServer!, "--table", table] + Self.crossTab)
    expectSameJSON(spark, try crossTabFromFile())
  }
}

extension DatabaseCommandTests {
  /// `gap --rake-to` with replicates created from a PostgreSQL table's strata and PSUs (the
  /// stratified jackknife, which does not depend on the order of the rows): every replicate raked
  /// to the targets as R's `rake()` of the replicate design, the file's JSON, replicate and raking
  /// blocks included.
  @Test(.enabled(if: server != nil, "needs CONFIANCE_TEST_POSTGRES_URL"))
  func rakedReplicateGapPrintsTheFileJSON() throws {
    let arguments = [
      "--concern", "concern_protection=4,5", "--action", "prot_refused_ads_cookies=1", "--action",
      "prot_used_blocker_or_vpn=1", "--by", "sex", "--format", "json", "--weight", "base_weight", "--strata", "region",
      "--psu", "point", "--replicates", "jkn", "--mse", "--rake-to", "surveys/privacy-france-2025.targets.csv",
    ]
    let database = try CommandLineRunner.run(["gap", Self.server!, "--table", "privacy_france_2025"] + arguments)
    let file = try CommandLineRunner.run(
      ["gap", "surveys/privacy-france-2025.csv", "--codebook", "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"]
        + arguments)
    expectSameJSON(database, file)
    #expect(file.standardOutput.contains("\"replicates\"") && file.standardOutput.contains("\"raking\""))
  }

  /// `model --rake-to` on a PostgreSQL table: a logistic model with margins, raked to crossed
  /// sex × age margins, region and education (the stratum a raking variable too), prints the
  /// raked file's JSON, raking block included.
  @Test(.enabled(if: server != nil, "needs CONFIANCE_TEST_POSTGRES_URL"))
  func rakedModelPrintsTheFileJSON() throws {
    let arguments = [
      "--formula", "prot_refused_ads_cookies ~ age_band + sex", "--family", "logistic", "--margins", "age_band",
      "--format", "json", "--weight", "base_weight", "--strata", "region", "--psu", "point",
      "--rake-to", "surveys/privacy-france-2025.targets.csv",
    ]
    let database = try CommandLineRunner.run(["model", Self.server!, "--table", "privacy_france_2025"] + arguments)
    let file = try CommandLineRunner.run(
      ["model", "surveys/privacy-france-2025.csv", "--codebook", "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"]
        + arguments)
    expectSameJSON(database, file)
    #expect(file.standardOutput.contains("\"raking\""))
  }

  /// A replicate setting that makes no design is the file path's error, on a table too.
  @Test func aReplicateSettingWithoutReplicatesIsAnError() throws {
    let result = try CommandLineRunner.run([
      "total", "postgresql://ana@127.0.0.1:1/surveys", "--table", "t", "--var", "q", "--psu", "p", "--mse",
    ])
    #expect(result.status == 64)
    #expect(!result.standardError.contains("no PostgreSQL server answers"))
  }
}

extension DatabaseCommandTests {
  /// Replicates created from a PostgreSQL table's strata and PSUs (the stratified jackknife, which
  /// does not depend on the order of the rows): the file's JSON, replicate design block included.
  @Test(.enabled(if: server != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), arguments: ["mean", "estimate"])
  func createdReplicatesPrintTheFileJSON(command: String) throws {
    let variable = command == "mean" ? "age" : "concern_protection"
    let arguments = ["--var", variable, "--by", "sex", "--format", "json", "--weight", "base_weight", "--strata", "region",
                     "--psu", "point", "--replicates", "jkn", "--mse"]
    let database = try CommandLineRunner.run([command, Self.server!, "--table", "privacy_france_2025"] + arguments)
    let file = try CommandLineRunner.run(
      [command, "surveys/privacy-france-2025.csv", "--codebook", "Tests/ConfianceCLITests/Fixtures/empty.codebook.yaml"]
        + arguments)
    expectSameJSON(database, file)
    #expect(file.standardOutput.contains("\"replicates\""))
  }
}
