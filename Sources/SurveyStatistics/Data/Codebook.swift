/// What a researcher declares about a survey's variables and design, read from an optional
/// codebook file.
///
/// A codebook is plain data: `SurveyIO` reads it from YAML, and `Survey.applying(_:)` copies its
/// labels, measurement levels, category labels and missing-value codes onto the variables.
///
/// ```swift
/// let codebook = Codebook(variables: [
///   .init(name: "concern", label: "Êtes-vous inquiet ?", measurement: .ordinal,
///         categories: [.init(value: "1", label: "Pas du tout"), .init(value: "2", label: "Très")],
///         missingCodes: ["9"]),
/// ])
/// codebook.categoryOrder(for: "concern")  // ["1", "2"]
/// ```
public struct Codebook: Sendable, Equatable {
  /// What the codebook says about one variable.
  package struct Entry: Sendable, Equatable {
    /// The column name in the data file.
    package var name: String
    /// The question text, or `nil` when the codebook gives none.
    package var label: String?
    /// How the variable is measured, or `nil` to keep what the data suggests.
    package var measurement: MeasurementLevel?
    /// The labelled categories, in the order the codebook writes them.
    package var categories: [Category]
    /// Values that mean "no answer" for this variable (`"9"`, `"99"`), as written in the codebook.
    package var missingCodes: [String]
    /// Values that mean "don't know" (the codebook's `dont_know`): unlike ``missingCodes`` they
    /// are answers, kept in the base of the question and shown as their own row, but never counted
    /// in a headline share.
    package var dontKnowCodes: [String] = []
    /// Values that mean the respondent refused to answer (the codebook's `refused`): out of the
    /// base of the question, like ``missingCodes`` (R: `NA`).
    package var refusedCodes: [String] = []
    /// Values that mean the question was not asked of the respondent, who was routed past it (the
    /// codebook's `not_applicable`, SPSS's "Inap."): out of the base of the question, like
    /// ``missingCodes`` (R: `NA`), and a report says so under the question's table.
    package var notApplicableCodes: [String] = []
    /// What the question is about (the codebook's `role:`), or `nil` when the codebook does not say.
    package var role: QuestionRole?
    /// The question text in each language the codebook gives it (`label: {en: …, fr: …}`), keyed
    /// by language code; ``label`` holds the first one written, or the plain text.
    package var labelTranslations: [String: String] = [:]
    /// A short name of the question for headlines, chart titles and tables (`short_label`), or
    /// `nil` when the codebook gives none.
    package var shortLabel: LocalizedText?

    /// Creates the description of one variable.
    ///
    /// - Parameters:
    ///   - name: The column name in the data file.
    ///   - label: The question text.
    ///   - measurement: How the variable is measured; `nil` keeps what the data suggests.
    ///   - categories: The labelled categories, in presentation order.
    ///   - missingCodes: Values that count as missing for this variable.
    package init(
      name: String, label: String? = nil, measurement: MeasurementLevel? = nil,
      categories: [Category] = [], missingCodes: [String] = []
    ) {
      self.name = name
      self.label = label
      self.measurement = measurement
      self.categories = categories
      self.missingCodes = missingCodes
    }

    /// The values that are not answers and stay out of the base of the question, as R's `NA`:
    /// the missing, refused and not-applicable codes.
    package var codesOutOfBase: [String] { missingCodes + refusedCodes + notApplicableCodes }
  }

  /// One labelled category of a variable: `value` as written in the data file, and its label.
  package struct Category: Sendable, Equatable {
    /// The value as written in the data file (`"1"`, `"01"`, `"oui"`).
    package var value: String
    /// The text shown for the value in tables and reports.
    package var label: String
    /// The text in each language the codebook gives it (`1: {en: …, fr: …}`), keyed by language
    /// code; ``label`` holds the first one written, or the plain text.
    package var labelTranslations: [String: String] = [:]

    /// Creates a labelled category.
    ///
    /// - Parameters:
    ///   - value: The value as written in the data file.
    ///   - label: The text shown for it.
    package init(value: String, label: String) {
      self.value = value
      self.label = label
    }
  }

  /// The described variables, in the order of the codebook file.
  package var variables: [Entry]
  /// The declared design (its `design:` block: weight, strata, psu, fpc, lonely_psu), or `nil`
  /// when the codebook declares none.
  package var design: DesignDeclaration?
  /// The derived variables (Westin segment, scale scores, indicators, counts), in file order;
  /// ``Survey/addingDerivedVariables(_:)`` computes them.
  package var derived: [DerivedVariable]
  /// The codebook file, as the user named it, so that messages can point at it.
  package var source: String?
  /// Whether the data are synthetic (the codebook's `synthetic: true`): nobody answered them, and
  /// the reports and charts made from them say so.
  package var synthetic: Bool = false
  /// What the codebook says about the survey itself — title, organisation, population, frame,
  /// mode, fieldwork dates, the sources of the raking targets — for a report's technical sheet.
  package var metadata = Metadata()
  /// Who is concerned and who acts in a report's privacy-paradox section (the codebook's
  /// `paradox:` block: the concern item and its values, the action items and their values, and
  /// how many actions make a respondent "acting"), or `nil` for the report's default.
  package var paradox: ParadoxDefinition?

  /// Creates a codebook.
  ///
  /// - Parameters:
  ///   - variables: The described variables, in file order.
  ///   - design: The declared design.
  ///   - derived: The derived variables, in file order.
  ///   - source: The codebook file, for messages.
  package init(
    variables: [Entry] = [], design: DesignDeclaration? = nil, derived: [DerivedVariable] = [],
    source: String? = nil
  ) {
    self.variables = variables
    self.design = design
    self.derived = derived
    self.source = source
  }

  /// The description of the variable called `name`, or `nil` when the codebook does not describe it.
  ///
  /// - Complexity: O(*n*) in the number of described variables.
  package func entry(named name: String) -> Entry? {
    variables.first { $0.name == name }
  }

  /// The order of the categories of an ordinal variable, as the codebook writes them.
  ///
  /// ```swift
  /// codebook.categoryOrder(for: "concern")  // ["1", "2", "3", "4", "5"]
  /// ```
  ///
  /// - Returns: The category values in codebook order when `variable` is declared `ordinal` and has
  ///   categories; otherwise `nil`.
  package func categoryOrder(for variable: String) -> [String]? {
    guard let entry = entry(named: variable), entry.measurement == .ordinal, !entry.categories.isEmpty
    else { return nil }
    return entry.categories.map(\.value)
  }
}

extension Survey {
  /// A copy with the codebook's labels, measurement levels, category labels and missing-value codes
  /// applied to the variables it describes.
  ///
  /// Values written as one of a variable's missing, refused or not-applicable codes (or numerically equal to one: `9` matches
  /// `9.0`) become missing. What the codebook leaves out (no label, no type, no categories) is kept
  /// from the survey. Variables the codebook does not describe are unchanged; the design
  /// declaration is not checked here.
  ///
  /// ```swift
  /// let labelled = try survey.applying(codebook)
  /// try labelled.variable(named: "concern").label  // "Êtes-vous inquiet ?"
  /// ```
  ///
  /// - Parameter codebook: The codebook to apply.
  /// - Returns: The survey with the codebook's information.
  /// - Throws: ``SurveyError/unknownVariable(name:role:suggestion:available:origin:)`` with role
  ///   `"codebook variable"` when the codebook describes a variable the data does not have.
  package func applying(_ codebook: Codebook) throws -> Survey {
    for entry in codebook.variables where !(origin.columnNames ?? variableNames).contains(entry.name) {
      _ = try variable(named: entry.name, role: "codebook variable")
    }
    // Only the columns that were read are described; the others exist in the file.
    let described = codebook.variables.filter { hasVariable(named: $0.name) }
    var missingCodes: [String: [String]] = [:]
    for entry in described where !entry.codesOutOfBase.isEmpty {
      missingCodes[entry.name, default: []] += entry.codesOutOfBase
    }
    var copy = try markingMissing(codesByVariable: missingCodes)
    for entry in described {
      var described = try copy.variable(named: entry.name)
      if let label = entry.label { described.label = label }
      if let measurement = entry.measurement { described.measurement = measurement }
      if !entry.categories.isEmpty {
        var labels: [String: String] = [:]
        for category in entry.categories { labels[category.value] = category.label }
        described.categoryLabels = labels
      }
      copy.setVariable(described)
    }
    return copy
  }
}
