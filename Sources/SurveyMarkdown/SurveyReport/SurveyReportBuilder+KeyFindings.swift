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
        // A headline never rests on an estimate flagged as possibly unreliable (†, §).
        guard let estimate = headlines[item.name], status(of: estimate) == .shown else { return nil }
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
      let sentence = sentence(for: item, estimate: estimate)
      return Self.wordCount(sentence) <= Self.maximumWords ? sentence : nil
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

  /// A key finding's longest length in words, as newsrooms keep a bullet to one breath.
  static let maximumWords = 35

  /// The words of a sentence: runs of characters between spaces, punctuation alone not counted.
  static func wordCount(_ sentence: String) -> Int {
    sentence.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" })
      .filter { $0.contains { $0.isLetter || $0.isNumber } }.count
  }

  /// "**58.7%** (95% CI 56.1–61.2) answer «…» to “question”."
  func sentence(for item: SurveyItem, estimate: ProportionEstimate) -> String {
    let share = "**\(numbers.percent(estimate.proportion))** (\(intervalPhrase(estimate.confidenceInterval)))"
    let question = item.shortLabel ?? item.label
    return language.text(
      "\(share) answer \(item.headlineDescription(language)) to “\(question)”",
      "\(share) répondent \(item.headlineDescription(language)) à «\u{00A0}\(question)\u{00A0}»")
  }

  /// "**48.2%** (95% CI 45.3–51.1) are concerned but did fewer than 4 of 8 protective actions;
  /// were concern and action unrelated, it would be 48.6% (φ = 0.02)", when the paradox share may be printed.
  var paradoxSentence: String? {
    guard let paradox else { return nil }
    let overall = paradox.overall.overall
    guard overall.respondents >= options.minimumCellSize,
      overall.mcnemarCounts.concernedNotActing >= options.minimumCellSize
    else { return nil }
    let share = "**\(numbers.percent(overall.paradoxShare.estimate))** (\(intervalPhrase(overall.paradoxShare.confidenceInterval)))"
    let count = paradox.actionItems.count
    let minimum = paradox.definition.minimumActions
    let notActing: String
    if count == 1 {
      let action = paradox.actionItems[0].shortLabel ?? paradox.actionItems[0].label
      notActing = language.text("did not do “\(action)”", "n'ont pas fait «\u{00A0}\(action)\u{00A0}»")
    } else if minimum <= 1 {
      notActing = language.text("took none of \(count) protective actions", "n'ont fait aucune des \(count) actions de protection")
    } else {
      notActing = language.text(
        "took fewer than \(minimum) of \(count) protective actions", "ont fait moins de \(minimum) des \(count) actions de protection")
    }
    let baseline = numbers.percent(overall.concerned.estimate * (1 - overall.acting.estimate))
    let phi = "φ = " + numbers.decimal(overall.phi.estimate, digits: 2)
    return language.text(
      "\(share) are concerned but \(notActing); were concern and action unrelated, it would be \(baseline) (\(phi))",
      "\(share) sont inquiets mais \(notActing) ; sans lien entre inquiétude et action, ce serait \(baseline) (\(phi))")
  }
}
