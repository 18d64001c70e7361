internal import Crypto
import Foundation
import Confiance

extension ReportProvenance.Input {
  /// An input file of a report with the SHA-256 digest (FIPS 180-4, computed by swift-crypto) of
  /// its bytes, so that a reader can check which file produced the report.
  init(role: String, file path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ReportWriteError.unwritable(path: path, reason: "it cannot be read to compute its SHA-256")
    }
    let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    self.init(role: role, path: path, sha256: digest)
  }
}
