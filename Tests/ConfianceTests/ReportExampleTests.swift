import Foundation
import ScratchFolders
import Testing

/// The README's `Report` example runs on the shipped survey and writes a report with its charts.
@Suite struct ReportExampleTests {
  @Test func exampleWritesAReportWithCharts() throws {
    let folder = try ScratchFolder.make("report-example")
    let report = try reportExample(
      repository: ReadmeExampleTests.repository.path, output: folder.appendingPathComponent("mon-rapport.md").path)
    let text = try String(contentsOf: folder.appendingPathComponent("mon-rapport.md"), encoding: .utf8)
    #expect(text.hasPrefix("# Rapport d'enquête\u{202F}: example-privacy.csv\n"))
    #expect(text.contains("## Le paradoxe par diplôme"))
    #expect(text.contains("![Ceux qui s'inquiètent agissent-ils pour protéger leurs données\u{202F}? — selon Niveau de diplôme. % pondéré d'inquiets"))
    #expect(text.contains("](mon-rapport/diplome-paradox.svg)"))
    let charts = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("mon-rapport").path)
    #expect(Set(charts) == Set(report.figures.map(\.fileName)))
    #expect(charts.contains("paradox.svg") && charts.contains("diplome-paradox.svg"))
  }
}
