public import SurveyStatistics

/// A cross-tab as `confiance crosstab` prints it, and as notebooks show it.
extension CrossTab: Presentation {
  /// The design the result was computed on.
  public var designSummary: DesignSummary? { design }

  /// Row, column and cell percentages and counts of every table, with the Rao–Scott test.
  public var textTable: String { text() }

  /// One row per (domain, row, column) cell.
  public var csvTable: String { csvRows() }

  /// Column percentages with flags and the Rao–Scott test, for every domain, small cells
  /// suppressed.
  public func blocks(_ style: PresentationStyle) -> [Block] {
    ColumnShareTable(
      self, survey: style.survey, language: style.language, minimumCellSize: style.minimumCellSize,
      codebook: style.codebook
    ).blocks
  }

  private var tables: [CrossTabTable] { [overall] + domains }

  // MARK: JSON (the documented contract: add fields, never rename them)

  /// The JSON contract of `confiance crosstab`.
  public var json: JSONValue {
    var members: [(String, JSONValue)] = [
      ("design", design?.json ?? .null),
      ("row_variable", .string(rowVariable)),
      ("column_variable", .string(columnVariable)),
      ("by", .array(domainVariables.map { .string($0) })),
      ("ci_method", .string(method.rawValue)),
      ("confidence_level", .number(level)),
    ]
    members += Self.tableMembers(overall)
    members.append(("domains", .array(domains.map { .object(Self.tableMembers($0)) })))
    members += design?.rakingMembers ?? []
    return .object(members)
  }

  static func tableMembers(_ table: CrossTabTable) -> [(String, JSONValue)] {
    func categories(_ values: [String], _ labels: [String?]) -> JSONValue {
      .array(zip(values, labels).map { .object([("value", .string($0)), ("label", .string($1))]) })
    }
    var test: JSONValue = .null
    if let result = table.test {
      test = .object([
        ("method", .string("rao-scott-f")),
        ("statistic", .number(result.statistic)),
        ("numerator_df", .number(result.numeratorDegreesOfFreedom)),
        ("denominator_df", .number(result.denominatorDegreesOfFreedom)),
        ("p_value", .number(result.pValue)),
        ("design_degrees_of_freedom", .integer(result.designDegreesOfFreedom)),
        ("mean_design_effect", .number(result.meanGeneralizedDesignEffect)),
      ])
    }
    var pearson: JSONValue = .null
    if let result = table.pearson {
      pearson = .object([
        ("method", .string("pearson-uncorrected")),
        ("statistic", .number(result.statistic)),
        ("df", .integer(result.degreesOfFreedom)),
        ("p_value", .number(result.pValue)),
      ])
    }
    return [
      ("domain", table.domain.json),
      ("respondents", .integer(table.respondents)),
      ("design_rows", .integer(table.designRows)),
      ("degrees_of_freedom", .integer(table.degreesOfFreedom)),
      ("row_categories", categories(table.rowCategories, table.rowLabels)),
      ("column_categories", categories(table.columnCategories, table.columnLabels)),
      ("cells", .array(table.cells.map(cellJSON))),
      ("test", test),
      ("test_unavailable_reason", .string(table.testUnavailableReason)),
      ("pearson", pearson),
    ]
  }

  private static func cellJSON(_ cell: CrossTabCell) -> JSONValue {
    .object([
      ("row", .string(cell.rowCategory)),
      ("column", .string(cell.columnCategory)),
      ("respondents", .integer(cell.respondents)),
      ("weighted_count", .number(cell.weightedCount)),
      ("of_total", shareJSON(cell.ofTotal)),
      ("of_row", shareJSON(cell.ofRow)),
      ("of_column", shareJSON(cell.ofColumn)),
    ])
  }

  static func shareJSON(_ share: ProportionEstimate) -> JSONValue {
    .object([
      ("estimate", .number(share.proportion)),
      ("standard_error", .number(share.standardError)),
      ("ci_lower", .number(share.confidenceInterval.lower)),
      ("ci_upper", .number(share.confidenceInterval.upper)),
      ("degrees_of_freedom", .integer(share.degreesOfFreedom)),
      ("design_effect", .number(share.designEffect)),
      ("base_respondents", .integer(share.domainRespondents)),
    ])
  }

  // MARK: Text and Markdown

  private func text() -> String {
    let summary = design.map { $0.summaryLines + "\n" } ?? ""
    var text = summary
    text += "\(heading(rowVariable, rowLabel)) by \(heading(columnVariable, columnLabel)); "
    text += "\(fixed(level * 100, digits: 0))% intervals: \(method.rawValue), t quantiles with the design degrees of freedom.\n"
    for table in tables {
      let title = table.domain.levels.isEmpty ? "All respondents" : table.domain.description
      text += "\n\(title.uppercased())\n"
      text += "\(table.respondents) respondents with both values, \(table.degreesOfFreedom) design degrees of freedom.\n"
      text += testSentence(table) + "\n"
      let blocks: [(String, (CrossTabCell) -> String)] = [
        ("Row percentages (each row sums to 100)", { self.shareCell($0.ofRow) }),
        ("Column percentages (each column sums to 100)", { self.shareCell($0.ofColumn) }),
        ("Cell percentages (the table sums to 100)", { self.shareCell($0.ofTotal) }),
        ("Respondents (unweighted) and weighted count", { "\($0.respondents) (\(fixed($0.weightedCount, digits: 1)))" }),
      ]
      for (heading, content) in blocks {
        text += "\n\(heading)\n"
        text += grid(table, content: content)
      }
    }
    return text
  }

  private func testSentence(_ table: CrossTabTable) -> String {
    guard let test = table.test, let pearson = table.pearson else {
      return "No test of independence: \(table.testUnavailableReason ?? "it cannot be computed.")"
    }
    return "Rao–Scott F = \(fixed(test.statistic, digits: 3)) on \(fixed(test.numeratorDegreesOfFreedom, digits: 2)) and "
      + "\(fixed(test.denominatorDegreesOfFreedom, digits: 2)) df, \(pText(test.pValue)) "
      + "(uncorrected Pearson X² = \(fixed(pearson.statistic, digits: 2)) on \(pearson.degreesOfFreedom) df, "
      + "\(pText(pearson.pValue)): it ignores the design, for reference only)."
  }

  private func shareCell(_ share: ProportionEstimate) -> String {
    "\(percent(share.proportion)) (\(percent(share.confidenceInterval.lower))–\(percent(share.confidenceInterval.upper)))"
  }

  private func grid(_ table: CrossTabTable, content: (CrossTabCell) -> String) -> String {
    let columnCount = table.columnCategories.count
    let headers = [rowVariable] + zip(table.columnCategories, table.columnLabels).map(categoryHeading)
    let rows = table.rowCategories.indices.map { i in
      [categoryHeading(table.rowCategories[i], table.rowLabels[i])]
        + (0..<columnCount).map { j in content(table.cells[i * columnCount + j]) }
    }
    return alignedTable(headers: headers, rows: rows, rightAligned: Set(1...columnCount))
  }

  private func categoryHeading(_ value: String, _ label: String?) -> String {
    label.map { "\(value) \($0)" } ?? value
  }

  // MARK: CSV (one row per cell)

  private func csvRows() -> String {
    let domainColumns = domainVariables
    var header = domainColumns + ["row", "column", "respondents", "weighted_count"]
    for share in ["of_total", "of_row", "of_column"] {
      header += ["\(share)", "\(share)_standard_error", "\(share)_ci_lower", "\(share)_ci_upper"]
    }
    header += ["ci_method", "confidence_level", "rao_scott_f", "numerator_df", "denominator_df", "p_value",
               "pearson_x2", "pearson_df", "pearson_p_value"]
    var lines = [header.map(csvField).joined(separator: ",")]
    for table in tables {
      let domainValues = table.domain.levels.isEmpty
        ? [String](repeating: "", count: domainColumns.count) : table.domain.levels.map(\.value)
      // Written field by field: one array literal of optional chains takes the type checker seconds.
      var testFields: [String] = []
      if let test = table.test {
        testFields += [number(test.statistic), number(test.numeratorDegreesOfFreedom)]
        testFields += [number(test.denominatorDegreesOfFreedom), number(test.pValue)]
      } else {
        testFields += ["", "", "", ""]
      }
      if let pearson = table.pearson {
        testFields += [number(pearson.statistic), String(pearson.degreesOfFreedom), number(pearson.pValue)]
      } else {
        testFields += ["", "", ""]
      }
      for cell in table.cells {
        var fields = domainValues + [cell.rowCategory, cell.columnCategory, String(cell.respondents), number(cell.weightedCount)]
        for share in [cell.ofTotal, cell.ofRow, cell.ofColumn] {
          fields += [number(share.proportion), number(share.standardError),
                     number(share.confidenceInterval.lower), number(share.confidenceInterval.upper)]
        }
        fields += [method.rawValue, number(level)] + testFields
        lines.append(fields.map(csvField).joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// A p-value for reading: "p = 0.0106", or "p < 0.0001".
func pText(_ value: Double) -> String {
  guard value.isFinite else { return "p not available" }
  return value < 0.0001 ? "p < 0.0001" : "p = \(fixed(value, digits: 4))"
}

/// `name`, followed by its question text when the codebook gives one.
private func heading(_ name: String, _ label: String?) -> String { label.map { "\(name) (\($0))" } ?? name }
