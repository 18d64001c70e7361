import SurveyStatistics

/// The targets files among the fixtures as population margins, without SurveyIO: the margins that
/// `PopulationMargins(targetsFile:populationSize:)` builds from these files.
///
/// A targets file has the header `variable,category,target` and one row per category (cell) of each
/// raking variable. Margins come in the order their variables first appear; crossed variables are
/// written `sex*agegroup`, with categories `F*18-34`; a margin whose targets are all at most 1 is
/// given as proportions, any other as population totals.
extension PopulationMargins {
  init(fixtureTargets path: String, populationSize: Double? = nil) throws {
    let table = try Survey(fixtureCSV: path, numericColumns: ["target"])
    let variables = try table.variable(named: "variable").categorical
    let categories = try table.variable(named: "category").categorical
    guard case .numeric(let targets) = try table.variable(named: "target").values else {
      throw FixtureTargetsError.targetNotANumber(file: path)
    }
    var order: [String] = []
    var cellsOf: [String: [Margin.Cell]] = [:]
    for row in 0..<table.respondentCount {
      guard let variable = variables.value(at: row), let category = categories.value(at: row),
        let target = targets.value(at: row)
      else { throw FixtureTargetsError.emptyField(file: path, line: table.origin.line(ofRow: row)) }
      if cellsOf[variable] == nil { order.append(variable) }
      cellsOf[variable, default: []].append(Margin.Cell(
        categories: category.split(separator: "*", omittingEmptySubsequences: false).map(String.init),
        target: target, origin: TargetOrigin(file: path, line: table.origin.line(ofRow: row))))
    }
    let margins = order.map { variable in
      let cells = cellsOf[variable]!
      return Margin(
        variables: variable.split(separator: "*", omittingEmptySubsequences: false).map(String.init), cells: cells,
        scale: cells.allSatisfy { $0.target <= 1 } ? .proportions : .totals)
    }
    self.init(margins, populationSize: populationSize, source: path)
  }
}

/// Why a fixture targets file could not be read.
enum FixtureTargetsError: Error, CustomStringConvertible {
  case targetNotANumber(file: String)
  case emptyField(file: String, line: Int)

  var description: String {
    switch self {
    case .targetNotANumber(let file): return "\(file): a value of the column 'target' is not a number."
    case .emptyField(let file, let line): return "\(file):\(line) has an empty variable, category or target."
    }
  }
}
