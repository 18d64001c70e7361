internal import SurveyStatistics

extension SurveyReportBuilder {
  /// Section 1: the headline figures in plain sentences, each with its confidence interval.
  func keyFindings() -> [Block] {
    var chosen: [SurveyItem] = []
    func add(_ item: SurveyItem?) {
      guard let item, !chosen.contains(where: { $0.name == item.name }), chosen.count < 8 else { return }
      chosen.append(item)
    }
    func printable(_ topic: SurveyTopic) -> [(SurveyItem, ProportionEstimate)] {
      items(of: topic).compactMap { item in
        guard let estimate = headlines[item.name], status(of: estimate).isPrinted else { return nil }
        return (item, estimate)
      }
    }
    // The order of importance: concern, then the attitudes that tell the paradox's story (would
    // stop using a service, accepts terms unread…), trust, sharing, behaviours, awareness.
    add(printable(.concern).first?.0)
    for (item, _) in printable(.other).sorted(by: { $0.1.proportion > $1.1.proportion }).prefix(2) { add(item) }
    let trust = printable(.trust).sorted { $0.1.proportion > $1.1.proportion }
    add(trust.first?.0)
    add(trust.count > 1 ? trust.last?.0 : nil)
    let sharing = printable(.sharing).sorted { $0.1.proportion < $1.1.proportion }
    add(sharing.first?.0)
    let behaviour = printable(.behaviour).sorted { $0.1.proportion > $1.1.proportion }
    add(behaviour.first?.0)
    add(behaviour.count > 1 ? behaviour.last?.0 : nil)
    add(printable(.awareness).first?.0)
    guard !chosen.isEmpty || paradoxSentence != nil else { return [] }
    var sentences = chosen.compactMap { item -> String? in
      guard let estimate = headlines[item.name] else { return nil }
      return sentence(for: item, estimate: estimate)
    }
    if let paradoxSentence {
      sentences.insert(paradoxSentence, at: min(1, sentences.count))
      if sentences.count > 8 { sentences.removeLast() }
    }
    return [
      .heading(language.text("Key findings", "Principaux résultats"), level: 2),
      .bulletList(sentences),
    ]
  }

  /// "**58.7%** (95% CI 56.1–61.2) answer «…» to “question”."
  func sentence(for item: SurveyItem, estimate: ProportionEstimate) -> String {
    let share = "**\(numbers.percent(estimate.proportion))** (\(intervalPhrase(estimate.confidenceInterval)))"
    let question = item.label
    return language.text(
      "\(share) answer \(item.headlineDescription(language)) to “\(question)”",
      "\(share) répondent \(item.headlineDescription(language)) à «\u{00A0}\(question)\u{00A0}»")
  }

  /// "**40.1%** (95% CI 37.7–42.4) are concerned but do not act: …", when the paradox share may be printed.
  var paradoxSentence: String? {
    guard let overall = paradox?.overall.overall, overall.respondents >= options.minimumCellSize,
      overall.mcnemarCounts.concernedNotActing >= options.minimumCellSize
    else { return nil }
    let share = "**\(numbers.percent(overall.paradoxShare.estimate))** (\(intervalPhrase(overall.paradoxShare.confidenceInterval)))"
    let gap = numbers.points(overall.gap.estimate) + " " + language.text("pts", "pts")
    let gapInterval = intervalPhrase(overall.gap.confidenceInterval)
    return language.text(
      "\(share) are concerned but do not act: \(numbers.percent(overall.concerned.estimate)) are concerned and \(numbers.percent(overall.acting.estimate)) act, a gap of \(gap) (\(gapInterval))",
      "\(share) sont inquiets mais n'agissent pas : \(numbers.percent(overall.concerned.estimate)) sont inquiets et \(numbers.percent(overall.acting.estimate)) agissent, soit un écart de \(gap) (\(gapInterval))")
  }
}
