import ArgumentParser
import Confiance

@main
struct ConfianceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "confiance", abstract: "Design-based estimates for consumer-privacy surveys.", version: "0.1.0")
}
