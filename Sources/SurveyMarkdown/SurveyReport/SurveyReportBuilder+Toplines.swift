internal import SurveyStatistics

extension SurveyReportBuilder {
  /// The toplines: every question's full weighted distribution, one table per question with its
  /// base, "don't know" as a row of its own (a code the codebook declares `dont_know` is an answer;
  /// one it declares `missing` is out of the base, as the base says).
  func toplines() -> [Block] {
    let questions = items.filter { $0.topic != .demographics && distributions[$0.name] != nil }
    guard !questions.isEmpty else { return [] }
    var blocks: [Block] = [
      .heading(language.text("Toplines", "Résultats détaillés"), level: 2),
      .paragraph(language.text(
        "Every answer to every question, weighted, with its \(intervalHeader) and the number of respondents who gave it; the base is everyone who answered the question.",
        "Toutes les réponses à chaque question, pondérées, avec leur \(intervalHeader) et le nombre de répondants qui les ont données ; la base est l'ensemble de ceux qui ont répondu à la question.")),
    ]
    var allStatuses: [CellStatus] = []
    for item in questions {
      let shares = distributions[item.name] ?? []
      let estimates = item.categories.compactMap { category in shares.first { $0.category == category.value } }
      guard !estimates.isEmpty else { continue }
      // The answers of one question add up to its base and to 100%.
      let statuses = cellRules.statuses(of: estimates, lines: [Array(estimates.indices)])
      allStatuses += statuses
      var rows: [[String]] = []
      for (estimate, status) in zip(estimates, statuses) {
        let label = item.categories.first { $0.value == estimate.category }?.label ?? estimate.category
        let cells = cellRules.cells(of: estimate, status: status)
        rows.append([label, cells.percent, cells.interval, status.isPrinted ? numbers.count(estimate.respondents) : ""])
      }
      let base = estimates.first?.domainRespondents ?? 0
      // The base, and who is out of it: no answer, or a code the codebook declares missing.
      let outside = design.respondentCount - base
      let outsideText = outside >= options.minimumCellSize ? numbers.count(outside) : language.text("fewer than \(options.minimumCellSize)", "moins de \(options.minimumCellSize)")
      let baseLine = language.text("Base: \(numbers.count(base)) respondents who answered", "Base : \(numbers.count(base)) répondants ayant répondu")
        + (outside > 0
          ? language.text("; not in the base: \(outsideText) (\(outOfBaseReasons(item).en)).", " ; hors base : \(outsideText) (\(outOfBaseReasons(item).fr)).")
          : ".")
      blocks.append(.heading(item.shortLabel ?? item.label, level: 3))
      if item.shortLabel != nil { blocks.append(.paragraph("*\(item.label)*")) }
      blocks.append(.table(MarkdownTable(
        columns: [
          .init(language.text("Answer", "Réponse")), .init("%", alignment: .right),
          .init(intervalHeader, alignment: .right), .init("n", alignment: .right),
        ],
        rows: rows)))
      blocks.append(.paragraph(baseLine))
    }
    return blocks + cellRules.notes(for: allStatuses)
  }

  /// Why respondents are out of a question's base, from the codes its codebook entry declares: no
  /// answer always; refusals and respondents routed past the question when it declares them.
  func outOfBaseReasons(_ item: SurveyItem) -> (en: String, fr: String) {
    let entry = codebook?.entry(named: item.name)
    var english = [entry?.missingCodes.isEmpty == false ? "no answer or a code declared missing" : "no answer"]
    var french = [entry?.missingCodes.isEmpty == false ? "sans réponse ou code déclaré manquant" : "sans réponse"]
    if entry?.refusedCodes.isEmpty == false {
      english.append("refused")
      french.append("refus de répondre")
    }
    if entry?.notApplicableCodes.isEmpty == false {
      english.append("not asked: routed past the question")
      french.append("question non posée : filtrés en amont")
    }
    return (ReportText.joinedAlternatives(english, .english), ReportText.joinedAlternatives(french, .french))
  }
}
