import ArgumentParser
import Confiance

/// Weight trimming after raking, as R survey's `trimWeights()`.
struct TrimmingOptions: ParsableArguments {
  @Option(help: ArgumentHelp(
    "The largest weight allowed after raking: a number of weight units (40) or a multiple of the median weight (3.5median).",
    valueName: "bound"))
  var trimUpper: WeightBound?

  @Option(help: ArgumentHelp(
    "The smallest weight allowed after raking: a number (0.5) or a multiple of the median weight (0.3median).",
    valueName: "bound"))
  var trimLower: WeightBound?

  @Flag(help: "Trim again until no weight is outside the bounds (R's trimWeights(strict = TRUE)).")
  var trimStrict = false

  @Flag(help: "After trimming, rake again, and repeat until the weights are within the bounds (or --max-trim-rounds).")
  var trimAndRerake = false

  @Option(help: ArgumentHelp("The largest number of trim-and-rerake rounds.", valueName: "count"))
  var maxTrimRounds = 20

  func validate() throws {
    if (trimStrict || trimAndRerake), trimUpper == nil, trimLower == nil {
      throw ValidationError("--trim-strict and --trim-and-rerake need a bound: give --trim-upper and/or --trim-lower.")
    }
    guard maxTrimRounds >= 1 else { throw ValidationError("--max-trim-rounds \(maxTrimRounds) must be at least 1.") }
  }

  /// The trimming, or `nil` without bounds.
  var trimming: WeightTrimming? {
    guard trimUpper != nil || trimLower != nil else { return nil }
    return WeightTrimming(upper: trimUpper, lower: trimLower, strict: trimStrict)
  }
}

extension WeightBound: ExpressibleByArgument {
  /// `40`, `0.5`, `3.5median`.
  package init?(argument: String) { self.init(text: argument) }
}
