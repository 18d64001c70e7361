/// Complementary (secondary) suppression: which further cells of a table to hide so that no
/// hidden cell can be worked out by subtraction.
///
/// A *line* is a set of cells whose total the reader knows: the answers of one group, which add up
/// to the group's base (the counts) and to 100% (the percentages); the column percentages of a
/// cross-tab; the groups of one variable, whose respondents add up to the whole sample. If exactly
/// one cell of a line is hidden, the total minus the other cells gives it back — in the example
/// survey, 104 − 18 − 20 − 44 − 20 = 2 respondents aged 18 to 24 who strongly disagree. So:
///
/// 1. A line with exactly one hidden cell also hides its smallest shown cell (fewest respondents;
///    the first of equals).
/// 2. A line whose hidden cells hold together fewer than `minimumHiddenTotal` respondents hides
///    its smallest shown cell too: their sum is the total minus the shown cells, so it must not be
///    a small count either.
/// 3. Hiding a cell can break another line it belongs to, so both rules are applied again until
///    nothing changes.
///
/// This is the usual complementary suppression of statistical agencies (Hundepool et al.,
/// *Statistical Disclosure Control*, Wiley 2012, §5.2, "secondary cell suppression"), with the
/// simple smallest-cell heuristic rather than an optimisation: it hides somewhat more than the
/// least possible, never less than needed for a line on its own.
///
/// ```swift
/// // 18–24: 2 ‡, 18, 20, 44, 20 respondents; base 104.
/// ComplementarySuppression.hidden(sizes: [2, 18, 20, 44, 20], primary: [0], lines: [[0, 1, 2, 3, 4]], minimumHiddenTotal: 10)
/// // [0, 1]: 104 − 20 − 44 − 20 = 20 = 2 + 18, which cannot be split.
/// ```
enum ComplementarySuppression {
  /// The cells to hide: the primary ones and their complements.
  ///
  /// - Parameters:
  ///   - sizes: The respondents of each cell, which order the choice of complements.
  ///   - primary: The cells hidden by the disclosure rule or as unreliable.
  ///   - lines: The cells of each line whose total is published.
  ///   - minimumHiddenTotal: The fewest respondents the hidden cells of a line may hold together.
  /// - Complexity: O(c · l · k) for c cells, l lines of at most k cells.
  static func hidden(sizes: [Int], primary: Set<Int>, lines: [[Int]], minimumHiddenTotal: Int) -> Set<Int> {
    var hidden = primary
    var changed = true
    while changed {
      changed = false
      for line in lines {
        let lineHidden = line.filter(hidden.contains)
        let shown = line.filter { !hidden.contains($0) }
        guard !lineHidden.isEmpty, !shown.isEmpty else { continue }
        let hiddenTotal = lineHidden.reduce(0) { $0 + sizes[$1] }
        guard lineHidden.count == 1 || hiddenTotal < minimumHiddenTotal else { continue }
        if let smallest = shown.min(by: { (sizes[$0], $0) < (sizes[$1], $1) }) {
          hidden.insert(smallest)
          changed = true
        }
      }
    }
    return hidden
  }
}
