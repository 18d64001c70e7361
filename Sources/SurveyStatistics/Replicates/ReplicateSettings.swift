/// Replicate-weight settings given one by one, each optional — a codebook's `design:` keys, a front
/// end's options — and the ``ReplicateDeclaration`` they make, alone or laid over one declared
/// elsewhere (a codebook's, overridden on the command line).
///
/// Supplied replicates are R survey's `svrepdesign(repweights =, type =, rho =, scale =, rscales =,
/// mse =, combined.weights = TRUE)`; created ones `as.svrepdesign(design, type =, fay.rho =,
/// replicates =, mse =)`. Defaults are R 4.1's: a supplied type of BRR (the first of `svrepdesign`'s
/// types), 50 bootstrap replicates, variances centred at the mean of the replicates (`mse = FALSE`).
///
/// ```swift
/// var settings = ReplicateSettings()
/// settings.columns = "repw[0-9]+"          // svrepdesign(repweights = "repw[0-9]+", …
/// settings.type = .successiveDifference    //   type = "successive-difference")
/// let declaration = try settings.applied(to: nil)
/// ```
public struct ReplicateSettings: Sendable, Hashable {
  /// A regular expression matched anywhere in the names of the replicate-weight columns (R's
  /// `repweights`; codebook `replicate_weights`).
  package var columns: String?
  /// How the supplied replicates were formed (R's `type`; codebook `replicate_type`).
  package var type: ReplicateMethod?
  /// Replicates to create from the strata and PSUs, by this method (R's `as.svrepdesign(type =)`;
  /// codebook `replicates`).
  package var created: ReplicateMethod?
  /// The number of bootstrap replicates to create (R's `replicates`; codebook `replicate_count`).
  package var count: Int?
  /// The seed of the bootstrap draws (codebook `seed`).
  package var seed: UInt64?
  /// Fay's ρ (R's `rho`, `fay.rho`; codebook `fay_rho`).
  package var fayRho: Double?
  /// The overall scale of supplied replicates (R's `scale`; codebook `replicate_scale`).
  package var scale: Double?
  /// One scale per supplied replicate, or one for all (R's `rscales`; codebook `replicate_rscales`).
  package var replicateScales: [Double]?
  /// Whether variances are centred at the full-sample estimate (R's `mse`; codebook `mse`).
  package var meanSquaredError: Bool?

  /// Settings; every one is optional.
  public init(
    columns: String? = nil, type: ReplicateMethod? = nil, created: ReplicateMethod? = nil, count: Int? = nil,
    seed: UInt64? = nil, fayRho: Double? = nil, scale: Double? = nil, replicateScales: [Double]? = nil,
    meanSquaredError: Bool? = nil
  ) {
    self.columns = columns
    self.type = type
    self.created = created
    self.count = count
    self.seed = seed
    self.fayRho = fayRho
    self.scale = scale
    self.replicateScales = replicateScales
    self.meanSquaredError = meanSquaredError
  }

  /// These settings, each one not given taken from `defaults` (a notebook cell's settings over
  /// its front matter's).
  package func laid(over defaults: ReplicateSettings) -> ReplicateSettings {
    ReplicateSettings(
      columns: columns ?? defaults.columns, type: type ?? defaults.type, created: created ?? defaults.created,
      count: count ?? defaults.count, seed: seed ?? defaults.seed, fayRho: fayRho ?? defaults.fayRho,
      scale: scale ?? defaults.scale, replicateScales: replicateScales ?? defaults.replicateScales,
      meanSquaredError: meanSquaredError ?? defaults.meanSquaredError)
  }

  /// The settings that were given, in the order of ``ReplicateSetting``.
  package var given: [ReplicateSetting] {
    let present: [(ReplicateSetting, Bool)] = [
      (.columns, columns != nil), (.type, type != nil), (.created, created != nil), (.count, count != nil),
      (.seed, seed != nil), (.fayRho, fayRho != nil), (.scale, scale != nil),
      (.replicateScales, replicateScales != nil), (.meanSquaredError, meanSquaredError != nil),
    ]
    return present.filter(\.1).map(\.0)
  }

  /// Replicate scales written as numbers separated by commas (`0.5,0.5,1`); `nil` when a part is
  /// not a number.
  package static func replicateScales(from text: String) -> [Double]? {
    var scales: [Double] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      guard let scale = Double(part.filter { $0 != " " }) else { return nil }
      scales.append(scale)
    }
    return scales
  }

  /// The declaration these settings make, laid over `declared`.
  ///
  /// Replicate-weight columns or replicates to create replace `declared` entirely; the other
  /// settings change `declared`'s, one by one.
  ///
  /// - Returns: `declared` when no setting is given.
  /// - Throws: ``ReplicateSettingError`` when columns and created replicates are both given, a
  ///   setting has no replicates to apply to or does not apply to them (a type, scale or replicate
  ///   scales for created replicates; a count or seed for supplied ones), replicates of a method
  ///   that cannot be created are asked for, or a value is out of range: Fay's ρ outside (0, 1)
  ///   or absent for Fay replicates, a scale that is not positive, negative replicate scales, fewer
  ///   than two bootstrap replicates, supplied JKn replicates without their replicate scales.
  package func applied(to declared: ReplicateDeclaration?) throws(ReplicateSettingError) -> ReplicateDeclaration? {
    var declaration: ReplicateDeclaration
    switch (columns, created) {
    case (_?, _?):
      throw .twoSources
    case (let pattern?, nil):
      declaration = ReplicateDeclaration(source: .columns(matching: pattern), method: type ?? .brr)
    case (nil, let method?):
      guard ReplicateMethod.creatable.contains(method) else { throw .cannotCreate(method) }
      declaration = ReplicateDeclaration(source: .created(), method: method)
    case (nil, nil):
      guard let declared else {
        if let first = given.first { throw .withoutReplicates(first) }
        return nil
      }
      declaration = declared
    }
    if case .created(var requestedCount, var requestedSeed) = declaration.source {
      for setting in [ReplicateSetting.type, .scale, .replicateScales] where given.contains(setting) {
        throw .notForCreated(setting)
      }
      requestedCount = count ?? requestedCount
      requestedSeed = seed ?? requestedSeed
      if let requestedCount, requestedCount < 2 { throw .tooFewBootstrapReplicates(requestedCount) }
      declaration.source = .created(count: requestedCount, seed: requestedSeed)
    } else {
      for setting in [ReplicateSetting.count, .seed] where given.contains(setting) { throw .notForSupplied(setting) }
      declaration.method = type ?? declaration.method
    }
    declaration.fayRho = fayRho ?? declaration.fayRho
    declaration.scale = scale ?? declaration.scale
    declaration.replicateScales = replicateScales ?? declaration.replicateScales
    declaration.meanSquaredError = meanSquaredError ?? declaration.meanSquaredError
    try Self.check(declaration)
    return declaration
  }

  /// The values a declaration needs before any data is seen.
  private static func check(_ declaration: ReplicateDeclaration) throws(ReplicateSettingError) {
    if declaration.method == .fay {
      guard let rho = declaration.fayRho else { throw .fayRhoNeeded }
      guard rho > 0, rho < 1 else { throw .fayRhoOutOfRange(rho) }
    }
    if let scale = declaration.scale, !(scale.isFinite && scale > 0) { throw .invalidScale(scale) }
    if let scales = declaration.replicateScales, scales.isEmpty || !scales.allSatisfy({ $0.isFinite && $0 >= 0 }) {
      throw .invalidReplicateScales
    }
    if declaration.method == .stratifiedJackknife, case .columns = declaration.source, declaration.replicateScales == nil {
      throw .replicateScalesNeeded
    }
  }
}

/// One replicate-weight setting; its raw value is the codebook's key.
public enum ReplicateSetting: String, Sendable, Hashable, CaseIterable {
  case columns = "replicate_weights"
  case type = "replicate_type"
  case created = "replicates"
  case count = "replicate_count"
  case seed
  case fayRho = "fay_rho"
  case scale = "replicate_scale"
  case replicateScales = "replicate_rscales"
  case meanSquaredError = "mse"

  /// What the setting is, as the subject of a sentence ("… was given").
  package var meaning: String {
    switch self {
    case .columns: return "the pattern of the replicate-weight columns"
    case .type: return "the type of the replicate weights"
    case .created: return "the method of the replicates to create"
    case .count: return "the number of replicates"
    case .seed: return "the seed of the bootstrap"
    case .fayRho: return "Fay's ρ"
    case .scale: return "the replicate scale"
    case .replicateScales: return "the list of replicate scales (rscales)"
    case .meanSquaredError: return "the choice of mean-squared-error variances (mse)"
    }
  }
}
