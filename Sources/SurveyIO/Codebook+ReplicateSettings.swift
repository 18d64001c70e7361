internal import SurveyStatistics
internal import Yams

/// The replicate-weight keys of a codebook's `design:` block:
///
/// ```yaml
/// design:
///   weight: pw
///   replicate_weights: "repw[0-9]+"   # supplied columns (R's svrepdesign(repweights = …))
///   replicate_type: jk1               # brr (default), fay, jk1, jkn, bootstrap, sdr, acs, other
///   fay_rho: 0.5                      # Fay's ρ, for fay
///   replicate_scale: 0.9333           # R's scale (default: the type's)
///   replicate_rscales: 1              # R's rscales: one number, or one per replicate
///   mse: false                        # centre variances at the full-sample estimate
/// ```
///
/// or replicates created from the strata and PSUs (R's `as.svrepdesign(design, type = …)`):
/// `replicates: jk1|jkn|brr|fay|bootstrap`, with `fay_rho`, `mse`, and for the bootstrap
/// `replicate_count` (default 50) and `seed`.
extension CodebookReader {
  /// Reads one replicate key of `design:` into `settings`.
  func readReplicateSetting(
    _ setting: ReplicateSetting, _ node: Node, into settings: inout ReplicateSettings
  ) throws(CodebookError) {
    let what = "'\(setting.rawValue)' in 'design'"
    switch setting {
    case .columns:
      settings.columns = try optionalText(node, what: what, expected: "a regular expression such as 'repw[0-9]+'")
    case .type:
      settings.type = try choice(
        node, key: setting.rawValue, place: "in 'design'", allowed: ReplicateMethod.allCases.map(\.rawValue)
      ).flatMap(ReplicateMethod.init(rawValue:))
    case .created:
      settings.created = try choice(
        node, key: setting.rawValue, place: "in 'design'", allowed: ReplicateMethod.creatable.map(\.rawValue)
      ).flatMap(ReplicateMethod.init(rawValue:))
    case .count:
      settings.count = try positiveInteger(node, what: what)
    case .seed:
      let expected = "a whole number, 0 or more, such as 2026"
      guard let text = try optionalText(node, what: what, expected: expected) else { return }
      guard let seed = UInt64(text) else {
        throw .wrongShape(what: what, expected: expected, found: found(node), location: location(of: node))
      }
      settings.seed = seed
    case .fayRho:
      settings.fayRho = try number(node, what: what)
    case .scale:
      settings.scale = try number(node, what: what)
    case .replicateScales:
      let expected = "a number, or a list of numbers, one per replicate"
      let texts = try textList(node, what: what, expected: expected)
      var scales: [Double] = []
      for text in texts {
        guard let scale = Double(text) else {
          throw .wrongShape(what: what, expected: expected, found: "the text '\(text)'", location: location(of: node))
        }
        scales.append(scale)
      }
      settings.replicateScales = scales
    case .meanSquaredError:
      settings.meanSquaredError = try choice(
        node, key: setting.rawValue, place: "in 'design'", allowed: ["true", "false"]).map { $0 == "true" }
    }
  }

  /// The replicates the settings of `design:` declare; an inconsistency is reported at the line of
  /// the setting at fault.
  func replicateDeclaration(
    _ settings: ReplicateSettings, nodes: [ReplicateSetting: Node], design: Node
  ) throws(CodebookError) -> ReplicateDeclaration? {
    do {
      return try settings.applied(to: nil)
    } catch {
      let node = nodes[error.setting] ?? settings.given.first.flatMap { nodes[$0] } ?? design
      throw .invalidReplicates(problem: error.description, location: location(of: node))
    }
  }

  /// A number, written as YAML writes one.
  func number(_ node: Node, what: String) throws(CodebookError) -> Double? {
    let expected = "a number such as 0.5"
    guard let text = try optionalText(node, what: what, expected: expected) else { return nil }
    guard let value = Double(text) else {
      throw .wrongShape(what: what, expected: expected, found: found(node), location: location(of: node))
    }
    return value
  }
}

extension DesignDeclaration {
  /// The replicate keys of a codebook's `design:` block that declare these replicates, as texts
  /// (`replicate_rscales` as a list), `replicate_weights` or `replicates` first.
  var replicateKeys: [(key: ReplicateSetting, values: [String])] {
    guard let replicates else { return [] }
    var keys: [(ReplicateSetting, [String])] = []
    switch replicates.source {
    case .columns(let pattern):
      keys += [(.columns, [pattern]), (.type, [replicates.method.rawValue])]
    case .created(let count, let seed):
      keys.append((.created, [replicates.method.rawValue]))
      if let count { keys.append((.count, ["\(count)"])) }
      if let seed { keys.append((.seed, ["\(seed)"])) }
    }
    if let rho = replicates.fayRho { keys.append((.fayRho, ["\(rho)"])) }
    if let scale = replicates.scale { keys.append((.scale, ["\(scale)"])) }
    if let scales = replicates.replicateScales { keys.append((.replicateScales, scales.map { "\($0)" })) }
    if replicates.meanSquaredError { keys.append((.meanSquaredError, ["true"])) }
    return keys
  }
}
