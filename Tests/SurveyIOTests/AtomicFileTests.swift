import Foundation
import ScratchFolders
import Testing

@testable import SurveyIO

/// Outputs appear whole or not at all, and existing files are replaced only when asked.
@Suite("Atomic output files")
struct AtomicFileTests {
  /// A fresh empty folder.
  private func folder() throws -> URL {
    try ScratchFolder.make("AtomicFileTests")
  }

  private func contents(of folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  @Test("a new file is written, with nothing else left in the folder")
  func writesNewFile() throws {
    let folder = try folder()
    let path = folder.appendingPathComponent("report.md").path
    try AtomicFile.write("# Résultats\n", to: path, overwrite: false)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "# Résultats\n")
    #expect(try contents(of: folder) == ["report.md"])
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o666 & ~Int(currentUmask()))
  }

  @Test("an existing file is refused without overwrite, and left unchanged")
  func refusesExisting() throws {
    let folder = try folder()
    let path = folder.appendingPathComponent("raked.csv").path
    try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
    #expect(throws: OutputFileError.alreadyExists(file: path)) {
      try AtomicFile.write("new\n", to: path, overwrite: false)
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
    #expect(try contents(of: folder) == ["raked.csv"])
    #expect(
      OutputFileError.alreadyExists(file: "raked.csv").description
        == "raked.csv: the file already exists, and confiance does not replace files unless asked. "
        + "Ask for it to be replaced, or choose another name.")
  }

  @Test("overwrite replaces the file and keeps its permissions")
  func overwrites() throws {
    let folder = try folder()
    let path = folder.appendingPathComponent("codebook.yaml").path
    try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
    try AtomicFile.write(Array("new\n".utf8), to: path, overwrite: true)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
    #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o640)
    #expect(try contents(of: folder) == ["codebook.yaml"])
  }

  @Test("a folder that does not exist: an error and no file")
  func missingFolder() throws {
    let folder = try folder()
    let path = folder.appendingPathComponent("no-such-folder/report.md").path
    #expect(throws: OutputFileError.cannotCreate(file: path, reason: "No such file or directory")) {
      try AtomicFile.write("x", to: path, overwrite: true)
    }
    #expect(try contents(of: folder) == [])
  }

  @Test("a folder as destination is refused, even with overwrite")
  func folderDestination() throws {
    let folder = try folder()
    #expect(throws: OutputFileError.cannotCreate(file: folder.path, reason: "it is a folder")) {
      try AtomicFile.write("x", to: folder.path, overwrite: true)
    }
    #expect(try contents(of: folder) == [])
  }

  @Test("several files are written together, and nothing else is left")
  func writesSeveralFiles() throws {
    let folder = try folder()
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("charts"), withIntermediateDirectories: false)
    let chart = folder.appendingPathComponent("charts/a.svg").path
    let report = folder.appendingPathComponent("report.md").path
    try AtomicFile.write([(chart, Array("<svg/>".utf8)), (report, Array("![a](charts/a.svg)".utf8))], overwrite: false)
    #expect(try String(contentsOfFile: chart, encoding: .utf8) == "<svg/>")
    #expect(try String(contentsOfFile: report, encoding: .utf8) == "![a](charts/a.svg)")
    #expect(try contents(of: folder) == ["charts", "report.md"])
    #expect(try contents(of: folder.appendingPathComponent("charts")) == ["a.svg"])
  }

  @Test("one existing file among several: none is written")
  func severalFilesOneExisting() throws {
    let folder = try folder()
    let first = folder.appendingPathComponent("a.svg").path
    let second = folder.appendingPathComponent("report.md").path
    try "old\n".write(toFile: second, atomically: false, encoding: .utf8)
    #expect(throws: OutputFileError.alreadyExists(file: second)) {
      try AtomicFile.write([(first, [1]), (second, [2])], overwrite: false)
    }
    #expect(try contents(of: folder) == ["report.md"])
    #expect(try String(contentsOfFile: second, encoding: .utf8) == "old\n")
  }

  @Test("a file that cannot be created among several: none is written, no temporary file is left")
  func severalFilesOneImpossible() throws {
    let folder = try folder()
    let first = folder.appendingPathComponent("a.svg").path
    let second = folder.appendingPathComponent("no-such-folder/report.md").path
    #expect(throws: OutputFileError.cannotCreate(file: second, reason: "No such file or directory")) {
      try AtomicFile.write([(first, [1]), (second, [2])], overwrite: true)
    }
    #expect(try contents(of: folder) == [])
  }

  @Test("a relative path in the working folder")
  func relativePath() throws {
    let folder = try folder()
    let previous = FileManager.default.currentDirectoryPath
    // Only this test changes the working folder; the others use absolute paths.
    #expect(FileManager.default.changeCurrentDirectoryPath(folder.path))
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    try AtomicFile.write("x\n", to: "out.txt", overwrite: false)
    #expect(try contents(of: folder) == ["out.txt"])
  }
}

/// The process's file-creation mask.
private func currentUmask() -> mode_t {
  let mask = umask(0o022)
  umask(mask)
  return mask
}
