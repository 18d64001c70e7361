internal import SurveyStatistics

/// The derived variables of the codebook and the load options that the analysis needs, and the data
/// columns they are computed from.
struct DerivedColumns {
  /// The derived variables to compute, in declaration order, with scale ranges from the codebook.
  let needed: [DerivedVariable]
  private let byName: [String: DerivedVariable]

  /// - Parameter requested: the columns the command analyses; `nil` computes every derived variable.
  init(declared: [DerivedVariable], codebook: Codebook?, requested: [String]?) {
    let resolved = declared.map { variable -> DerivedVariable in
      guard case .scaleScore(var scale) = variable.definition, scale.range == nil,
        let range = codebook?.answerRange(of: scale.items)
      else { return variable }
      scale.range = range
      var copy = variable
      copy.definition = .scaleScore(scale)
      return copy
    }
    var byName: [String: DerivedVariable] = [:]
    for variable in resolved { byName[variable.name] = variable }
    self.byName = byName
    guard let requested else {
      needed = resolved
      return
    }
    var wanted = Set<String>()
    var pending = requested
    while let name = pending.popLast() {
      guard let variable = byName[name], wanted.insert(name).inserted else { continue }
      pending += variable.sourceVariables
    }
    needed = resolved.filter { wanted.contains($0.name) }
  }

  /// The data columns behind `columns`: derived variables replaced by what they are computed from.
  func sourceColumns(of columns: [String]) -> [String] {
    var result: [String] = []
    var pending = columns
    var seen = Set<String>()
    while let name = pending.popLast() {
      guard seen.insert(name).inserted else { continue }
      if let variable = byName[name] { pending += variable.sourceVariables } else { result.append(name) }
    }
    return result
  }
}
