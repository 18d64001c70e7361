public import SurveyMarkdown
internal import SurveyIO

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ReportProvenance.Input {
  /// An input file of a report, with the SHA-256 digest (FIPS 180-4) of its bytes, so that a
  /// reader can check which file produced the report.
  ///
  /// - Throws: ``ReportWriteError/unwritable(path:reason:)`` when the file cannot be read.
  public init(role: String, file path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ReportWriteError.unwritable(path: path, reason: "it cannot be read to compute its SHA-256")
    }
    self.init(role: role, path: path, sha256: SHA256.hexDigest(of: data))
  }
}
