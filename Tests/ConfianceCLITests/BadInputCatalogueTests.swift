import Foundation
import Testing

/// Every entry of docs/bad-inputs.md, run with the built `confiance` as a user would.
///
/// The page is the test's source: each `console` block holds a command (`$ confiance …`, run
/// from the bad-inputs fixture folder) and the exact message. New sections (targets files,
/// notebooks) are picked up as they are written.
@Suite struct BadInputCatalogueTests {
  struct Entry: CustomTestStringConvertible, Sendable {
    var title: String
    var arguments: [String]
    var message: String
    /// 65 unless the block shows another after `$ echo $?` (databases: 64 for a request, 1 for a server).
    var status: Int32 = 65
    var testDescription: String { title }
  }

  static let catalogue = CommandLineRunner.repository.appendingPathComponent("docs/bad-inputs.md")
  static let folder = CommandLineRunner.repository.appendingPathComponent("Tests/ConfianceCLITests/Fixtures/bad-inputs")

  /// The entries of the page, in order.
  static let entries: [Entry] = {
    guard let text = try? String(contentsOf: catalogue, encoding: .utf8) else { return [] }
    var entries: [Entry] = []
    var title = ""
    let lines = text.components(separatedBy: "\n")
    var index = 0
    while index < lines.count {
      let line = lines[index]
      if line.hasPrefix("### ") { title = String(line.dropFirst(4)) }
      if line == "```console", index + 3 < lines.count, lines[index + 1].hasPrefix("$ confiance ") {
        let command = lines[index + 1].dropFirst("$ confiance ".count)
        var entry = Entry(title: title, arguments: command.split(separator: " ").map(String.init), message: lines[index + 2])
        if lines[index + 3] == "```" {
          entries.append(entry)
          index += 3
        } else if index + 5 < lines.count, lines[index + 3] == "$ echo $?", let status = Int32(lines[index + 4]),
          lines[index + 5] == "```"
        {
          entry.status = status
          entries.append(entry)
          index += 5
        }
      }
      index += 1
    }
    return entries
  }()

  @Test func theCatalogueHasAtLeastFortyEntries() {
    #expect(Self.entries.count >= 40)
    #expect(Set(Self.entries.map(\.title)).count == Self.entries.count)
  }

  @Test(arguments: entries)
  func entry(_ entry: Entry) throws {
    let before = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
    let result = try CommandLineRunner.run(entry.arguments, in: Self.folder, timeout: 60)
    #expect(result.status == entry.status, "exit status (-1: stopped after a minute)")
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError == entry.message + "\n")
    #expect(!result.standardError.contains("Fatal error"))
    // The message names a file of the command (data or codebook) and starts as every error does.
    #expect(entry.message.hasPrefix("confiance: error: "))
    if let location = entry.arguments.first(where: { $0.contains("://") }) {
      // A database: the message names the engine, never the password of the URL.
      #expect(entry.message.contains("PostgreSQL") || entry.message.contains("Spark"), "the message names the engine")
      // postgresql://user:password@host…: the password is the text between the second ':' and the '@'.
      if location.contains("@"), let password = location.split(separator: "@").first?.split(separator: ":").dropFirst(2).first {
        #expect(!entry.message.contains(password), "the password is never printed")
      }
    } else {
      let files = entry.arguments.filter { !$0.hasPrefix("-") && $0.contains(".") }
      #expect(files.contains { entry.message.contains($0) }, "the message names the file")
    }
    // No file was created or left behind, in particular no output.
    let after = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
    #expect(after == before)
    if let output = entry.arguments.firstIndex(of: "--output").map({ entry.arguments[$0 + 1] }) {
      #expect(!FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent(output).path))
    }
  }
}
