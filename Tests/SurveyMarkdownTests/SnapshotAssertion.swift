import Foundation
import Testing

/// Compares `text` with the committed snapshot `Snapshots/<name>`; with `RECORD_SNAPSHOTS=1` in the
/// environment, writes the snapshot instead (then review the diff and commit it).
///
/// On a mismatch the failure names the first differing line and shows both versions of it.
func assertSnapshot(
  _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  let file = folder.appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    do {
      try Data(text.utf8).write(to: file)
    } catch {
      Issue.record("could not record snapshot \(name): \(error)", sourceLocation: sourceLocation)
    }
    return
  }
  guard let data = FileManager.default.contents(atPath: file.path) else {
    Issue.record(
      "no snapshot \(name) in Tests/SurveyMarkdownTests/Snapshots; run RECORD_SNAPSHOTS=1 swift test --filter SurveyMarkdownTests and review it",
      sourceLocation: sourceLocation)
    return
  }
  let expected = String(decoding: data, as: UTF8.self)
  guard expected != text else { return }
  let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
  let index = Array(zip(expectedLines, actualLines)).firstIndex { $0.0 != $0.1 } ?? min(expectedLines.count, actualLines.count)
  let line = { (lines: [Substring]) in index < lines.count ? String(lines[index]) : "(end of text)" }
  Issue.record(
    """
    \(name) differs from its snapshot at line \(index + 1):
      snapshot: \(line(expectedLines))
      actual:   \(line(actualLines))
    If the change is intended, re-record with RECORD_SNAPSHOTS=1 swift test --filter SurveyMarkdownTests.
    """, sourceLocation: sourceLocation)
}
