/// A model formula in R's syntax: `concerned ~ age_band * sex + trust_score + factor(wave) - 1`.
///
/// The right-hand side is expanded into terms as R's `terms.formula()` does (Chambers & Hastie 1992,
/// ch. 2; R's `src/library/stats/src/model.c`):
/// - `a + b` adds terms, `a - b` removes them, `a:b` is the interaction of every term of `a` with
///   every term of `b`, and `a * b` is `a + b + a:b`; parentheses group;
/// - `1` and `0` add or remove the intercept (`- 1` and `+ 0` remove it, `- 0` adds it back);
/// - `factor(x)` treats a numeric variable as categories; a variable named otherwise than R's
///   syntax allows is written between backquotes, one on each side of the column's name.
///
/// Terms are ordered by the number of variables they join (main effects first), in order of
/// appearance within each order, and a term joins its variables in their order of first
/// appearance in the formula: `y ~ b:a + a` has the terms `a` and `b:a`, as in R.
///
/// ```swift
/// let formula = try Formula("concerned ~ age_band * sex + trust_score")
/// formula.termLabels  // ["age_band", "sex", "trust_score", "age_band:sex"]
/// ```
public struct Formula: Sendable, Hashable, CustomStringConvertible {
  /// One variable of the formula as written: a column, or `factor(column)`.
  package struct Variable: Sendable, Hashable {
    /// The name as R prints it: `age_band`, or `factor(concern_data_use)`.
    package var name: String
    /// The survey column it reads.
    package var column: String
    /// Whether the formula wraps the column in `factor()`.
    var isFactorCall: Bool
  }

  /// The formula as given.
  package let text: String
  /// The outcome.
  package let response: Variable
  /// Every variable of the right-hand side, in order of first appearance.
  package let variables: [Variable]
  /// The terms: each the indices (into ``variables``) of the variables it joins, ascending.
  package let terms: [[Int]]
  /// Whether the model has an intercept.
  package let hasIntercept: Bool

  /// Parses `text`.
  ///
  /// - Throws: ``ModelError/formulaSyntax(formula:position:problem:)`` for text that is not a
  ///   formula, naming the character at fault.
  public init(_ text: String) throws {
    var parser = FormulaParser(text: text)
    let parsed = try parser.parse()
    self.text = text
    self.response = parsed.response
    self.variables = parsed.variables
    self.terms = parsed.terms
    self.hasIntercept = parsed.hasIntercept
  }

  /// R's `attr(terms(formula), "term.labels")`: `age_band`, `age_band:sex`.
  package var termLabels: [String] {
    terms.map { term in term.map { variables[$0].name }.joined(separator: ":") }
  }

  /// The formula as written.
  public var description: String { text }

  /// The survey columns the formula reads, outcome first, each once.
  package var columns: [String] {
    var seen = Set<String>()
    return ([response] + variables).map(\.column).filter { seen.insert($0).inserted }
  }
}
