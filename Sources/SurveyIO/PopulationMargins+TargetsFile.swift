public import SurveyStatistics

extension PopulationMargins {
  /// The columns a targets file must have.
  static let targetsFileColumns = ["variable", "category", "target"]

  /// Reads population margins from a targets file: CSV with the header `variable,category,target`
  /// and one row per category of each raking variable.
  ///
  /// ```
  /// variable,category,target
  /// sex,F,0.52
  /// sex,M,0.48
  /// region,north,2100000
  /// region,south,3300000
  /// sex*agegroup,F*18-34,640000
  /// ```
  ///
  /// The file is read by `Survey.init(csvFile:options:)` (so `,`, `;` and tab separators,
  /// quoting and encodings work as for survey files; other columns are ignored). Rows of a variable
  /// need not be adjacent; margins are fitted in the order their variables first appear. A
  /// variable's targets are **proportions** when every one of them is at most 1 (they must then
  /// sum to 1 ± 1e-6, and are multiplied by `populationSize`, or by the sum of the first margin of
  /// totals, or by the current weight total); otherwise they are population **totals**. Crossed
  /// variables are written `sex*agegroup`, with categories `F*18-34`.
  ///
  /// - Parameters:
  ///   - path: The targets file, named as it should appear in messages.
  ///   - populationSize: The population size N for proportions.
  /// - Throws: ``SurveyReadError`` when the file cannot be read as CSV, ``TargetsFileError`` for an
  ///   empty file, a missing column, an empty cell or a target that is not a number.
  public init(targetsFile path: String, populationSize: Double? = nil) throws {
    let table: Survey
    do {
      table = try Survey(csvFile: path, options: CSVReadOptions(numericColumns: ["target"]))
    } catch SurveyReadError.emptyFile {
      throw TargetsFileError.noTargets(file: path, hasHeader: false)
    } catch SurveyReadError.noDataRows {
      throw TargetsFileError.noTargets(file: path, hasHeader: true)
    }
    let missing = Self.targetsFileColumns.filter { !table.hasVariable(named: $0) }
    guard missing.isEmpty else {
      throw TargetsFileError.missingColumns(file: path, missing: missing, found: table.variableNames)
    }
    let variables = try table.variable(named: "variable").categorical
    let categories = try table.variable(named: "category").categorical
    let targets = try table.variable(named: "target")
    var order: [String] = []
    var cellsOf: [String: [Margin.Cell]] = [:]
    for row in 0..<table.respondentCount {
      let line = table.origin.line(ofRow: row)
      guard let variable = variables.value(at: row) else {
        throw TargetsFileError.emptyField(file: path, line: line, column: "variable")
      }
      guard let category = categories.value(at: row) else {
        throw TargetsFileError.emptyField(file: path, line: line, column: "category")
      }
      let target: Double
      switch targets.values {
      case .numeric(let numbers):
        guard let value = numbers.value(at: row) else { throw TargetsFileError.notANumber(file: path, line: line, value: nil) }
        target = value
      case .categorical(let text):
        guard let raw = text.value(at: row) else { throw TargetsFileError.notANumber(file: path, line: line, value: nil) }
        guard let value = Double(raw) else { throw TargetsFileError.notANumber(file: path, line: line, value: raw) }
        target = value
      }
      if cellsOf[variable] == nil { order.append(variable) }
      let parts = category.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
      cellsOf[variable, default: []].append(
        Margin.Cell(categories: parts, target: target, origin: TargetOrigin(file: path, line: line)))
    }
    let margins = order.map { variable in
      let cells = cellsOf[variable]!
      let names = variable.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
      return Margin(
        variables: names, cells: cells, scale: cells.allSatisfy { $0.target <= 1 } ? .proportions : .totals)
    }
    self.init(margins, populationSize: populationSize, source: path)
  }
}
