import Foundation
import ScratchFolders
import SurveyStatistics
import Testing

@testable import SurveyIO

/// Paths of the committed fixtures, and scratch files written by tests.
enum Fixtures {
  /// The path of a committed fixture, such as `"comma.csv"` or `"errors/empty.csv"`.
  static func path(_ name: String) throws -> String {
    let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return folder.appendingPathComponent(name).path
  }

  /// Writes `bytes` to a new file in a fresh temporary folder and returns its path.
  static func write(_ bytes: [UInt8], named name: String = "data.csv") throws -> String {
    let folder = try ScratchFolder.make("SurveyIOTests")
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }

  /// Writes UTF-8 text to a temporary file and returns its path.
  static func write(_ text: String, named name: String = "data.csv") throws -> String {
    try write(Array(text.utf8), named: name)
  }

  /// The error thrown when reading `path`, or `nil` when it reads.
  static func readError(_ path: String, options: CSVReadOptions = CSVReadOptions()) -> SurveyReadError? {
    do {
      _ = try Survey(csvFile: path, options: options)
      return nil
    } catch let error as SurveyReadError {
      return error
    } catch {
      Issue.record("unexpected error type: \(error)")
      return nil
    }
  }
}

extension Fixtures {
  /// The read error for a file of any format, or `nil` when it reads.
  static func readFileError(_ path: String) -> SurveyReadError? {
    do {
      _ = try Survey(file: path)
      return nil
    } catch let error as SurveyReadError {
      return error
    } catch {
      Issue.record("unexpected error type: \(error)")
      return nil
    }
  }
}

extension [UInt8] {
  /// The bytes of a file.
  init(contentsOf path: String) throws {
    self = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
  }
}

extension Survey {
  /// The values of a categorical variable as strings, `nil` for missing.
  func categories(_ name: String) throws -> [String?] {
    guard case .categorical(let values) = try variable(named: name).values else {
      Issue.record("'\(name)' is not categorical")
      return []
    }
    return values.codes.indices.map { values.value(at: $0) }
  }

  /// The values of a numeric variable, `nil` for missing.
  func numbers(_ name: String) throws -> [Double?] {
    guard case .numeric(let values) = try variable(named: name).values else {
      Issue.record("'\(name)' is not numeric")
      return []
    }
    return values.values.indices.map { values.value(at: $0) }
  }

  /// Whether the variable is stored as numbers.
  func isNumeric(_ name: String) throws -> Bool {
    if case .numeric = try variable(named: name).values { return true }
    return false
  }
}
