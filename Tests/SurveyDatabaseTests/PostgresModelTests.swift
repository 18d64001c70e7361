import Confiance
import Foundation
import SurveyDatabase
import Testing

/// Regression models fitted from PostgreSQL's collapsed rows (one `GROUP BY` stratum × PSU ×
/// domain × every model variable's value, × weight for a logistic model, with its rows and exact
/// Σw) equal the file path's, every JSON field, on R's `svyglm` fixtures — linear, logistic and
/// Poisson; strata with an FPC, clusters, missing values, domains, every lonely-PSU policy,
/// margins — and match R survey 4.1's numbers as the file path does.
@Suite(.enabled(if: testServer != nil, "needs CONFIANCE_TEST_POSTGRES_URL"), .serialized)
struct PostgresModelTests {
  static func table(_ name: String) throws -> PostgresTable {
    PostgresTable(location: try PostgresLocation(url: testServer!), table: name)
  }

  static let fit: ModelCases.Fit = { table, formula, family, by, declaration, margins, raking in
    try await Self.table(table).modelAnalysis(
      formula, family: family, by: by, declaration: declaration, margins: margins, raking: raking)
  }

  @Test(arguments: ModelCases.databaseCases)
  func theRFixturesGiveTheFileModels(caseName: String) async throws {
    let largest = try await ModelCases.expectFileAndR(caseName, fit: Self.fit)
    print("\(caseName): largest relative difference to the file \(largest)")
  }

  @Test func aLogisticModelOfCategoriesGivesTheFileModel() async throws {
    let (rows, largest) = try await ModelCases.expectCategoricalLogisticAsFile(fit: Self.fit) {
      try await Self.table("models_privacy").modelRows(
        Formula("concerned ~ age_band + sex"), family: .quasibinomial, by: ["region"],
        declaration: DesignDeclaration(weights: "w", strata: "stratum", clusters: "psu", fpc: "N_psu")
      ).respondentCount
    }
    #expect(rows < 900)
    print("concerned ~ age_band + sex by region: \(rows) collapsed rows for 900; largest relative difference \(largest)")
  }

  @Test func rakedModelsOfCategoriesGiveTheFileModels() async throws {
    let (rows, largest) = try await ModelCases.expectRakedModelsOfCategoriesAsFile(fit: Self.fit) { formula, raking in
      try await Self.table("models_privacy").modelRows(
        formula, family: .quasipoisson, by: ["region"], declaration: Self.privacy, raking: raking
      ).respondentCount
    }
    #expect(rows < 900)
    print("raked, by region: \(rows) collapsed rows for 900 (actions_level ~ sex); largest relative difference \(largest)")
  }
}

extension PostgresModelTests {
  static let privacy = DesignDeclaration(weights: "w", strata: "stratum", clusters: "psu", fpc: "N_psu")

  /// The sentence of an error, or "" when `body` throws none.
  static func message(_ body: () async throws -> Void) async -> String {
    do {
      try await body()
      return ""
    } catch {
      return "\(error)"
    }
  }

  /// Bad input is refused as on a file: an outcome that is not 0/1 for a logistic model names its
  /// values, with the table instead of the file; an unknown column suggests the closest name.
  @Test func badInputIsRefusedAsOnAFile() async throws {
    let notBinary = await Self.message {
      _ = try await onOwnThread {
        try DatabaseTable.postgreSQL(Self.table("models_privacy")).modelAnalysisWaiting(
          Formula("protective_actions ~ sex"), family: .quasibinomial, declaration: Self.privacy)
      }
    }
    let file = await Self.message {
      _ = try SurveyDesign(ModelCases.survey("privacy"), declaration: Self.privacy)
        .modelAnalysis(Formula("protective_actions ~ sex"), family: .quasibinomial)
    }
    #expect(!file.isEmpty)
    #expect(notBinary == "table 'models_privacy' in PostgreSQL: " + file)
    // Perfect separation counts respondents, not collapsed rows.
    let separated = await Self.message {
      _ = try await onOwnThread {
        try DatabaseTable.postgreSQL(Self.table("models_separated")).modelAnalysisWaiting(
          Formula("female ~ sex + age_band"), family: .quasibinomial, declaration: Self.privacy)
      }
    }
    let privacy = try ModelCases.survey("privacy")
    let sex = try #require(privacy.variables.first { $0.name == "sex" })
    let female = (0..<privacy.respondentCount).map { row -> Double? in
      guard case .categorical(let values) = sex.values else { return nil }
      return values.codes[row] >= 0 && values.levels[Int(values.codes[row])] == "F" ? 1 : 0
    }
    let separatedFile = await Self.message {
      _ = try SurveyDesign(
        Survey(variables: privacy.variables + [Variable(name: "female", numbers: female)]), declaration: Self.privacy
      ).modelAnalysis(Formula("female ~ sex + age_band"), family: .quasibinomial)
    }
    #expect(separatedFile.contains("respondents with sexM = 1"), "\(separatedFile)")
    #expect(separated == "table 'models_separated' in PostgreSQL: " + separatedFile)
    let typo = await Self.message {
      _ = try await Self.fit("models_privacy", Formula("concerned ~ sexe"), .quasibinomial, [], Self.privacy, [], nil)
    }
    #expect(typo == "table 'models_privacy' has no column 'sexe'; did you mean 'sex'?", "\(typo)")
  }

  /// What the database does not fit is refused before connecting, with a sentence: a design
  /// without a PSU column (its collapsed rows would not be exact), replicates, a proportional-odds
  /// model, the weight as a model or raking variable.
  @Test func whatTheDatabaseDoesNotFitIsRefused() async throws {
    let table = DatabaseTable.postgreSQL(PostgresTable(location: try PostgresLocation(url: "postgresql://u@127.0.0.1:1/d"), table: "t"))
    let formula = try Formula("concerned ~ sex")
    func refusal(
      _ declaration: DesignDeclaration, family: ModelFamily = .quasibinomial, on table: DatabaseTable
    ) -> String {
      do {
        _ = try table.modelAnalysisWaiting(formula, family: family, declaration: declaration)
        return ""
      } catch {
        return "\(error)"
      }
    }
    #expect(refusal(DesignDeclaration(weights: "w", strata: "stratum"), on: table).contains("give a column that numbers the rows as the PSU"))
    #expect(refusal(DesignDeclaration(weights: "w", clusters: "psu", replicates: ReplicateDeclaration(
      source: .created(), method: .jackknife)), on: table).contains("not replicate weights"))
    #expect(refusal(Self.privacy, family: .proportionalOdds, on: table).contains("--family ordinal from a file"))
    #expect(refusal(DesignDeclaration(weights: "concerned", clusters: "psu"), on: table).contains("cannot also be a model"))
    let rakedByWeight = table.raked(to: PopulationMargins([Margin(variable: "w", targets: [("1", 1)])]), options: RakingControl())
    #expect(refusal(Self.privacy, family: .gaussian, on: rakedByWeight).contains("cannot also be a model, domain or raking variable"))
  }
}
