/// How a design gets its replicate weights: columns of the data (R survey's `svrepdesign()`), or
/// replicates created from the declared strata and PSUs (R's `as.svrepdesign()`); part of a
/// ``DesignDeclaration``.
///
/// ```swift
/// // 80 successive-difference replicates shipped with the file, as R's
/// // svrepdesign(repweights = "repw[0-9]+", weights = ~w, type = "successive-difference")
/// let supplied = ReplicateDeclaration(source: .columns(matching: "repw[0-9]+"), method: .successiveDifference)
/// // a stratified jackknife of the declared design, as R's as.svrepdesign(design, type = "JKn")
/// let created = ReplicateDeclaration(source: .created(), method: .stratifiedJackknife)
/// ```
public struct ReplicateDeclaration: Sendable, Hashable, Codable {
  /// Where the replicates come from.
  public enum Source: Sendable, Hashable, Codable {
    /// The columns whose names match a regular expression anywhere in the name (R's
    /// `repweights = "repw[0-9]+"`, found with `grep()`), in file order. They hold analysis
    /// weights, the full-sample weight already multiplied in (R's `combined.weights = TRUE`).
    case columns(matching: String)
    /// Replicates made from the strata and PSUs of the declaration (R's `as.svrepdesign()`).
    /// `count` is the number of bootstrap replicates (R's default 50) and `seed` seeds their draw;
    /// other methods have as many replicates as their construction gives.
    case created(count: Int? = nil, seed: UInt64? = nil)
  }

  /// Where the replicates come from.
  package var source: Source
  /// How they were formed.
  package var method: ReplicateMethod
  /// Fay's ρ, in (0, 1): required for ``ReplicateMethod/fay``.
  package var fayRho: Double?
  /// The overall scale of the variance; `nil` for the method's default (supplied replicates only:
  /// ignored by BRR, Fay, SDR and ACS, as in R).
  package var scale: Double?
  /// One scale per replicate, or one for all (R's `rscales`); `nil` for 1, except that a supplied
  /// ``ReplicateMethod/stratifiedJackknife`` needs them.
  package var replicateScales: [Double]?
  /// Whether variances are centred at the full-sample estimate rather than at the mean of the
  /// replicates (R's `mse = TRUE`; its default `getOption("survey.replicates.mse")` is `FALSE`).
  package var meanSquaredError: Bool

  /// Declares replicate weights.
  public init(
    source: Source, method: ReplicateMethod, fayRho: Double? = nil, scale: Double? = nil,
    replicateScales: [Double]? = nil, meanSquaredError: Bool = false
  ) {
    self.source = source
    self.method = method
    self.fayRho = fayRho
    self.scale = scale
    self.replicateScales = replicateScales
    self.meanSquaredError = meanSquaredError
  }

  /// The names that `pattern` matches anywhere, in their order (R's `grep(pattern, names)`); `nil`
  /// when the pattern is not a regular expression.
  package static func names(_ names: [String], matching pattern: String) -> [String]? {
    guard let expression = try? Regex(pattern) else { return nil }
    return names.filter { $0.contains(expression) }
  }

  /// The columns of `names` that hold replicate weights: those matching the pattern of supplied
  /// replicates; none for created ones or a pattern that is not a regular expression.
  package func columnNames(among names: [String]) -> [String] {
    guard case .columns(let pattern) = source else { return [] }
    return Self.names(names, matching: pattern) ?? []
  }
}
