/// A weighted two-way table of two categorical variables, for the whole sample and for every
/// domain of the `by` variables: cell, row and column shares with standard errors and confidence
/// intervals, unweighted and weighted counts, and the Rao–Scott test of independence.
///
/// Made by ``SurveyDesign/crossTab(row:column:by:method:level:)``.
public struct CrossTab: Sendable {
  /// The variable whose categories are the rows.
  package var rowVariable: String
  /// The variable whose categories are the columns.
  package var columnVariable: String
  /// The `by` variables (empty without domains).
  package var domainVariables: [String]
  /// The table of the whole sample.
  public var overall: CrossTabTable
  /// One table per domain of `domainVariables` that has respondents with both values, in the
  /// order of ``Domain`` levels.
  public var domains: [CrossTabTable]

  /// The question text of the row variable, from the codebook.
  package var rowLabel: String? = nil
  /// The question text of the column variable, from the codebook.
  package var columnLabel: String? = nil
  /// The interval method of the shares.
  package var method: IntervalMethod = .logit
  /// The confidence level of every interval.
  package var level: Double = 0.95
  /// The design the analysis was made on.
  package var design: DesignSummary? = nil

  /// Creates a cross-tab.
  package init(
    rowVariable: String, columnVariable: String, domainVariables: [String], overall: CrossTabTable,
    domains: [CrossTabTable]
  ) {
    self.rowVariable = rowVariable
    self.columnVariable = columnVariable
    self.domainVariables = domainVariables
    self.overall = overall
    self.domains = domains
  }
}

/// The two-way table of one domain (or of the whole sample).
///
/// Respondents with a missing value on either variable are masked (R's `na.rm = TRUE`): the
/// shares are over the respondents of the domain with both values, and every PSU of the design
/// keeps its place in the variance.
public struct CrossTabTable: Sendable {
  /// The domain (``Domain/wholeSample`` for the overall table).
  package var domain: Domain
  /// The row categories observed among the domain's respondents with both values, in
  /// ``CategoricalValues/sortedLevelIndices()`` order.
  package var rowCategories: [String]
  /// The codebook labels of ``rowCategories`` (nil where there is none).
  package var rowLabels: [String?]
  /// The column categories, as ``rowCategories``.
  package var columnCategories: [String]
  /// The codebook labels of ``columnCategories``.
  package var columnLabels: [String?]
  /// The cells, row by row: the cell of row i and column j is `cells[i * columnCategories.count + j]`.
  public var cells: [CrossTabCell]
  /// The number of respondents of the domain with both values.
  package var respondents: Int
  /// The number of rows of the domain, missing values included (R's `nrow()` of the domain design:
  /// every row of the file on a calibrated design).
  package var designRows: Int
  /// The design degrees of freedom of the domain: PSUs − strata among the PSUs holding its rows.
  package var degreesOfFreedom: Int
  /// The Rao–Scott test; `nil` when the table has fewer than two rows or two columns, or when the
  /// generalized design-effect matrix cannot be computed (see `testUnavailableReason`).
  public var test: RaoScottTest?
  /// Pearson's uncorrected X², for reference; `nil` when ``test`` is.
  package var pearson: PearsonChiSquaredTest?
  /// Why ``test`` is `nil`, in a sentence for the reader.
  package var testUnavailableReason: String?

  /// Creates a table.
  package init(
    domain: Domain, rowCategories: [String], rowLabels: [String?], columnCategories: [String],
    columnLabels: [String?], cells: [CrossTabCell], respondents: Int, designRows: Int,
    degreesOfFreedom: Int, test: RaoScottTest?, pearson: PearsonChiSquaredTest?,
    testUnavailableReason: String?
  ) {
    self.domain = domain
    self.rowCategories = rowCategories
    self.rowLabels = rowLabels
    self.columnCategories = columnCategories
    self.columnLabels = columnLabels
    self.cells = cells
    self.respondents = respondents
    self.designRows = designRows
    self.degreesOfFreedom = degreesOfFreedom
    self.test = test
    self.pearson = pearson
    self.testUnavailableReason = testUnavailableReason
  }

  /// The cell of a row and a column category, or `nil` when either is not in the table.
  package func cell(row: String, column: String) -> CrossTabCell? {
    guard let i = rowCategories.firstIndex(of: row), let j = columnCategories.firstIndex(of: column) else { return nil }
    return cells[i * columnCategories.count + j]
  }
}

/// One cell of a weighted two-way table.
public struct CrossTabCell: Sendable {
  /// The row category, as written in the data.
  package var rowCategory: String
  /// The column category, as written in the data.
  package var columnCategory: String
  /// The unweighted number of respondents in the cell.
  package var respondents: Int
  /// The sum of their weights: the estimated population count of the cell.
  package var weightedCount: Double
  /// The cell's share of the table: R's `svymean(~interaction(row, column))` entry, with the
  /// interval of `svyciprop(~I(row == r & column == c))`; its `ProportionEstimate.variable` is
  /// `"row × column"` and its category `"r × c"`.
  public var ofTotal: ProportionEstimate
  /// The share of the column category among the respondents of the row category (the row
  /// percentage): R's `svyby(~column, ~row, design, svymean)`, a domain proportion.
  public var ofRow: ProportionEstimate
  /// The share of the row category among the respondents of the column category (the column
  /// percentage): R's `svyby(~row, ~column, design, svymean)`.
  public var ofColumn: ProportionEstimate

  /// Creates a cell.
  package init(
    rowCategory: String, columnCategory: String, respondents: Int, weightedCount: Double,
    ofTotal: ProportionEstimate, ofRow: ProportionEstimate, ofColumn: ProportionEstimate
  ) {
    self.rowCategory = rowCategory
    self.columnCategory = columnCategory
    self.respondents = respondents
    self.weightedCount = weightedCount
    self.ofTotal = ofTotal
    self.ofRow = ofRow
    self.ofColumn = ofColumn
  }
}
