import ArgumentParser

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  /// An aligned table for a terminal.
  case text
  /// The documented JSON contract.
  case json
  /// One row per estimate.
  case csv
  /// A GitHub-flavoured Markdown table.
  case markdown
}
