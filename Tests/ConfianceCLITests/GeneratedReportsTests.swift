import Foundation
import ScratchFolders
import Testing

/// The committed reports in `reports/` are what the current code makes: each report and notebook
/// is regenerated with the built `confiance` in a scratch copy of `surveys/` and `notebooks-md/`,
/// and every file must match byte for byte.
///
/// After an intended change, regenerate them with
///
///     RECORD_REPORTS=1 swift test --filter GeneratedReportsTests
///
/// and review the diff of `reports/` before committing it.
@Suite struct GeneratedReportsTests {
  /// The commands that make the committed reports, run from the repository's root.
  static let commands: [[String]] = [
    ["report", "surveys/privacy-france-2025.csv", "--targets", "surveys/privacy-france-2025.targets.csv"],
    [
      "report", "surveys/privacy-france-2025.csv", "--targets", "surveys/privacy-france-2025.targets.csv",
      "--lang", "fr", "--out", "reports/privacy-france-2025-fr.md",
    ],
    ["render", "notebooks-md/privacy-paradox.md"],
    ["render", "notebooks-md/weighting-walkthrough.md"],
  ]

  static let repository = CommandLineRunner.repository

  /// Every file under `folder`, relative to it, sorted; `README.md` at the top is left out.
  static func files(under folder: URL) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
    var files: [String] = []
    while let path = enumerator.nextObject() as? String {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
      if !isDirectory.boolValue, path != "README.md" { files.append(path) }
    }
    return files.sorted()
  }

  @Test func committedReportsAreUpToDate() throws {
    let manager = FileManager.default
    let scratch = try ScratchFolder.make("generated-reports")
    try manager.createDirectory(at: scratch.appendingPathComponent("reports"), withIntermediateDirectories: true)
    for folder in ["surveys", "notebooks-md"] {
      try manager.copyItem(at: Self.repository.appendingPathComponent(folder), to: scratch.appendingPathComponent(folder))
    }
    for command in Self.commands {
      // A hang guard, not a speed goal (speed lives in Benchmarks/): a debug build writes the raked
      // report with its model in 50–130 s while the other tests share the two processors.
      let result = try CommandLineRunner.run(command, in: scratch, timeout: 900)
      #expect(result.status == 0, "confiance \(command.joined(separator: " ")) failed: \(result.standardError)")
    }
    let generated = scratch.appendingPathComponent("reports")
    let committed = Self.repository.appendingPathComponent("reports")
    if ProcessInfo.processInfo.environment["RECORD_REPORTS"] == "1" {
      for file in Self.files(under: committed) { try manager.removeItem(at: committed.appendingPathComponent(file)) }
      for file in Self.files(under: generated) {
        let destination = committed.appendingPathComponent(file)
        try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try manager.copyItem(at: generated.appendingPathComponent(file), to: destination)
      }
      return
    }
    let expectedFiles = Self.files(under: committed)
    let actualFiles = Self.files(under: generated)
    #expect(actualFiles == expectedFiles, "reports/ lists other files than the code makes; regenerate with RECORD_REPORTS=1 swift test --filter GeneratedReportsTests")
    for file in actualFiles where expectedFiles.contains(file) {
      let actual = manager.contents(atPath: generated.appendingPathComponent(file).path)
      let expected = manager.contents(atPath: committed.appendingPathComponent(file).path)
      #expect(actual == expected, "reports/\(file) is out of date; regenerate with RECORD_REPORTS=1 swift test --filter GeneratedReportsTests and review the diff")
    }
    try? manager.removeItem(at: scratch)
  }
}
