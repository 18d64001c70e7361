// The factors of a table raked where it lives are written here, where SurveyIO's atomic files and
// SurveyMarkdown's report meet; the file names `confiance rake` chooses by default are here too.
package import SurveyStatistics
package import SurveyMarkdown
internal import SurveyIO

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension WeightingReport {
  /// The report of a table raked where it lives (``GroupSumsRaking``, with `control`'s iteration
  /// limit), its cells' factors (``factorsCSV(column:)``) written to `destination` (default
  /// ``factorsPath(forTable:)``) all at once (``AtomicFile``), for the raked weights `weightColumn`.
  ///
  /// - Throws: ``OutputFileError`` when the file exists and `replacingExisting` is not set, or
  ///   cannot be written.
  package init(
    factorsOf raking: GroupSumsRaking, table: String, control: RakingControl, destination: String?,
    weightColumn: String, replacingExisting: Bool
  ) throws {
    self.init(cellRaking: raking, table: table, maxIterations: control.maxIterations)
    let path = destination ?? Self.factorsPath(forTable: table)
    try AtomicFile.write(factorsCSV(column: weightColumn)!, to: path, overwrite: replacingExisting)
    output = (path, weightColumn)
  }

  /// The default raked copy of a file: `survey.csv` → `survey-raked.csv` in the same folder.
  package static func rakedCopyPath(for file: String) -> String {
    let url = URL(fileURLWithPath: file)
    let stem = url.deletingPathExtension().lastPathComponent
    let name = stem + "-raked" + (url.pathExtension.isEmpty ? ".csv" : "." + url.pathExtension)
    guard let slash = file.lastIndex(of: "/") else { return name }
    return String(file[...slash]) + name
  }

  /// The default factors file of a table, in the current folder: its name's last part (the file
  /// name without extension of a Spark path, `` parquet.`/data/fr2025.parquet` ``), every
  /// character but letters, digits, `.`, `_` and `-` replaced by `_`, then `-raking-factors.csv`:
  /// `public.fr2025` → `public.fr2025-raking-factors.csv`.
  package static func factorsPath(forTable table: String) -> String {
    var name = table
    if let tick = name.firstIndex(of: "`") {
      let path = name[name.index(after: tick)...].filter { $0 != "`" }
      let file = path.split(separator: "/").last.map(String.init) ?? String(path)
      name = file.contains(".") ? String(file[..<file.lastIndex(of: ".")!]) : file
    }
    let safe = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
    return (safe.isEmpty ? "table" : safe) + "-raking-factors.csv"
  }
}
