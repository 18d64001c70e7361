/// Where a population target was written: a targets file and line, so that errors can point at it.
public struct TargetOrigin: Sendable, Hashable, CustomStringConvertible {
  /// The targets file, as the user named it; `nil` for targets built in code.
  package var file: String?
  /// The 1-based line of the file.
  package var line: Int

  /// Creates an origin.
  package init(file: String?, line: Int) {
    self.file = file
    self.line = line
  }

  /// `targets.csv:4`, or `line 4` without a file.
  public var description: String { file.map { "\($0):\(line)" } ?? "line \(line)" }
}

/// The population distribution of one raking variable (or of several crossed variables): a target
/// for every category (cell), as population totals or as proportions.
///
/// ```swift
/// let sex = Margin(variable: "sex", targets: [("F", 0.52), ("M", 0.48)], scale: .proportions)
/// let region = Margin(variable: "region", targets: [("north", 41_000), ("south", 59_000)])
/// let sexByAge = Margin(variables: ["sex", "age"], cells: [
///   .init(categories: ["F", "18-34"], target: 14_000), …])
/// ```
public struct Margin: Sendable, Hashable {
  /// How the targets of a margin are expressed.
  public enum Scale: String, Sendable, Hashable, Codable {
    /// Population counts (the weights of a cell will sum to its target).
    case totals
    /// Shares of the population that sum to 1; they are multiplied by the population size.
    case proportions
  }

  /// One cell of the margin: a category of each of `Margin.variables` and its target.
  public struct Cell: Sendable, Hashable {
    /// One category per variable of the margin, as written in the data.
    package var categories: [String]
    /// The population total or proportion of the cell.
    package var target: Double
    /// Where the target was written.
    package var origin: TargetOrigin?

    /// Creates a cell.
    public init(categories: [String], target: Double, origin: TargetOrigin? = nil) {
      self.categories = categories
      self.target = target
      self.origin = origin
    }
  }

  /// The variables; several variables are crossed (R's `~sex + age` margin of `rake()`).
  package var variables: [String]
  /// The cells, in the order they were given.
  package var cells: [Cell]
  /// Whether the targets are totals or proportions.
  package var scale: Scale

  /// Creates a margin on one or more crossed variables.
  public init(variables: [String], cells: [Cell], scale: Scale = .totals) {
    self.variables = variables
    self.cells = cells
    self.scale = scale
  }

  /// Creates a margin on one variable from (category, target) pairs.
  public init(variable: String, targets: [(category: String, target: Double)], scale: Scale = .totals) {
    self.init(
      variables: [variable], cells: targets.map { Cell(categories: [$0.category], target: $0.target) }, scale: scale)
  }

  /// The variables joined by `*` (`sex*age`): how the margin is named in targets files and messages.
  package var name: String { variables.joined(separator: "*") }

  /// A cell's categories joined by `*` (`F*18-34`).
  static func label(_ categories: [String]) -> String { categories.joined(separator: "*") }

  /// Where the margin's first target was written.
  package var origin: TargetOrigin? { cells.first?.origin }

  /// The sum of the targets.
  var targetSum: Double { cells.reduce(0) { $0 + $1.target } }
}

/// The margins a survey is raked to, in the order they are fitted, and the population size that
/// proportions are scaled to.
public struct PopulationMargins: Sendable, Hashable {
  /// The margins, fitted in this order in every sweep.
  package var margins: [Margin]
  /// The population size N that proportion margins are multiplied by; `nil` takes the sum of the
  /// first margin given as totals, or else the current weight total of the design.
  package var populationSize: Double?
  /// The targets file, for messages; `nil` for margins built in code.
  package var source: String?

  /// Creates population margins.
  public init(_ margins: [Margin], populationSize: Double? = nil, source: String? = nil) {
    self.margins = margins
    self.populationSize = populationSize
    self.source = source
  }

  /// Every variable named by a margin, without repetition, in order of first appearance.
  package var variables: [String] {
    var seen = Set<String>()
    return margins.flatMap(\.variables).filter { seen.insert($0).inserted }
  }
}
