internal import SurveyStatistics

/// One question's share in the groups of several variables, each group with its interval and
/// significance letters: every group has a letter (A, B, C, …) and carries the letters of the
/// groups of the same variable whose share it is significantly higher than.
///
/// The tests are the pairwise design-based t tests of ``ShareComparisons`` (the difference of two
/// groups' shares, its variance from their joint covariance, t on the design degrees of freedom).
/// Their p-values are adjusted together by Holm's method over every pair of this table (R's
/// `p.adjust(p, "holm")`), among the groups whose share is printed without a flag; a difference is
/// significant when its adjusted p-value is below 1 − level (5% at 95%). Flagged or hidden shares
/// carry no letters and are not tested, and the note under the table says so.
struct GroupComparisonTable {
  /// The groups of one variable.
  struct VariableGroups {
    /// The variable's label, printed above its groups.
    var label: String
    var comparisons: ShareComparisons
    /// Each group's label, in the order of `comparisons.shares`.
    var groupLabels: [String]
    /// The positions in `comparisons.shares` in the order the rows are printed (the
    /// questionnaire's); `nil` for the order of the shares.
    var order: [Int]? = nil

    var rowOrder: [Int] { order ?? Array(comparisons.shares.indices) }
  }

  var blocks: [VariableGroups]
  var cells: ProportionCells

  var language: ReportLanguage { cells.language }
  var numbers: NumberStyle { cells.numbers }

  /// "A", "B", …, "Z", "AA", "AB", …
  static func letter(_ index: Int) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return index < 26 ? String(alphabet[index]) : letter(index / 26 - 1) + String(alphabet[index % 26])
  }

  /// The statuses of each block's shares: the groups of a variable add up to the question's base,
  /// so a hidden group takes another with it (``ProportionCells/statuses(of:lines:)``).
  var statuses: [[CellStatus]] {
    blocks.map { block in
      cells.statuses(of: block.comparisons.shares, lines: [Array(block.comparisons.shares.indices)])
    }
  }

  /// Whether a share is tested: printed, and without a flag of the NCHS statistical review.
  static func isTested(_ status: CellStatus) -> Bool { status == .shown || status == .complementUnreliable }

  /// For each block and group, the positions (in the same block) of the groups it is significantly
  /// higher than; and the number of tests adjusted together.
  func significance() -> (higherThan: [[[Int]]], tests: Int) {
    let statuses = statuses
    var tested: [(block: Int, comparison: ShareDifference)] = []
    for (index, block) in blocks.enumerated() {
      for comparison in block.comparisons.comparisons
      where Self.isTested(statuses[index][comparison.first]) && Self.isTested(statuses[index][comparison.second])
        && !comparison.pValue.isNaN
      {
        tested.append((index, comparison))
      }
    }
    let adjusted = holmAdjusted(tested.map(\.comparison.pValue))
    var higherThan = blocks.map { [[Int]](repeating: [], count: $0.comparisons.shares.count) }
    let alpha = 1 - cells.level
    for ((block, comparison), p) in zip(tested, adjusted) where p < alpha {
      if comparison.estimate > 0 {
        higherThan[block][comparison.first].append(comparison.second)
      } else if comparison.estimate < 0 {
        higherThan[block][comparison.second].append(comparison.first)
      }
    }
    return (higherThan.map { $0.map { $0.sorted() } }, tested.count)
  }

  /// The table and its notes.
  func rendered() -> [Block] {
    let statuses = statuses
    let (higherThan, tests) = significance()
    var rows: [[String]] = []
    var letterIndex = 0
    var untested = false
    for (blockIndex, block) in blocks.enumerated() {
      rows.append(["**\(block.label)**", "", "", "", "", ""])
      let firstLetter = letterIndex
      let order = block.rowOrder
      var rowOf = [Int](repeating: 0, count: order.count)
      for (row, position) in order.enumerated() { rowOf[position] = row }
      for position in order {
        let share = block.comparisons.shares[position]
        let status = statuses[blockIndex][position]
        let shown = cells.cells(of: share, status: status)
        let letters: String
        if Self.isTested(status) {
          letters = higherThan[blockIndex][position].map { rowOf[$0] }.sorted().map { Self.letter(firstLetter + $0) }
            .joined(separator: " ")
        } else {
          letters = "–"
          untested = true
        }
        rows.append([
          block.groupLabels[position], Self.letter(letterIndex), shown.percent, shown.interval,
          status.isPrinted ? numbers.count(share.domainRespondents) : "", letters,
        ])
        letterIndex += 1
      }
    }
    let table = MarkdownTable(
      columns: [
        .init(language.text("Group", "Groupe")), .init(language.text("Letter", "Lettre")),
        .init("%", alignment: .right), .init(cells.intervalHeader, alignment: .right), .init("n", alignment: .right),
        .init(language.text("Higher than", "Supérieur à")),
      ],
      rows: rows)
    let level = numbers.percent(1 - cells.level, digits: 0)
    var notes = [language.text(
      "Higher than: the groups of the same variable whose share is significantly lower, by letter. Pairwise two-sided design-based t tests of the difference between two groups' shares (covariance between groups included, design degrees of freedom); p-values Holm-adjusted over the \(numbers.count(tests)) comparisons of this table; significant below \(level) after adjustment. Empty: higher than no group.",
      "Supérieur à : les groupes de la même variable dont la part est significativement plus basse, par leur lettre. Tests t bilatéraux deux à deux de l'écart entre les parts de deux groupes, tenant compte du plan (covariance entre groupes comprise, degrés de liberté du plan) ; valeurs p ajustées par la méthode de Holm sur les \(numbers.count(tests)) comparaisons de ce tableau ; significatif sous \(level) après ajustement. Vide : supérieur à aucun groupe.")]
    if untested {
      notes.append(language.text(
        "– Not tested: the share is flagged or not shown (see the notes above), so it carries no letters and no other group is compared with it.",
        "– Non testé : la part est signalée ou non publiée (voir les notes ci-dessus) ; elle ne porte pas de lettres et aucun autre groupe n'est comparé à elle."))
    }
    return [.table(table)] + cells.notes(for: statuses.flatMap { $0 }) + [.notes(notes)]
  }
}
