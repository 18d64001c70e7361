internal import SurveyStatistics

extension SurveyReportBuilder {
  /// The technical sheet (*fiche technique*): who made the survey, whom it describes, how it was
  /// drawn, asked and weighted, when, the margin of error of the whole sample and of each key
  /// group, and the software and command that make the report — what French polling firms
  /// publish with every survey (loi n° 77-808 du 19 juillet 1977, art. 2, as amended in 2016).
  func technicalSheet() -> [Block] {
    let metadata = codebook?.metadata ?? Codebook.Metadata()
    let code = language.rawValue
    var rows: [[String]] = []
    func add(_ english: String, _ french: String, _ text: LocalizedText?) {
      if let text { rows.append([language.text(english, french), text.text(in: code)]) }
    }
    // What every technical sheet states is listed even when the codebook does not say it.
    func required(_ english: String, _ french: String, _ text: LocalizedText?, key: String) {
      rows.append([
        language.text(english, french),
        text?.text(in: code) ?? language.text("not stated (codebook key `\(key)`)", "non précisé (clé `\(key)` du codebook)"),
      ])
    }
    required("Organisation", "Organisme", metadata.organisation, key: "organisation")
    required("Population", "Population", metadata.population, key: "population")
    add("Sampling frame", "Base de sondage", metadata.frame)
    required("Mode of interview", "Mode de recueil", metadata.mode, key: "mode")
    rows.append([
      language.text("Fieldwork", "Dates de terrain"),
      FieldworkDates(start: metadata.fieldworkStart, end: metadata.fieldworkEnd)?.text(language)
        ?? language.text("not stated (codebook key `fieldwork`)", "non précisées (clé `fieldwork` du codebook)"),
    ])
    rows.append([language.text("Sample and design", "Échantillon et plan de sondage"), sampleDescription])
    rows.append([language.text("Weighting", "Pondération"), weightingDescription(metadata)])
    let overall = marginOfError(weights: design.weights)
    rows.append([
      language.text("Margin of error", "Marge d'erreur"),
      language.text(
        "±\(numbers.decimal(overall.margin * 100)) points for a 50% share, whole sample (\(numbers.percent(options.level, digits: 0)) confidence, design effect \(numbers.decimal(overall.designEffect, digits: 2)))",
        "±\(numbers.decimal(overall.margin * 100)) points pour une proportion de 50 %, ensemble de l'échantillon (confiance à \(numbers.percent(options.level, digits: 0)), effet de plan \(numbers.decimal(overall.designEffect, digits: 2)))"),
    ])
    rows.append([language.text("Software", "Logiciel"), options.provenance.software])
    var blocks: [Block] = [
      .heading(language.text("Technical sheet", "Fiche technique"), level: 2),
      .table(MarkdownTable(columns: [.init(""), .init("")], rows: rows)),
    ]
    blocks += marginsOfErrorTable()
    if let command = options.provenance.command {
      blocks.append(.paragraph(language.text(
        "The command that makes this report again from the files listed in the Methodology section:",
        "La commande qui refait ce rapport à partir des fichiers listés dans la section Méthodologie :")))
      blocks.append(.code(command, language: "sh"))
    }
    return blocks
  }

  /// "2,069 respondents; stratified sample (14 strata, `region`) of 104 primary sampling units
  /// (`point`); 90 degrees of freedom."
  var sampleDescription: String {
    let declaration = design.declaration
    var parts = [language.text(
      "\(numbers.count(design.respondentCount)) respondents", "\(numbers.count(design.respondentCount)) répondants")]
    if let strata = declaration.strata {
      parts.append(language.text(
        "\(numbers.count(design.stratumCount)) strata by \(variableLabel(strata).withoutFinalParenthesis.lowercasedFirst)",
        "\(numbers.count(design.stratumCount)) strates selon \(variableLabel(strata).withoutFinalParenthesis.lowercasedFirst)"))
    }
    if let clusters = declaration.clusters {
      parts.append(language.text(
        "\(numbers.count(design.psuCount)) primary sampling units (\(variableLabel(clusters).withoutFinalParenthesis.lowercasedFirst))",
        "\(numbers.count(design.psuCount)) unités primaires (\(variableLabel(clusters).withoutFinalParenthesis.lowercasedFirst))"))
    }
    parts.append(language.text(
      "\(numbers.count(design.degreesOfFreedom)) design degrees of freedom",
      "\(numbers.count(design.degreesOfFreedom)) degrés de liberté du plan"))
    return parts.joined(separator: language.text("; ", " ; "))
  }

  /// The weights, and the margins they were raked to with the source and year of each target.
  func weightingDescription(_ metadata: Codebook.Metadata) -> String {
    let weights = design.declaration.weights.map { "`\($0)`" }
    guard let raking else {
      return weights.map { language.text("design weights \($0), not raked", "poids de sondage \($0), sans redressement") }
        ?? language.text("none: every respondent counts once", "aucune : chaque répondant compte une fois")
    }
    let margins = raking.margins.map { margin -> String in
      let name = margin.variables.map { variableLabel($0).withoutFinalParenthesis.lowercasedFirst }.joined(separator: " × ")
      guard let source = metadata.targets.first(where: { $0.margin == margin.name }) else {
        return name + language.text(" (source not given)", " (source non précisée)")
      }
      let origin = [source.source?.text(in: language.rawValue), source.year].compactMap { $0 }.joined(separator: ", ")
      return origin.isEmpty ? name : "\(name) (\(origin))"
    }
    let base = weights.map { language.text("design weights \($0)", "poids de sondage \($0)") }
      ?? language.text("equal weights", "poids égaux")
    return language.text(
      "\(base) raked to the population margins by \(ReportText.joinedList(margins, language))",
      "\(base) redressés sur les marges de population par \(ReportText.joinedList(margins, language))")
  }

  /// The margin of error at the report's level of a 50% share among respondents with weights
  /// `weights`: t·√(deff · 0.25 / n), t the Student quantile on the design's degrees of freedom and
  /// deff Kish's design effect due to weighting, n·Σw²/(Σw)² (Kish 1965, §11.7), as Pew Research
  /// Center's "margin of sampling error taking into account the design effect due to weighting".
  func marginOfError(weights: [Double]) -> (margin: Double, designEffect: Double, respondents: Int) {
    let diagnostics = WeightDiagnostics(weights: weights)
    let t = StudentTDistribution(degreesOfFreedom: Double(max(design.degreesOfFreedom, 1)))
      .quantile(1 - (1 - options.level) / 2)
    let n = Double(weights.count)
    return (t * (diagnostics.kishDesignEffect * 0.25 / n).squareRoot(), diagnostics.kishDesignEffect, weights.count)
  }

  /// The margin of error of each group of the demographic questions (groups with fewer respondents
  /// than the disclosure threshold are left out), and how it is computed.
  func marginsOfErrorTable() -> [Block] {
    var rows: [[String]] = []
    let overall = marginOfError(weights: design.weights)
    rows.append([
      language.text("All respondents", "Ensemble"), "", numbers.count(overall.respondents),
      numbers.decimal(overall.designEffect, digits: 2), "±" + numbers.decimal(overall.margin * 100),
    ])
    for item in items(of: .demographics) {
      guard let values = try? design.survey.variable(named: item.name).categorical else { continue }
      for category in item.categories {
        guard let level = values.levels.firstIndex(of: category.value) else { continue }
        let weights = zip(values.codes, design.weights).compactMap { $0.0 == Int32(level) ? $0.1 : nil }
        guard weights.count >= options.minimumCellSize else { continue }
        let group = marginOfError(weights: weights)
        rows.append([
          item.label, category.label, numbers.count(group.respondents),
          numbers.decimal(group.designEffect, digits: 2), "±" + numbers.decimal(group.margin * 100),
        ])
      }
    }
    let t = numbers.decimal(
      StudentTDistribution(degreesOfFreedom: Double(max(design.degreesOfFreedom, 1))).quantile(1 - (1 - options.level) / 2),
      digits: 2)
    return [
      .heading(language.text("Margins of error", "Marges d'erreur"), level: 3),
      .table(MarkdownTable(
        columns: [
          .init(language.text("Variable", "Variable")), .init(language.text("Group", "Groupe")),
          .init("n", alignment: .right), .init(language.text("Design effect", "Effet de plan"), alignment: .right),
          .init(language.text("Margin (points)", "Marge (points)"), alignment: .right),
        ],
        rows: rows)),
      .notes([language.text(
        "The margin of error of a 50% share, the widest there is, at \(numbers.percent(options.level, digits: 0)) confidence: t·√(deff·0.25/n), with t = \(t) (Student, \(numbers.count(design.degreesOfFreedom)) design degrees of freedom), n the group's respondents and deff Kish's design effect due to weighting, n·Σw²/(Σw)², as Pew Research Center and most polling firms state it. It leaves out the clustering of the sample; the confidence intervals in the tables include it. Groups of fewer than \(options.minimumCellSize) respondents are not shown.",
        "La marge d'erreur d'une proportion de 50 %, la plus large, avec une confiance de \(numbers.percent(options.level, digits: 0)) : t·√(deff·0,25/n), où t = \(t) (loi de Student à \(numbers.count(design.degreesOfFreedom)) degrés de liberté du plan), n le nombre de répondants du groupe et deff l'effet de plan de Kish dû à la pondération, n·Σw²/(Σw)², comme l'indiquent Pew Research Center et la plupart des instituts. Elle ne tient pas compte de l'effet de grappe de l'échantillon ; les intervalles de confiance des tableaux en tiennent compte. Les groupes de moins de \(options.minimumCellSize) répondants ne sont pas montrés.")]),
    ]
  }
}

/// The first and last days of fieldwork, written out: "3–21 March 2025", « du 3 au 21 mars 2025 ».
struct FieldworkDates {
  struct Day: Equatable {
    var year: Int
    var month: Int
    var day: Int
    /// The text as written, for dates that are not ISO 8601 (`YYYY-MM-DD`).
    var written: String?

    init(_ text: String) {
      let parts = text.split(separator: "-").map { Int($0) }
      if parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2], (1...12).contains(month),
        (1...31).contains(day)
      {
        (self.year, self.month, self.day, written) = (year, month, day, nil)
      } else {
        (year, month, day, written) = (0, 0, 0, text)
      }
    }
  }

  var start: Day
  var end: Day

  init?(start: String?, end: String?) {
    guard let first = start ?? end, let last = end ?? start else { return nil }
    self.start = Day(first)
    self.end = Day(last)
  }

  static let englishMonths = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]
  static let frenchMonths = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre",
  ]

  func text(_ language: ReportLanguage) -> String {
    if let written = start.written ?? end.written {
      return start == end ? written : "\(start.written ?? "\(start.year)-\(start.month)-\(start.day)") – \(end.written ?? written)"
    }
    func day(_ day: Day, month: Bool, year: Bool) -> String {
      let number = language == .french && day.day == 1 ? "1er" : String(day.day)
      let months = language == .french ? Self.frenchMonths : Self.englishMonths
      return number + (month ? " " + months[day.month - 1] : "") + (year ? " \(day.year)" : "")
    }
    if start == end { return language.text("", "le ") + day(end, month: true, year: true) }
    let sameYear = start.year == end.year
    let sameMonth = sameYear && start.month == end.month
    let first = day(start, month: !sameMonth, year: !sameYear)
    let last = day(end, month: true, year: true)
    return language == .french
      ? "du \(first) au \(last)" : sameMonth ? "\(first)–\(last)" : "\(first) – \(last)"
  }
}

extension Substring {
  /// The text without the trailing characters that satisfy `predicate`.
  func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
    var end = endIndex
    while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
    return self[..<end]
  }
}

extension String {
  /// The text without a final remark in parentheses ("Région (strate de tirage)" → "Région").
  var withoutFinalParenthesis: String {
    guard hasSuffix(")"), let open = lastIndex(of: "("), open > startIndex else { return self }
    let kept = self[..<open].trimmingSuffix(while: { $0 == " " })
    return kept.isEmpty ? self : String(kept)
  }

  /// The text with its first letter in lower case ("Région de résidence" → "région de résidence"),
  /// unless it starts with an acronym or a proper-looking word in capitals ("INSEE").
  var lowercasedFirst: String {
    guard let first, first.isUppercase else { return self }
    let second = dropFirst().first
    if let second, second.isUppercase { return self }
    return first.lowercased() + dropFirst()
  }
}
