internal import Glibc

/// The kinds of survey file Confiance reads.
public enum SurveyFileFormat: String, Sendable, CaseIterable {
  /// Delimited text with a header row (`,` `;` or tab; UTF-8, UTF-16 or Windows-1252).
  case csv
  /// An SPSS system file (`.sav`).
  case spss
  /// A compressed SPSS system file (`.zsav`).
  case spssCompressed = "zsav"
  /// A Stata data file (`.dta`, versions 104 to 119).
  case stata

  /// How the format is named in messages.
  package var displayName: String {
    switch self {
    case .csv: return "CSV"
    case .spss: return "SPSS (.sav)"
    case .spssCompressed: return "compressed SPSS (.zsav)"
    case .stata: return "Stata (.dta)"
    }
  }

  /// The format of the file at `path`, from its first bytes, then from its extension.
  ///
  /// The first bytes decide: `$FL2` is an SPSS file, `$FL3` a compressed one, `<stata_dta>` or a
  /// Stata release byte (`66`–`73` hex) followed by a byte order (`01`/`02`) and `01` a Stata file,
  /// whatever the file is called. A file named `.sav`, `.zsav` or `.dta` that does not start that
  /// way is an error (often a web page saved instead of the download), as are spreadsheets and
  /// compressed files, which need exporting first. Everything else is read as CSV.
  ///
  /// - Throws: ``SurveyReadError/cannotOpen(file:reason:)``,
  ///   ``SurveyReadError/notAStatisticalFile(file:expected:)``,
  ///   ``SurveyReadError/unsupportedFileType(file:kind:advice:)``.
  package static func detect(path: String) throws(SurveyReadError) -> SurveyFileFormat {
    let head = try firstBytes(of: path, count: 16)
    if let format = detect(head: head) { return format }
    let lowered = path.lowercased()
    for format in [SurveyFileFormat.spss, .spssCompressed, .stata] where lowered.hasSuffix(format.fileExtension) {
      if head.isEmpty { throw .emptyFile(file: path) }
      throw .notAStatisticalFile(file: path, expected: format)
    }
    if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      throw .unsupportedFileType(
        file: path, kind: "a ZIP archive, as an Excel workbook (.xlsx) or an OpenDocument spreadsheet is",
        advice: "Open it in the spreadsheet and save the sheet as CSV UTF-8, or unzip it first")
    }
    if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
      throw .unsupportedFileType(
        file: path, kind: "an old Excel workbook (.xls)", advice: "Open it in the spreadsheet and save the sheet as CSV UTF-8")
    }
    if head.starts(with: [0x1F, 0x8B]) {
      throw .unsupportedFileType(
        file: path, kind: "compressed with gzip", advice: "Uncompress it first (gunzip), then read the file inside")
    }
    if head.starts(with: Array("%PDF".utf8)) {
      throw .unsupportedFileType(
        file: path, kind: "a PDF document", advice: "Use the data file the survey was delivered with, not its report")
    }
    return .csv
  }

  /// The format announced by a file's first bytes, or `nil` when they announce none.
  static func detect(head: [UInt8]) -> SurveyFileFormat? {
    if head.starts(with: Array("$FL2".utf8)) { return .spss }
    if head.starts(with: Array("$FL3".utf8)) { return .spssCompressed }
    if head.starts(with: Array("<stata_dta>".utf8)) { return .stata }
    // Stata 104–116: release byte, byte order (1 = big-endian, 2 = little-endian), file type 1.
    if head.count >= 4, (0x68...0x73).contains(head[0]), head[1] == 1 || head[1] == 2, head[2] == 1, head[3] == 0 {
      return .stata
    }
    return nil
  }

  /// The usual file extension, with its dot.
  var fileExtension: String {
    switch self {
    case .csv: return ".csv"
    case .spss: return ".sav"
    case .spssCompressed: return ".zsav"
    case .stata: return ".dta"
    }
  }

  /// Up to `count` bytes from the start of the file (fewer for a shorter file; none for a folder).
  private static func firstBytes(of path: String, count: Int) throws(SurveyReadError) -> [UInt8] {
    var descriptor: Int32
    repeat { descriptor = open(path, O_RDONLY | O_CLOEXEC) } while descriptor < 0 && errno == EINTR
    guard descriptor >= 0 else { throw .cannotOpen(file: path, reason: String(cString: strerror(errno))) }
    defer { _ = close(descriptor) }
    var bytes = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, count - filled) }
      if got < 0 && errno == EINTR { continue }
      if got <= 0 { break }
      filled += got
    }
    return Array(bytes.prefix(filled))
  }
}
