// Writing files is SurveyIO's (atomic outputs), rendering is SurveyMarkdown's: a report is written
// here, where both meet.
package import SurveyStatistics
public import SurveyMarkdown

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import SurveyIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Report {
  /// Writes the report and its charts: `reports/survey.md` and, next to it, one SVG file per
  /// figure in `reports/survey/`, linked relatively so the report renders on GitHub and in any
  /// Markdown viewer.
  ///
  /// The files are written as one output (`AtomicFile.write(_:overwrite:)`): each first to a
  /// temporary file in its own folder, and only once all are written are they renamed into
  /// place, the report last, so a reader never sees half a report and a failure while writing
  /// leaves no file behind (nor the chart folder, when this call created it). Without
  /// `replacingExisting`, nothing is written when the report or one of its charts already
  /// exists. With it, SVG files left in the chart folder by an earlier version of the report are
  /// removed.
  ///
  /// - Parameters:
  ///   - path: The Markdown file to write; its folder must exist.
  ///   - replacingExisting: Whether existing files may be replaced.
  /// - Returns: The paths written, the report first.
  /// - Throws: ``ReportWriteError`` when a file exists and may not be replaced, cannot be written,
  ///   or when two figures share a file name.
  @discardableResult
  public func write(to path: String, replacingExisting: Bool = false) throws -> [String] {
    let (folder, name) = Self.split(path)
    let figureFolder = Self.stem(of: name)
    let figurePath = folder.isEmpty ? figureFolder : folder + "/" + figureFolder
    let files = [(path, render(figureFolder: figureFolder))]
      + figures.map { (figurePath + "/" + $0.fileName, $0.svg) }
    var names = Set<String>()
    for figure in figures where !names.insert(figure.fileName).inserted {
      throw ReportWriteError.duplicateFigure(fileName: figure.fileName)
    }
    let manager = FileManager.default
    if !replacingExisting {
      if let existing = files.first(where: { manager.fileExists(atPath: $0.0) }) {
        throw ReportWriteError.exists(path: existing.0)
      }
    }
    if !folder.isEmpty, !manager.fileExists(atPath: folder) {
      throw ReportWriteError.missingFolder(path: folder)
    }
    var createdFigureFolder = false
    if !figures.isEmpty, !manager.fileExists(atPath: figurePath) {
      do {
        try manager.createDirectory(atPath: figurePath, withIntermediateDirectories: true)
        createdFigureFolder = true
      } catch {
        throw ReportWriteError.unwritable(path: figurePath, reason: "the folder cannot be created")
      }
    }
    do throws(OutputFileError) {
      // The charts first and the report last: once the report is there, so are its charts.
      try AtomicFile.write(files.dropFirst().map { ($0.0, Array($0.1.utf8)) } + [(path, Array(files[0].1.utf8))],
                           overwrite: replacingExisting)
    } catch {
      if createdFigureFolder { _ = rmdir(figurePath) }
      switch error {
      case .alreadyExists(let file): throw ReportWriteError.exists(path: file)
      case .cannotCreate(let file, let reason), .cannotWrite(let file, let reason):
        throw ReportWriteError.unwritable(path: file, reason: reason)
      }
    }
    if replacingExisting, let existing = try? manager.contentsOfDirectory(atPath: figurePath) {
      let kept = Set(figures.map(\.fileName))
      for file in existing.sorted() where file.hasSuffix(".svg") && !kept.contains(file) {
        try? manager.removeItem(atPath: figurePath + "/" + file)
      }
    }
    return files.map(\.0)
  }

  /// What ``write(to:replacingExisting:)`` wrote, in a sentence: `Wrote reports/x.md and 7 charts
  /// in reports/x/`.
  package static func writtenSummary(_ written: [String]) -> String {
    let (folder, name) = split(written[0])
    let charts = written.count - 1
    return "Wrote \(written[0])" + (charts == 0 ? "" : " and \(charts) chart\(charts > 1 ? "s" : "") in "
      + (folder.isEmpty ? "" : folder + "/") + stem(of: name) + "/")
  }
}

/// Why a report could not be written.
public enum ReportWriteError: Error, CustomStringConvertible, Equatable {
  /// The file exists and replacing it was not allowed.
  case exists(path: String)
  /// The folder of the report does not exist.
  case missingFolder(path: String)
  /// The file could not be written.
  case unwritable(path: String, reason: String)
  /// Two figures of the report have the same file name.
  case duplicateFigure(fileName: String)

  /// A sentence for the researcher: what is wrong, where, and what to do.
  public var description: String {
    switch self {
    case .exists(let path):
      return "\(path) already exists; ask for it to be replaced (the report and its charts are replaced together)."
    case .missingFolder(let path):
      return "the folder \(path) does not exist; create it first (mkdir -p \(path)) or choose another output file."
    case .unwritable(let path, let reason):
      return "\(path) cannot be written: \(reason). Check that the folder is writable."
    case .duplicateFigure(let fileName):
      return "two charts of the report are both named \(fileName); give each figure its own file name (e.g. ParadoxTable's chartFileName)."
    }
  }
}

extension ReportWriteError: ConfianceError {
  /// Always ``ErrorKind/output``.
  package var kind: ErrorKind { .output }
  /// Replacing the report, when it exists; another output file when its folder is missing.
  package var remedy: Remedy? {
    switch self {
    case .exists: return .replaceExisting
    case .missingFolder: return .otherOutputFile
    default: return nil
    }
  }
}
