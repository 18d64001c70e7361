import Foundation
import SurveyStatistics
import Testing

@testable import SurveyIO

/// Replicate weights declared in a codebook's `design:` block or given as load options: what the
/// loader reads, the declaration `survey.design()` builds, and the messages for settings that
/// contradict each other.
@Suite struct ReplicateLoadingTests {
  /// Six respondents, a weight, three replicate columns (one holding 99) and an item coded 99 for
  /// "refused".
  static let data = """
    unit,w,region,repw1,repw2,repw3,q,notes
    1,2,a,0,3,3,1,x
    2,2,a,3,0,3,99,x
    3,2,b,3,3,0,2,x
    4,2,b,99,3,3,1,x
    5,2,c,3,0,3,2,x
    6,2,c,3,3,0,1,x

    """

  static let codebook = """
    design:
      weight: w
      replicate_weights: "repw[0-9]+"
      replicate_type: jk1
      replicate_scale: 0.5
    """

  func load(codebook: String? = codebook, options: SurveyLoadOptions = SurveyLoadOptions()) throws -> Survey {
    let path = try Fixtures.write(Self.data, named: "survey.csv")
    if let codebook {
      let folder = (path as NSString).deletingLastPathComponent
      try Data(codebook.utf8).write(to: URL(fileURLWithPath: folder + "/survey.codebook.yaml"))
    }
    return try Survey(contentsOf: path, options: options)
  }

  @Test func codebookDeclaresSuppliedReplicates() throws {
    let design = try load().design()
    let replicates = try #require(design.replicates)
    #expect(replicates.method == .jackknife)
    #expect(replicates.columnNames == ["repw1", "repw2", "repw3"])
    #expect(replicates.scale == 0.5)
    #expect(!replicates.meanSquaredError)
    #expect(replicates.weights(ofReplicate: 0) == [0, 3, 3, 99, 3, 3])
  }

  /// `--missing 99` masks the item, never a replicate weight (as it never masks the weight).
  @Test func missingCodesNeverApplyToReplicateWeights() throws {
    var options = SurveyLoadOptions()
    options.missingCodes = ["99"]
    let survey = try load(options: options)
    let design = try survey.design()
    #expect(design.replicates?.weights(ofReplicate: 0)[3] == 99)
    #expect(try survey.variable(named: "q").missingCount == 1)
    #expect(try survey.variable(named: "repw1").missingCount == 0)
  }

  /// Reading only the analysed columns still reads the replicate columns, as numbers.
  @Test func columnSelectionKeepsTheReplicateColumns() throws {
    var options = SurveyLoadOptions()
    options.columns = ["q"]
    let survey = try load(options: options)
    #expect(survey.variableNames.sorted() == ["q", "repw1", "repw2", "repw3", "w"])
    guard case .numeric = try survey.variable(named: "repw2").values else {
      Issue.record("repw2 is not numeric")
      return
    }
    #expect(try survey.design().replicates?.count == 3)
  }

  /// Options change the codebook's replicates setting by setting; columns or replicates to create
  /// replace them.
  @Test func optionsOverrideTheCodebook() throws {
    var options = SurveyLoadOptions()
    options.design.replicates.meanSquaredError = true
    let changed = try #require(try load(options: options).designDeclaration.replicates)
    #expect(changed == ReplicateDeclaration(
      source: .columns(matching: "repw[0-9]+"), method: .jackknife, scale: 0.5, meanSquaredError: true))

    options = SurveyLoadOptions()
    options.design.clusters = "unit"
    options.design.replicates = ReplicateSettings(created: .bootstrap, count: 20, seed: 7)
    let created = try load(options: options).design()
    #expect(created.replicates?.count == 20)
    #expect(created.replicates?.isCreated == true)
    #expect(created.declaration.replicates == ReplicateDeclaration(source: .created(count: 20, seed: 7), method: .bootstrap))

    options.design.replicates = ReplicateSettings(created: .jackknife, scale: 0.9)
    #expect(throws: ReplicateSettingError.notForCreated(.scale)) { try load(options: options) }
  }

  @Test func settingsMakeRsDeclarations() throws {
    // svrepdesign()'s default type is BRR.
    #expect(try ReplicateSettings(columns: "^r").applied(to: nil) == ReplicateDeclaration(source: .columns(matching: "^r"), method: .brr))
    #expect(try ReplicateSettings().applied(to: nil) == nil)
    #expect(throws: ReplicateSettingError.twoSources) { try ReplicateSettings(columns: "^r", created: .brr).applied(to: nil) }
    #expect(throws: ReplicateSettingError.withoutReplicates(.type)) { try ReplicateSettings(type: .fay).applied(to: nil) }
    #expect(throws: ReplicateSettingError.notForSupplied(.seed)) { try ReplicateSettings(columns: "^r", seed: 1).applied(to: nil) }
    #expect(throws: ReplicateSettingError.cannotCreate(.acs)) { try ReplicateSettings(created: .acs).applied(to: nil) }
    #expect(throws: ReplicateSettingError.fayRhoNeeded) { try ReplicateSettings(created: .fay).applied(to: nil) }
    #expect(throws: ReplicateSettingError.fayRhoOutOfRange(1)) { try ReplicateSettings(created: .fay, fayRho: 1).applied(to: nil) }
    #expect(throws: ReplicateSettingError.invalidScale(0)) { try ReplicateSettings(columns: "^r", scale: 0).applied(to: nil) }
    #expect(throws: ReplicateSettingError.invalidReplicateScales) {
      try ReplicateSettings(columns: "^r", replicateScales: [0.5, -1]).applied(to: nil)
    }
    #expect(throws: ReplicateSettingError.replicateScalesNeeded) { try ReplicateSettings(columns: "^r", type: .stratifiedJackknife).applied(to: nil) }
    #expect(throws: ReplicateSettingError.tooFewBootstrapReplicates(1)) {
      try ReplicateSettings(created: .bootstrap, count: 1).applied(to: nil)
    }
    #expect(ReplicateSettings.replicateScales(from: "0.5, 0.55,1") == [0.5, 0.55, 1])
    #expect(ReplicateSettings.replicateScales(from: "0.5,,1") == nil)
    #expect(ReplicateSettingError.fayRhoOutOfRange(1.5).description
      == "Fay's ρ must lie strictly between 0 and 1 (PSUs left out weigh ρ, those kept 2 − ρ), but it is 1.5. With ρ = 0 the method is BRR.")
    #expect(ReplicateSettingError.fayRhoOutOfRange(1.5).remedy == .replicateSetting(.fayRho))
  }

  /// Codebook problems are reported at the line and column of the key at fault.
  @Test func codebookReplicateProblemsNameTheLine() {
    func message(_ yaml: String) -> String {
      do {
        _ = try Codebook(yaml: yaml, file: "c.yaml")
        return "no error"
      } catch {
        return String(describing: error)
      }
    }
    #expect(message("design:\n  weight: w\n  replicate_type: jk1\n") ==
      "c.yaml:3:19: the type of the replicate weights was given, but no replicate weights: declare the replicate-weight "
      + "columns (a regular expression such as 'repw[0-9]+') or the replicates to create (jk1, jkn, brr, fay or bootstrap).")
    #expect(message("design:\n  replicates: fay\n  fay_rho: 1.5\n") ==
      "c.yaml:3:12: Fay's ρ must lie strictly between 0 and 1 (PSUs left out weigh ρ, those kept 2 − ρ), but it is 1.5. "
      + "With ρ = 0 the method is BRR.")
    #expect(message("design:\n  replicates: sdr\n").hasPrefix("c.yaml:2:15: 'sdr' is not a valid replicates in 'design'."))
    #expect(message("design:\n  replicate_weights: r\n  mse: maybe\n").hasPrefix("c.yaml:3:8: 'maybe' is not a valid mse"))
    #expect(message("design:\n  replicate_weights: r\n  replicate_rscales: [0.5, x]\n").hasPrefix(
      "c.yaml:3:22: 'replicate_rscales' in 'design' should be a number, or a list of numbers, one per replicate"))
    #expect(message("design:\n  replicate_wieghts: r\n").contains("Did you mean 'replicate_weights'?"))
  }

  @Test func codebookReplicatesWriteAndReadBack() throws {
    let yaml = """
      design:
        weight: pw
        replicate_weights: ^jkn_
        replicate_type: jkn
        replicate_rscales: [0.5, 0.25]
        mse: true
      """
    let codebook = try Codebook(yaml: yaml)
    #expect(codebook.design?.replicates == ReplicateDeclaration(
      source: .columns(matching: "^jkn_"), method: .stratifiedJackknife, replicateScales: [0.5, 0.25], meanSquaredError: true))
    #expect(try Codebook(yaml: codebook.yaml()).design == codebook.design)
    let created = try Codebook(yaml: "design:\n  replicates: bootstrap\n  replicate_count: 80\n  seed: 2026\n")
    #expect(created.design?.replicates == ReplicateDeclaration(source: .created(count: 80, seed: 2026), method: .bootstrap))
    #expect(try Codebook(yaml: created.yaml()).design == created.design)
  }
}
