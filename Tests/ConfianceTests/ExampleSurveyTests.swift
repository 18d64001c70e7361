import Confiance
import Foundation
import Testing

/// The synthetic example survey `surveys/privacy-france-2025.*`: its generator reproduces it byte
/// for byte, its codebook describes every column, its design is the documented one, and its
/// raking targets fit its categories.
@Suite struct ExampleSurveyTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let surveyFile = repository.appendingPathComponent("surveys/privacy-france-2025.csv").path
  static let codebookFile = repository.appendingPathComponent("surveys/privacy-france-2025.codebook.yaml").path
  static let targetsFile = repository.appendingPathComponent("surveys/privacy-france-2025.targets.csv").path
  static let generator = repository.appendingPathComponent("surveys/generate-privacy-france-2025.py").path

  /// The Python 3 interpreter on the PATH, if any.
  static let python: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  @Test(.enabled(if: python != nil, "needs python3 on the PATH"))
  func generatorReproducesTheCommittedFiles() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(Self.python))
    process.arguments = [Self.generator, "--check"]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "the generator makes other bytes than the committed files: \(message)")
  }

  @Test func codebookDescribesEveryColumnInOrder() throws {
    let survey = try Survey(csvFile: Self.surveyFile)
    let codebook = try Codebook(contentsOfFile: Self.codebookFile)
    #expect(codebook.variables.map(\.name) == survey.variableNames)
    let labelled = try survey.applying(codebook)
    #expect(try labelled.variable(named: "respondent_id").measurement == .identifier)
    // Every value of a labelled variable has a label (blanks are item non-response).
    for entry in codebook.variables where !entry.categories.isEmpty {
      let values = try survey.variable(named: entry.name).categorical
      let labelled = Set(entry.categories.map(\.value))
      let unlabelled = Set(values.levels).subtracting(labelled).subtracting([""])
      #expect(unlabelled.isEmpty, "\(entry.name): values without a label: \(unlabelled.sorted())")
    }
  }

  @Test func designIsTheDocumentedOne() throws {
    let survey = try Survey(csvFile: Self.surveyFile).applying(try Codebook(contentsOfFile: Self.codebookFile))
    let design = try SurveyDesign(survey, weights: "base_weight", strata: "region", clusters: "point")
    #expect(design.respondentCount == 2069)
    #expect(design.stratumCount == 14)
    #expect(design.psuCount == 104)
    #expect(design.degreesOfFreedom == 90)
    let identifiers = try survey.variable(named: "respondent_id").categorical
    #expect(identifiers.levels.allSatisfy { $0.hasPrefix("SYNTH-") }, "identifiers say the data are synthetic")
    #expect(Set(identifiers.levels).count == 2069)
  }

  @Test func targetsCoverTheRakingVariables() throws {
    let text = try String(contentsOfFile: Self.targetsFile, encoding: .utf8)
    var lines = text.split(separator: "\n").map(String.init)
    #expect(lines.removeFirst() == "variable,category,target")
    var totals: [String: Int] = [:]
    var categories: [String: Set<String>] = [:]
    for line in lines {
      let fields = line.split(separator: ",").map(String.init)
      try #require(fields.count == 3, "\(line)")
      totals[fields[0], default: 0] += try #require(Int(fields[2]))
      categories[fields[0], default: []].insert(fields[1])
    }
    // Every margin sums to the INSEE RP2018 count of adults (France entière, 18+).
    #expect(totals == ["sex*age_band": 52_249_899, "region": 52_249_899, "education": 52_249_899])
    let survey = try Survey(csvFile: Self.surveyFile)
    let sex = try survey.variable(named: "sex").categorical, age = try survey.variable(named: "age_band").categorical
    let crossed = Set((0..<survey.respondentCount).map { row in
      "\(sex.levels[Int(sex.codes[row])])*\(age.levels[Int(age.codes[row])])"
    })
    #expect(categories["sex*age_band"] == crossed)
    #expect(categories["region"] == Set(try survey.variable(named: "region").categorical.levels))
    #expect(categories["education"] == Set(try survey.variable(named: "education").categorical.levels))
  }
}
