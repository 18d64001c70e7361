internal import SurveyStatistics

/// How the privacy-paradox figures depend on the number of protective actions that counts as
/// "acting": the weighted 2×2 table of concern and acting for every threshold k = 1…K, from one
/// pass over the respondents who answered every item of the definition (the same respondents and
/// weighted shares as ``SurveyDesign/paradox(_:by:method:level:)``, without the variances).
struct ParadoxSensitivity: Sendable {
  /// The figures for one threshold.
  struct Row: Sendable {
    /// Acting = at least this many actions.
    var threshold: Int
    /// P(concerned), P(acting), P(concerned ∧ not acting).
    var concerned: Double
    var acting: Double
    var concernedNotActing: Double
    /// The φ coefficient of the 2×2 table, (p₁₁p₀₀ − p₁₀p₀₁)/√(p_C(1−p_C)p_A(1−p_A)); `nil` when a
    /// margin is 0 or 1.
    var phi: Double?
    /// Respondents who are concerned and not acting, who act, and all respondents counted.
    var concernedNotActingRespondents: Int
    var actingRespondents: Int
    var respondents: Int

    /// The share expected if concern and action were unrelated, P(concerned)·(1 − P(acting)).
    var independenceBaseline: Double { concerned * (1 - acting) }
  }

  var rows: [Row]

  /// The rows of `definition` on `design`, thresholds 1 to the number of actions.
  ///
  /// - Throws: ``SurveyError`` for an item the survey lacks; ``ParadoxError`` for values never observed.
  init(_ definition: ParadoxDefinition, design: SurveyDesign) throws {
    let survey = design.survey
    let concern = try definition.concern.codes(in: survey, role: "concern item")
    let actions = try definition.actions.map { try $0.codes(in: survey, role: "action item") }
    let actionCount = actions.count
    // Weighted and unweighted counts by concern (0, 1) and number of actions (0…K).
    var weights = [[Double]](repeating: [Double](repeating: 0, count: actionCount + 1), count: 2)
    var counts = [[Int]](repeating: [Int](repeating: 0, count: actionCount + 1), count: 2)
    rowLoop: for row in 0..<survey.respondentCount {
      guard concern[row] >= 0 else { continue }
      var done = 0
      for action in actions {
        guard action[row] >= 0 else { continue rowLoop }
        done += Int(action[row])
      }
      weights[Int(concern[row])][done] += design.weights[row]
      counts[Int(concern[row])][done] += 1
    }
    let total = weights[0].reduce(0, +) + weights[1].reduce(0, +)
    let respondents = counts[0].reduce(0, +) + counts[1].reduce(0, +)
    rows = (1...max(actionCount, 1)).map { threshold -> Row in
      func share(_ concerned: Int, acting: Bool) -> Double {
        let range = acting ? threshold...actionCount : 0...(threshold - 1)
        return total > 0 ? weights[concerned][range].reduce(0, +) / total : 0
      }
      let (p11, p10, p01, p00) = (share(1, acting: true), share(1, acting: false), share(0, acting: true), share(0, acting: false))
      let concerned = p11 + p10
      let acting = p11 + p01
      let spread = concerned * (1 - concerned) * acting * (1 - acting)
      return Row(
        threshold: threshold, concerned: concerned, acting: acting, concernedNotActing: p10,
        phi: spread > 0 ? (p11 * p00 - p10 * p01) / spread.squareRoot() : nil,
        concernedNotActingRespondents: counts[1][0...(threshold - 1)].reduce(0, +),
        actingRespondents: (counts[0][threshold...] + counts[1][threshold...]).reduce(0, +), respondents: respondents)
    }
  }
}
