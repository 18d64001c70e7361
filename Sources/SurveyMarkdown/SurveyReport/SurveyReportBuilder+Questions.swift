internal import SurveyStatistics

extension SurveyReportBuilder {
  /// The topics with a section of their own, in report order.
  static let questionTopics: [SurveyTopic] = [.trust, .concern, .sharing, .behaviour, .awareness, .other]

  /// Section 3: one table and one chart per block of questions, the blocks the codebook's roles
  /// (else the variable names) give. When the survey has some of the privacy blocks, those it
  /// lacks are named in a note; a survey with none of them (a file as it comes, without roles)
  /// has all its questions in one section, in file order.
  func questionSections() -> [Block] {
    var blocks: [Block] = []
    var missing: [String] = []
    let privacyTopics: [SurveyTopic] = [.trust, .concern, .sharing, .behaviour]
    let hasPrivacyBlock = privacyTopics.contains { !items(of: $0).isEmpty }
    for topic in Self.questionTopics {
      let topicItems = items(of: topic)
      guard !topicItems.isEmpty else {
        if topic != .other && topic != .awareness { missing.append(ReportText.title(of: topic, language)) }
        continue
      }
      let title = topic == .other && !hasPrivacyBlock && items(of: .awareness).isEmpty
        ? language.text("Questions", "Questions") : ReportText.title(of: topic, language)
      blocks += section(for: topic, items: topicItems, title: title)
    }
    if hasPrivacyBlock && !missing.isEmpty {
      blocks.append(.paragraph(language.text(
        "Not in this survey, so not reported: \(missing.joined(separator: ", ")).",
        "Absent de cette enquête, donc non présenté : \(missing.joined(separator: ", ")).")))
    }
    return blocks
  }

  func section(for topic: SurveyTopic, items topicItems: [SurveyItem], title: String) -> [Block] {
    var blocks: [Block] = [.heading(title, level: 2)]
    let withHeadline = topicItems.filter { headlines[$0.name] != nil }
    if !withHeadline.isEmpty {
      // Items written "Question — item" share their question: say it once, label by item.
      let (stem, labels) = SurveyItem.sharedStem(of: withHeadline)
      if let stem { blocks.append(.paragraph("*\(stem)*")) }
      blocks += headlineTable(withHeadline, labels: labels)
      let (chart, omitted) = chart(for: topic, items: withHeadline, labels: labels, stem: stem)
      if let chart { blocks.append(.figure(chart)) }
      if !omitted.isEmpty {
        let names = omitted.joined(separator: ", ")
        blocks.append(.notes([language.text(
          "Not charted: \(names), where an answer cannot be shown (fewer than \(options.minimumCellSize) respondents, or unreliable).",
          "Non représenté : \(names), une réponse n'y pouvant être publiée (moins de \(options.minimumCellSize) répondants, ou peu fiable).")]))
      }
    }
    for item in topicItems where headlines[item.name] == nil {
      blocks += distributionTable(item)
    }
    return blocks
  }

  /// One row per question: the share giving the headline answers, its interval and n.
  func headlineTable(_ topicItems: [SurveyItem], labels: [String: String]) -> [Block] {
    var rows: [[String]] = []
    var estimates: [ProportionEstimate] = []
    for item in topicItems {
      guard let estimate = headlines[item.name] else { continue }
      estimates.append(estimate)
      let cells = cells(of: estimate)
      rows.append([labels[item.name] ?? item.label, item.headlineDescription(language), cells.percent, cells.interval, cells.respondents])
    }
    return [
      .table(MarkdownTable(
        columns: [
          .init(language.text("Question", "Question")), .init(language.text("Answers counted", "Réponses comptées")),
          .init("%", alignment: .right), .init(intervalHeader, alignment: .right), .init("n", alignment: .right),
        ],
        rows: rows)),
    ] + notes(for: estimates)
  }

  /// Every answer of one question with its share.
  func distributionTable(_ item: SurveyItem) -> [Block] {
    let estimates = item.categories.compactMap { category in
      distributions[item.name]?.first { $0.category == category.value }
    }
    guard !estimates.isEmpty else { return [] }
    // The answers add up to 100%.
    let statuses = cellRules.statuses(of: estimates, lines: [Array(estimates.indices)])
    let labels = item.categories.filter { category in estimates.contains { $0.category == category.value } }.map(\.label)
    let rows = zip(labels, zip(estimates, statuses)).map { label, cell -> [String] in
      let (estimate, status) = cell
      let cells = cellRules.cells(of: estimate, status: status)
      return [label, cells.percent, cells.interval, status.isPrinted ? numbers.count(estimate.respondents) : ""]
    }
    return [
      .paragraph("**\(item.label)**"),
      .table(MarkdownTable(
        columns: [
          .init(language.text("Answer", "Réponse")), .init("%", alignment: .right),
          .init(intervalHeader, alignment: .right), .init("n", alignment: .right),
        ],
        rows: rows)),
    ] + cellRules.notes(for: statuses)
  }

  /// A diverging chart when every question of the block is a scale with the same answers, else
  /// bars of the headline shares with their intervals.
  ///
  /// The title is a short question: the codebook's short label (`short_label`, in the report's
  /// language) of a block's only question, else the block's question; rows are labelled by the
  /// questions' short labels when every question has one. The subtitle says what is counted; the
  /// full questions are kept for the alternative text.
  /// - Returns: The chart (`nil` when nothing can be drawn) and the questions left out because one
  ///   of their cells is not printed, which the chart names too.
  func chart(
    for topic: SurveyTopic, items topicItems: [SurveyItem], labels: [String: String], stem: String?
  ) -> (Figure?, omitted: [String]) {
    let shortLabels = topicItems.allSatisfy { $0.shortLabel != nil }
    let title = topicItems.count == 1 ? topicItems[0].shortLabel ?? ReportText.chartTitle(of: topic, language)
      : ReportText.chartTitle(of: topic, language)
    let rowLabel = { (item: SurveyItem) in shortLabels ? item.shortLabel ?? item.label : labels[item.name] ?? item.label }
    // The full questions, for readers of the alternative text: the shared stem, or each question
    // whose row shows its short label.
    let fullQuestions = shortLabels ? topicItems.map { language.quoted($0.label) }.joined(separator: language.text("; ", " ; ")) : nil
    let stemLine = shortLabels ? "" : stem.map { language.quoted($0) + " — " } ?? ""
    let fileName = topic.rawValue + ".svg"
    let scaleLabels = topicItems.first?.categories.map(\.label) ?? []
    let isScale = topicItems.allSatisfy { $0.measurement == .ordinal && $0.categories.map(\.label) == scaleLabels }
      && scaleLabels.count >= 3
    var omitted: [String] = []
    if isScale {
      var bases: [Int] = []
      let rows = topicItems.compactMap { item -> DivergingBarChart.Row? in
        guard let shares = distributions[item.name] else { return nil }
        let values = item.categories.map { category in shares.first { $0.category == category.value } }
        guard values.allSatisfy({ $0.map { status(of: $0).isPrinted } ?? true }) else {
          omitted.append(language.quoted(rowLabel(item)))
          return nil
        }
        bases += values.compactMap { $0?.domainRespondents }.prefix(1)
        return DivergingBarChart.Row(label: rowLabel(item), shares: values.map { $0?.proportion ?? 0 })
      }
      guard !rows.isEmpty else { return (nil, omitted) }
      let counting = language.text(
        "Weighted % of respondents giving each answer.", "% pondéré des répondants donnant chaque réponse.")
      var chart = DivergingBarChart(
        title: title, subtitle: stemLine + counting,
        categories: scaleLabels, rows: rows, footnotes: chartNotes(base: bases, leftOut: omitted), language: language)
      chart.question = fullQuestions
      return (chart.figure(fileName: fileName), omitted)
    }
    // Say once what is counted when every question counts the same answers, else under each one.
    let counted = Set(topicItems.map { $0.headlineDescription(language) })
    let sameAnswers = counted.count == 1 ? counted.first : nil
    var bases: [Int] = []
    let bars = topicItems.compactMap { item -> BarChart.Bar? in
      guard let estimate = headlines[item.name], status(of: estimate).isPrinted else {
        omitted.append(language.quoted(rowLabel(item)))
        return nil
      }
      bases.append(estimate.domainRespondents)
      return BarChart.Bar(
        label: rowLabel(item), detail: sameAnswers == nil ? item.headlineDescription(language) : nil,
        value: estimate.proportion, lower: estimate.confidenceInterval.lower, upper: estimate.confidenceInterval.upper,
        isFlagged: status(of: estimate).isFlagged)
    }
    guard !bars.isEmpty else { return (nil, omitted) }
    let counting = (sameAnswers.map {
      language.text("Weighted % answering \($0)", "% pondéré répondant \($0)")
    } ?? language.text(
      "Weighted % giving the answers named under each question", "% pondéré donnant les réponses indiquées sous chaque question"))
      + language.text(", with the \(intervalHeader).", ", avec l'\(intervalHeader).")
    var chart = BarChart(
      title: title, subtitle: stemLine + counting,
      bars: bars, footnotes: chartNotes(base: bases, leftOut: omitted), language: language)
    chart.question = fullQuestions
    return (chart.figure(fileName: fileName), omitted)
  }

  /// The notes under a report chart: base, questions or groups left out, source, synthetic notice.
  func chartNotes(base: [Int], leftOut: [String], reason: String? = nil) -> [String] {
    let why = reason ?? language.text(
      "an answer cannot be shown: fewer than \(options.minimumCellSize) respondents, or unreliable",
      "une réponse n'y peut être publiée : moins de \(options.minimumCellSize) répondants, ou peu fiable")
    return chartSource.notes(
      base: ChartSource.base(base, language: language), leftOut: ChartSource.leftOut(leftOut, reason: why, language: language),
      language: language)
  }

  /// Where the report's numbers come from.
  var chartSource: ChartSource {
    ChartSource(
      file: design.survey.origin.file.map { Report.split($0).name }, software: options.provenance.software,
      raked: raking != nil, synthetic: (codebook ?? design.survey.codebook)?.synthetic ?? false,
      timestamp: options.provenance.timestamp)
  }
}
