import Foundation
import ScratchFolders
import Testing

@testable import Confiance

/// `Report.write(to:replacingExisting:)`: the report and its charts, atomically, never over
/// existing files unless asked.
@Suite struct ReportWritingTests {
  func temporaryFolder() throws -> String {
    try ScratchFolder.make("report-writing").path
  }

  static let report = Report(title: "T", blocks: [
    .figure(Figure(fileName: "a.svg", alternativeText: "A", svg: "<svg>a</svg>\n")),
    .figure(Figure(fileName: "b.svg", alternativeText: "B", svg: "<svg>b</svg>\n")),
  ])

  @Test func writesTheReportAndItsChartsNextToIt() throws {
    let folder = try temporaryFolder()
    let written = try Self.report.write(to: folder + "/survey.md")
    #expect(written == [folder + "/survey.md", folder + "/survey/a.svg", folder + "/survey/b.svg"])
    let text = try String(contentsOfFile: folder + "/survey.md", encoding: .utf8)
    #expect(text == "# T\n\n![A](survey/a.svg)\n\n![B](survey/b.svg)\n")
    #expect(try String(contentsOfFile: folder + "/survey/b.svg", encoding: .utf8) == "<svg>b</svg>\n")
    // No temporary file is left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["survey", "survey.md"])
  }

  @Test func refusesToReplaceWithoutPermission() throws {
    let folder = try temporaryFolder()
    try Self.report.write(to: folder + "/survey.md")
    #expect(throws: ReportWriteError.exists(path: folder + "/survey.md")) {
      try Report(title: "Other").write(to: folder + "/survey.md")
    }
    #expect(try String(contentsOfFile: folder + "/survey.md", encoding: .utf8).hasPrefix("# T\n"))
  }

  @Test func replacingRemovesChartsTheNewReportNoLongerHas() throws {
    let folder = try temporaryFolder()
    try Self.report.write(to: folder + "/survey.md")
    let smaller = Report(title: "T2", blocks: [Self.report.blocks[0]])
    try smaller.write(to: folder + "/survey.md", replacingExisting: true)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/survey") == ["a.svg"])
  }

  @Test func aMissingFolderIsNamed() {
    #expect(throws: ReportWriteError.missingFolder(path: "/nonexistent-folder-xyz")) {
      try Report(title: "T").write(to: "/nonexistent-folder-xyz/r.md")
    }
    #expect(ReportWriteError.exists(path: "reports/x.md").description
      == "reports/x.md already exists; ask for it to be replaced (the report and its charts are replaced together).")
  }

  @Test func aReportThatCannotBeWrittenLeavesNoChartsAndNoChartFolder() throws {
    let folder = try temporaryFolder()
    // The report's name is taken by a folder: nothing can be written, not even the charts.
    try FileManager.default.createDirectory(atPath: folder + "/survey.md", withIntermediateDirectories: false)
    #expect(throws: ReportWriteError.unwritable(path: folder + "/survey.md", reason: "it is a folder")) {
      try Self.report.write(to: folder + "/survey.md", replacingExisting: true)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["survey.md"])
  }

  @Test func twoChartsCannotShareAFile() throws {
    let folder = try temporaryFolder()
    let twice = Report(title: "T", blocks: [Self.report.blocks[0], Self.report.blocks[0]])
    #expect(throws: ReportWriteError.duplicateFigure(fileName: "a.svg")) { try twice.write(to: folder + "/r.md") }
    #expect(!FileManager.default.fileExists(atPath: folder + "/r.md"))
  }
}
