import ArgumentParser
import Confiance

/// Domains, intervals and output, shared by every estimating command.
struct EstimationOptions: ParsableArguments {
  @Option(name: .customLong("by"), help: ArgumentHelp(
    "Estimate within each level of this variable (a domain). Repeat to cross variables.", valueName: "column"))
  var domainVariables: [String] = []

  @Option(name: .customLong("ci"), help: ArgumentHelp(
    "The confidence-interval method of shares: logit, likelihood, asin, beta, mean, xlogit or wilson.",
    valueName: "method"))
  var intervalMethod: IntervalMethod = .logit

  @Option(help: ArgumentHelp("The confidence level, between 0 and 1.", valueName: "level"))
  var level: Double = 0.95

  @Option(help: "Output format: text, json, csv or markdown.")
  var format: OutputFormat = .text

  func validate() throws {
    guard level > 0, level < 1 else {
      throw ValidationError("--level \(level) is not between 0 and 1; use e.g. --level 0.9 for 90% intervals.")
    }
  }
}

extension IntervalMethod: ExpressibleByArgument {
  public init?(argument: String) { self.init(name: argument) }
}

extension OutputFormat: ExpressibleByArgument {}
