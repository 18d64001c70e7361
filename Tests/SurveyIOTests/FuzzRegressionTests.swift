import Foundation
import SurveyStatistics
import Testing

@testable import SurveyIO

/// Inputs from fuzzing (FuzzTesting/), replayed on every `swift test`: each must read or fail with
/// the reader's own error, never trap.
///
/// `Fixtures/fuzz-regressions/csv/` holds CSV fuzz inputs: the first byte chooses the reading options
/// exactly as `FuzzTesting/Sources/FuzzCSV` does, the rest is the file. `codebook/` holds codebook
/// texts. `targets/` holds targets-file inputs: the first byte chooses the population size and the
/// weighting as `FuzzTesting/Sources/FuzzTargets` does, the rest is the file. (Notebook inputs are
/// replayed by SurveyMarkdownTests' `NotebookFuzzRegressionTests`.) Every crash a fuzzer finds is
/// added here once fixed.
@Suite("Fuzzing regressions")
struct FuzzRegressionTests {
  static func inputs(_ kind: String) -> [String] {
    guard let folder = Bundle.module.url(forResource: "Fixtures/fuzz-regressions/\(kind)", withExtension: nil),
      let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
    else { return [] }
    return names.sorted()
  }

  /// The reading options a CSV fuzz input's first byte selects (as in FuzzCSV.swift).
  static func options(selector: UInt8) -> CSVReadOptions {
    var options = CSVReadOptions()
    switch selector & 0b11 {
    case 0: options.delimiter = nil
    case 1: options.delimiter = UInt8(ascii: ",")
    case 2: options.delimiter = UInt8(ascii: ";")
    default: options.delimiter = UInt8(ascii: "\t")
    }
    options.encoding = TextEncodingChoice.allCases[Int(selector >> 2 & 0b11) % TextEncodingChoice.allCases.count]
    if selector & 0x10 != 0 { options.decimalComma = selector & 0x20 != 0 }
    if selector & 0x40 != 0 { options.numericColumns = ["w", "weight", "a"] }
    if selector & 0x80 != 0 { options.columns = ["a"] }
    return options
  }

  @Test("there are regression inputs of each kind")
  func inputsArePresent() {
    #expect(Self.inputs("csv").count >= 5)
    #expect(Self.inputs("codebook").count >= 5)
    #expect(Self.inputs("targets").count >= 5)
  }

  @Test("CSV inputs read or fail with a read error", arguments: inputs("csv"))
  func csv(name: String) throws {
    let bytes = try [UInt8](contentsOf: try Fixtures.path("fuzz-regressions/csv/" + name))
    guard let selector = bytes.first else { return }
    let path = try Fixtures.write(Array(bytes.dropFirst()), named: "input.csv")
    do {
      let survey = try Survey(csvFile: path, options: Self.options(selector: selector))
      for variable in survey.variables {
        _ = variable.missingCount
        _ = variable.categorical.sortedLevelIndices()
      }
    } catch is SurveyReadError {
    } catch is SurveyError {
    }
  }

  @Test("codebook inputs read or fail with a codebook error", arguments: inputs("codebook"))
  func codebook(name: String) throws {
    let bytes = try [UInt8](contentsOf: try Fixtures.path("fuzz-regressions/codebook/" + name))
    let text = String(decoding: bytes, as: UTF8.self)
    let codebook: Codebook
    do {
      codebook = try Codebook(yaml: text, file: name)
    } catch is CodebookError {
      return
    }
    let survey = try Survey(variables: [
      Variable(name: "concern", categories: ["1", "2", "9", nil]),
      Variable(name: "region", categories: ["Nord", "Sud", "Nord", "Est"]),
      Variable(name: "weight", numbers: [1.5, 2, 0.5, 1]),
      Variable(name: "age", numbers: [18, 99, 45, nil]),
    ])
    _ = try? survey.applying(codebook)
    // What is read can be written and read back unchanged.
    let again = try Codebook(yaml: codebook.yaml(), file: "rewritten")
    #expect(again.variables == codebook.variables)
    #expect(again.design == codebook.design)
    #expect(again.derived == codebook.derived)
  }

  @Test("targets inputs read, and weight the small survey or fail with a weighting error", arguments: inputs("targets"))
  func targets(name: String) throws {
    _ = try Self.replayTargets(try [UInt8](contentsOf: try Fixtures.path("fuzz-regressions/targets/" + name)))
  }

  @Test("some targets inputs weight the small survey, so that the checks of weights run")
  func someTargetsInputsWeight() throws {
    var weighted = 0
    for name in Self.inputs("targets") {
      if try Self.replayTargets(try [UInt8](contentsOf: try Fixtures.path("fuzz-regressions/targets/" + name))) {
        weighted += 1
      }
    }
    #expect(weighted >= 2)
  }

  /// Reads a targets fuzz input and weights the small survey to it as FuzzTargets does, checking the
  /// weights when that succeeds; returns whether it did.
  static func replayTargets(_ bytes: [UInt8]) throws -> Bool {
    guard let selector = bytes.first else { return false }
    let path = try Fixtures.write(Array(bytes.dropFirst()), named: "targets.csv")
    let populationSize: Double? = selector & 1 != 0 ? 8_000 : nil
    let margins: PopulationMargins
    do {
      margins = try PopulationMargins(targetsFile: path, populationSize: populationSize)
    } catch is SurveyReadError {
      return false
    } catch is TargetsFileError {
      return false
    }
    for cell in margins.margins.flatMap(\.cells) {
      #expect(cell.origin?.file == path && (cell.origin?.line ?? 0) >= 2)
    }
    let design = try targetsSurveyDesign()
    let control = RakingControl(maxIterations: 50, allowsNonconvergence: selector & 8 != 0)
    let result: RakingResult
    do {
      switch selector >> 1 & 0b11 {
      case 0, 1: result = try design.raking(to: margins, options: control)
      case 2:
        guard let first = margins.margins.first else { return false }
        result = try design.postStratification(to: first, populationSize: populationSize)
      default:
        let trimming = WeightTrimming(upper: .timesMedian(3), lower: .absolute(0.1))
        result = try design.rakingWithTrimming(
          to: margins, trimming: trimming, rerake: true, maxRounds: 5, options: control
        ).lastRaking
      }
    } catch is WeightingError {
      return false
    }
    // Weights that succeed are usable: finite, 0 or more, and the last margin met when converged.
    #expect(result.design.weights.allSatisfy { $0.isFinite && $0 >= 0 })
    if result.converged, let last = result.margins.last {
      for cell in last.cells {
        #expect(abs(cell.achieved - cell.target) <= 1e-6 * max(abs(cell.target), 1))
      }
    }
    return true
  }

  /// The survey of `FuzzTesting/Sources/FuzzTargets`, with the same columns and categories.
  static func targetsSurveyDesign() throws -> SurveyDesign {
    let survey = try Survey(variables: [
      Variable(name: "sex", categories: ["F", "M", "F", "M", "F", "M", "F", "M", "F", "M"]),
      Variable(name: "age_band", categories: ["18-34", "35-54", "55+", "18-34", "35-54", "55+", "35-64", "65+", "35-64", "65+"]),
      Variable(name: "region", categories: ["Nord", "Sud", "Est", "Nord", "Sud", "Est", "Nord", "Sud", "Est", "Nord"]),
      Variable(name: "q", categories: ["oui", "non", "oui", "non", "non", "oui", "oui", "non", "oui", "non"]),
      Variable(name: "stype", categories: ["E", "H", "M", "E", "E", "H", "M", "E", "H", "M"]),
      Variable(name: "a", numbers: [1, 2, 3, 4, 1, 2, 3, 4, 1, 2]),
      Variable(name: "weight", numbers: [1.5, 2, 1, 0.5, 1, 3, 2, 1, 1.25, 0.75]),
    ])
    return try SurveyDesign(survey, weights: "weight")
  }
}
