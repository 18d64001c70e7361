import Foundation

/// An attacker's reading of a rendered report: it finds the tables whose cells add up to a total
/// the reader can see, and tries every subtraction — the base minus the counts shown, 100% minus
/// the percentages shown, per group (row block) and per column — and the relations between the
/// paradox measures (gap = concerned − acting; φ with both shares gives the paradox share;
/// inaction among the concerned = paradox share / concerned; a difference between two groups and
/// one of them gives the other).
///
/// A hidden cell is one that shows a marker (`‡`, `*`) instead of its number. It is *recovered*
/// when it is the only unknown of a relation; a set of hidden cells of a line is *disclosed* when
/// the base minus the counts shown, which is their total, is below the disclosure threshold.
struct SuppressionAudit {
  /// A Markdown table of the document: header cells and rows of cells.
  struct Table {
    var header: [String]
    var rows: [[String]]
  }

  /// What was recovered, one sentence each; empty when the document is safe.
  private(set) var findings: [String] = []
  /// How many lines (groups of cells with a visible total) and relations were tried.
  private(set) var linesTried = 0
  /// How many hidden cells were seen.
  private(set) var hiddenCells = 0

  let minimumCellSize: Int
  let isFrench: Bool

  /// Audits a rendered document.
  init(markdown: String, minimumCellSize: Int = 10) {
    self.minimumCellSize = minimumCellSize
    isFrench = markdown.contains("IC à") || markdown.contains("Réponse")
    var overallRespondents: Double?
    var segmentMeasures: [String: [String: (gap: Bool, paradox: Bool)]] = [:]
    for table in Self.tables(in: markdown) {
      let header = table.header
      if header.count == 3, ["Measure", "Mesure"].contains(header[0]) {
        overallRespondents = table.rows.first.flatMap { number($0[1]) }
        auditOverall(table)
      } else if header.count >= 5, header.last == "Base", header[header.count - 4] == "%" {
        auditProportions(table)
      } else if header.count == 4, header[1] == "%", header[3] == "n" {
        auditLine(table.rows, percentColumns: [1], countColumn: 3, name: "table \(header[0])")
      } else if header.count == 5, header[2] == "n", header[3].contains("%"), header[4].contains("%") {
        for (variable, rows) in Self.groups(table.rows, by: [0]) {
          auditLine(rows, percentColumns: [3, 4], countColumn: 2, name: "groups of \(variable)")
        }
      } else if header.first?.hasPrefix("Answer (column %)") == true || header.first?.hasPrefix("Réponse (% en colonne)") == true {
        auditColumns(table)
      } else if header.count == 8, header[2] == "n", header[7] == "φ" {
        segmentMeasures = auditSegments(table, total: overallRespondents)
      } else if header.count == 6, header[1] == "Measure" || header[1] == "Mesure", header[2].hasPrefix("Group") {
        auditComparisons(table, segments: segmentMeasures)
      }
    }
  }

  // MARK: Reading

  /// The tables of a Markdown document.
  static func tables(in markdown: String) -> [Table] {
    var tables: [Table] = []
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var index = 0
    while index + 1 < lines.count {
      if lines[index].hasPrefix("|"), lines[index + 1].hasPrefix("| ---") || lines[index + 1].hasPrefix("| :--") {
        var table = Table(header: cells(of: lines[index]), rows: [])
        index += 2
        while index < lines.count, lines[index].hasPrefix("|") {
          table.rows.append(cells(of: lines[index]))
          index += 1
        }
        tables.append(table)
      } else {
        index += 1
      }
    }
    return tables
  }

  /// The cells of a table line, trimmed of ordinary spaces.
  static func cells(of line: String) -> [String] {
    var cells: [String] = []
    var current = ""
    var previous: Character = " "
    for character in line.dropFirst() {
      if character == "|", previous != "\\" {
        cells.append(current)
        current = ""
      } else {
        current.append(character)
      }
      previous = character
    }
    return cells.map { cell in
      var slice = Substring(cell)
      while slice.first == " " { slice = slice.dropFirst() }
      while slice.last == " " { slice = slice.dropLast() }
      return String(slice)
    }
  }

  /// Rows grouped by the values of `columns`, groups in order of appearance.
  static func groups(_ rows: [[String]], by columns: [Int]) -> [(String, [[String]])] {
    var order: [String] = []
    var groups: [String: [[String]]] = [:]
    for row in rows {
      let key = columns.map { $0 < row.count ? row[$0] : "" }.joined(separator: " / ")
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(row)
    }
    return order.map { ($0, groups[$0] ?? []) }
  }

  /// Whether a cell is hidden: a marker in place of its number.
  static func isHidden(_ cell: String) -> Bool { cell == "‡" || cell == "*" }

  /// The number a cell shows ("1,974", "1 974", "44.5†", "80,4 %", "−0.03"), or `nil`.
  func number(_ cell: String) -> Double? {
    var text = cell
    for marker in ["†", "§", "%", "\u{00A0}", "\u{202F}", " "] { text = text.replacingOccurrences(of: marker, with: "") }
    text = text.replacingOccurrences(of: "−", with: "-")
    text = text.replacingOccurrences(of: ",", with: isFrench ? "." : "")
    return Double(text)
  }

  // MARK: Lines

  /// One line: hidden cells marked in the first percentage column; the percentages add up to
  /// 100, the counts to `base` when it is known.
  mutating func auditLine(_ rows: [[String]], percentColumns: [Int], countColumn: Int, base: Double? = nil, name: String) {
    let isHidden = rows.map { Self.isHidden($0[percentColumns[0]]) || Self.isHidden($0[countColumn]) }
    let hidden = rows.indices.filter { isHidden[$0] }.map { rows[$0] }
    let shown = rows.indices.filter { !isHidden[$0] }.map { rows[$0] }
    hiddenCells += hidden.count
    linesTried += 1
    for column in percentColumns {
      let rest = 100 - shown.reduce(0) { $0 + (number($1[column]) ?? 0) }
      if hidden.count == 1 {
        findings.append("\(name): “\(hidden[0][0])…” is 100 − the other percentages = \(rest)")
      }
    }
    if let base, !hidden.isEmpty {
      let rest = base - shown.reduce(0) { $0 + (number($1[countColumn]) ?? 0) }
      if hidden.count == 1 {
        findings.append("\(name): “\(hidden[0][0])…” has \(base) − the other counts = \(rest) respondents")
      } else if rest < Double(minimumCellSize) {
        findings.append("\(name): the \(hidden.count) hidden cells hold \(base) − the other counts = \(rest) respondents together")
      }
    }
  }

  /// A table of proportions: one line per group (the columns before the answer), with its base.
  mutating func auditProportions(_ table: Table) {
    let answer = table.header.count - 5
    for (group, rows) in Self.groups(table.rows, by: Array(0..<answer)) {
      let base = rows.compactMap { number($0[answer + 4]) }.first
      auditLine(rows, percentColumns: [answer + 1], countColumn: answer + 3, base: base, name: "group \(group)")
    }
  }

  /// A cross-tab of column percentages: each column adds up to 100.
  mutating func auditColumns(_ table: Table) {
    let body = table.rows.filter { $0.first != "n" }
    for column in 1..<table.header.count {
      let cells = body.map { $0[column] }.filter { !$0.isEmpty }
      let hidden = cells.filter(Self.isHidden)
      hiddenCells += hidden.count
      linesTried += 1
      guard hidden.count == 1 else { continue }
      let rest = 100 - cells.reduce(0) { $0 + (number($1) ?? 0) }
      findings.append("column \(table.header[column]): the hidden cell is 100 − the others = \(rest)")
    }
  }

  // MARK: The paradox

  /// The overall paradox table: the gap needs both shares; φ and inaction among the concerned
  /// give the paradox share back.
  mutating func auditOverall(_ table: Table) {
    let values = table.rows.map { $0[1] }
    guard values.count >= 4 else { return }
    let concerned = !Self.isHidden(values[1]), acting = !Self.isHidden(values[2])
    let paradox = table.rows.first { $0[0].hasPrefix("Paradox share") || $0[0].hasPrefix("Part paradoxale") }
    let hasGap = table.rows.contains { $0[0].hasPrefix("Gap") || $0[0].hasPrefix("Écart") }
    let hasPhi = table.rows.contains { $0[0] == "φ" }
    let hasInaction = table.rows.contains { $0[0].hasPrefix("Inaction") }
    linesTried += 1
    if hasGap, concerned != acting { findings.append("overall: the gap and one share give the other") }
    if let paradox, Self.isHidden(paradox[1]) {
      hiddenCells += 1
      if hasPhi, concerned, acting { findings.append("overall: φ and both shares give the paradox share") }
      if hasInaction, concerned { findings.append("overall: inaction among the concerned × concerned gives the paradox share") }
    }
  }

  /// The paradox by segment: the groups of a variable add up to the overall respondents; within a
  /// row, the gap and φ must not give a hidden share back.
  /// - Returns: For each variable and group, whether its gap and its paradox share are printed.
  mutating func auditSegments(_ table: Table, total: Double?) -> [String: [String: (gap: Bool, paradox: Bool)]] {
    var printed: [String: [String: (gap: Bool, paradox: Bool)]] = [:]
    for (variable, rows) in Self.groups(table.rows, by: [0]) {
      let hidden = rows.filter { Self.isHidden($0[2]) }
      hiddenCells += hidden.count
      linesTried += 1
      if let total, !hidden.isEmpty {
        let rest = total - rows.reduce(0) { $0 + (number($1[2]) ?? 0) }
        if hidden.count == 1 {
          findings.append("\(variable): group “\(hidden[0][1])” has \(total) − the other groups = \(rest) respondents")
        } else if rest < Double(minimumCellSize) {
          findings.append("\(variable): the hidden groups hold \(rest) respondents together")
        }
      }
      for row in rows {
        let concerned = number(row[3]) != nil, acting = number(row[4]) != nil, paradox = number(row[6]) != nil
        let gap = !row[5].isEmpty, phi = !row[7].isEmpty
        linesTried += 1
        if gap, concerned != acting { findings.append("\(variable), \(row[1]): the gap and one share give the other") }
        if phi, concerned, acting, !paradox, Self.isHidden(row[6]) {
          findings.append("\(variable), \(row[1]): φ and both shares give the paradox share")
        }
        printed[variable, default: [:]][row[1]] = (gap && concerned && acting, paradox)
      }
    }
    return printed
  }

  /// The differences between groups: each needs both groups' measures printed.
  mutating func auditComparisons(_ table: Table, segments: [String: [String: (gap: Bool, paradox: Bool)]]) {
    for row in table.rows {
      let groups = row[2].components(separatedBy: " − ")
      guard groups.count == 2, let variable = segments[row[0]] else { continue }
      linesTried += 1
      let isGap = row[1] == "Gap" || row[1] == "Écart"
      for group in groups {
        let shown = variable[group].map { isGap ? $0.gap : $0.paradox } ?? false
        if !shown { findings.append("\(row[0]): the difference \(row[2]) gives \(group)'s hidden \(row[1]) back") }
      }
    }
  }
}
