internal import SurveyStatistics

/// The rows of a distribution query (``GroupSumsQuery/distributionSQL`` in PostgreSQL,
/// ``SparkGroupSumsQuery/distributionSQL`` in Spark) read into each domain's sample: per row, the
/// domain's values, the variable's value, the raking cell's values (with margins), the rows, and
/// Σw in the three parts of ``GroupSumsQuery/weightPartScales``, added up in extended precision
/// (times the cell's raking factor).
struct DistributionRows {
  let engine: DatabaseEngine
  let domainCount: Int
  /// The raking of the cells; `nil` without margins (no cell columns).
  let raking: GroupSumsRaking?
  private var cellCount: Int { raking?.variables.count ?? 0 }
  private var values: [[String]: [WeightedSample.SummedValue]] = [:]

  init(engine: DatabaseEngine, domainCount: Int, raking: GroupSumsRaking?) {
    self.engine = engine
    self.domainCount = domainCount
    self.raking = raking
  }

  /// Reads one row.
  mutating func add(_ row: [String?]) throws {
    let width = domainCount + cellCount + 5
    guard row.count == width, let value = row[domainCount].flatMap(Double.init) else {
      throw DatabaseError.unexpectedAnswer(engine, "a distribution came back with a row of \(row.count) values, not \(width), or no number.")
    }
    let cell = row[(domainCount + 1)..<(domainCount + 1 + cellCount)]
    var weight = GroupSumsQuery.weightSum(parts: row[(domainCount + cellCount + 2)...])
    if let raking {
      guard let position = raking.cells.firstIndex(where: { $0.elementsEqual(cell.map { $0 ?? "" }) }), !cell.contains(nil)
      else { throw DatabaseError.unexpectedAnswer(engine, "a raking cell of the distribution is not among the table's cells.") }
      weight *= ExtendedPrecision(raking.factors[position])
    }
    values[row[0..<domainCount].map { $0 ?? "" }, default: []].append(WeightedSample.SummedValue(
      value: value, rows: Int(row[domainCount + cellCount + 1] ?? "0") ?? 0, weight: weight))
  }

  /// Each domain's sample, keyed by its values.
  ///
  /// - Throws: ``SurveyError/emptyDomain(variable:domain:)`` when no row has a value of `variable`.
  func samples(of variable: String) throws -> [[String]: WeightedSample] {
    guard !values.isEmpty else { throw SurveyError.emptyDomain(variable: variable, domain: "in the sample") }
    return values.mapValues(WeightedSample.init(summedByValue:))
  }
}
