import Foundation
import ScratchFolders
import Testing

/// Every output is written whole or not at all: a write that fails part-way (here: past a file-size
/// limit, as on a full disk) leaves no partial file, no temporary file, and an earlier output and
/// the input as they were.
@Suite struct OutputSafetyTests {
  static let raking = CommandLineRunner.repository.appendingPathComponent("Tests/SurveyStatisticsTests/Fixtures/raking")
  static let report = CommandLineRunner.repository.appendingPathComponent("Tests/ConfianceCLITests/Fixtures/report")

  /// A fresh folder holding copies of `files` of `source`.
  func scratch(_ files: [String], from source: URL) throws -> URL {
    let folder = try ScratchFolder.make("OutputSafetyTests")
    for file in files {
      try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: folder.appendingPathComponent(file))
    }
    return folder
  }

  /// Every file under `folder` (relative paths) with its bytes.
  func snapshot(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folder.path)
    while let path = enumerator?.nextObject() as? String {
      let url = folder.appendingPathComponent(path)
      var isFolder: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
      files[path] = isFolder.boolValue ? Data() : try Data(contentsOf: url)
    }
    return files
  }

  @Test func rakeFailingPartWayLeavesNoCopyAndTheInputUntouched() throws {
    let folder = try scratch(["weights_only.csv", "weights-only-targets.csv"], from: Self.raking)
    let before = try snapshot(folder)
    let arguments = ["rake", "weights_only.csv", "--targets", "weights-only-targets.csv", "--weight", "w", "--out", "raked.csv"]
    // 8 blocks (4 KB): the 17 KB copy fails part-way.
    let failed = try CommandLineRunner.run(arguments, in: folder, fileSizeLimit: 8)
    #expect(failed.status == 73)
    #expect(failed.standardOutput.isEmpty)
    #expect(failed.standardError.hasPrefix("confiance: error: raked.csv: cannot write the file (File too large)."))
    #expect(try snapshot(folder) == before)

    // An earlier copy is kept whole when replacing it with --force fails.
    let written = try CommandLineRunner.run(arguments, in: folder)
    #expect(written.status == 0)
    let copy = try snapshot(folder)
    #expect(copy.keys.sorted() == ["raked.csv", "weights-only-targets.csv", "weights_only.csv"])
    let replacing = try CommandLineRunner.run(arguments + ["--force"], in: folder, fileSizeLimit: 8)
    #expect(replacing.status == 73)
    #expect(try snapshot(folder) == copy)
  }

  @Test func reportFailingPartWayLeavesNoReportAndNoCharts() throws {
    let folder = try scratch(["small-survey.csv", "small-survey.codebook.yaml"], from: Self.report)
    let before = try snapshot(folder)
    let arguments = ["report", "small-survey.csv", "--out", "report.md"]
    let failed = try CommandLineRunner.run(arguments, in: folder, fileSizeLimit: 1)
    #expect(failed.status == 73)
    #expect(failed.standardError.contains("File too large"))
    #expect(try snapshot(folder) == before)

    let written = try CommandLineRunner.run(arguments, in: folder)
    #expect(written.status == 0)
    let report = try snapshot(folder)
    #expect(report.keys.contains("report.md") && report.keys.contains { $0.hasPrefix("report/") && $0.hasSuffix(".svg") })
    let replacing = try CommandLineRunner.run(arguments + ["--force"], in: folder, fileSizeLimit: 1)
    #expect(replacing.status == 73)
    #expect(try snapshot(folder) == report)
  }

  @Test func renderFailingPartWayLeavesNoReport() throws {
    let folder = try scratch(["small-survey.csv"], from: Self.report)
    try """
      ---
      survey: small-survey.csv
      ---
      # Paradox

      ```confiance
      gap --concern concern_data=4,5 --action prot_cookies=1 --by age_band
      ```

      """.write(to: folder.appendingPathComponent("notebook.md"), atomically: true, encoding: .utf8)
    let before = try snapshot(folder)
    let failed = try CommandLineRunner.run(["render", "notebook.md", "--out", "out.md"], in: folder, fileSizeLimit: 1)
    #expect(failed.status == 73)
    #expect(failed.standardError.contains("File too large"))
    #expect(try snapshot(folder) == before)
    let written = try CommandLineRunner.run(["render", "notebook.md", "--out", "out.md"], in: folder)
    #expect(written.status == 0)
    #expect(try snapshot(folder).keys.contains("out/cell-1-paradox.svg"))
  }

  @Test func codebookFailingPartWayLeavesNoFile() throws {
    let folder = try scratch(["small-survey.csv", "small-survey.codebook.yaml"], from: Self.report)
    let before = try snapshot(folder)
    let failed = try CommandLineRunner.run(
      ["codebook", "small-survey.csv", "--output", "written.yaml"], in: folder, fileSizeLimit: 1)
    #expect(failed.status == 73)
    #expect(failed.standardError == "confiance: error: written.yaml: writing the file failed (File too large); "
      + "nothing was written. Check the free space on the disk.\n")
    #expect(try snapshot(folder) == before)
  }
}
