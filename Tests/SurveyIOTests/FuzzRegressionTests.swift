import Foundation
import SurveyStatistics
import Testing

@testable import SurveyIO

/// Inputs from fuzzing (FuzzTesting/), replayed on every `swift test`: each must read or fail with
/// the reader's own error, never trap.
///
/// `Fixtures/fuzz-regressions/csv/` holds CSV fuzz inputs: the first byte chooses the reading options
/// exactly as `FuzzTesting/Sources/FuzzCSV` does, the rest is the file. `codebook/` holds codebook
/// texts. Every crash a fuzzer finds is added here once fixed.
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
}
