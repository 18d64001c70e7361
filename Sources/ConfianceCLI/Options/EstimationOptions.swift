import ArgumentParser
import Confiance

/// Domains, intervals and output, shared by every estimating command.
struct EstimationOptions: ParsableArguments {
  @Option(name: .customLong("by"), help: ArgumentHelp(
    "Estimate within each level of this variable (a domain). Repeat to cross variables.", valueName: "column"))
  var domainVariables: [String] = []

  @Option(name: .customLong("ci"), help: ArgumentHelp(
    "The confidence-interval method of shares: logit (default), likelihood, asin, beta, mean, xlogit or wilson.",
    valueName: "method"))
  var intervalMethodChoice: IntervalMethod?

  /// The `--ci` method, logit (R's default) without it.
  var intervalMethod: IntervalMethod { intervalMethodChoice ?? .logit }

  @Option(help: ArgumentHelp("The confidence level, between 0 and 1.", valueName: "level"))
  var level: Double = 0.95

  @Option(help: "Output format: text, json, csv or markdown.")
  var format: OutputFormat = .text

  func validate() throws {
    guard level > 0, level < 1 else {
      throw ValidationError("--level \(level) is not between 0 and 1; use e.g. --level 0.9 for 90% intervals.")
    }
  }

  /// Refuses `--ci` in a command whose intervals are not those of shares.
  func refusingIntervalMethod(_ intervals: String) throws {
    if let method = intervalMethodChoice {
      throw ValidationError("--ci \(method.rawValue) chooses the interval of shares; \(intervals). Leave --ci out.")
    }
  }
}

extension IntervalMethod: ExpressibleByArgument {
  /// Reads the interval method from its command-line name (`logit`, `wilson`, `beta`…).
  public init?(argument: String) { self.init(name: argument) }
}

extension OutputFormat: ExpressibleByArgument {}
