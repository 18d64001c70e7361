package import SurveyStatistics

/// Surveys already read, so that a notebook or a report reads each file once whatever the number of
/// cells: the first request for a file reads every column, later ones are answered from memory.
package final class SurveyCache {
  private var surveys: [Key: Survey] = [:]

  private struct Key: Hashable {
    var path: String
    var options: SurveyLoadOptions
  }

  /// An empty cache.
  package init() {}

  /// The survey at `path` read with `options` but every column (``Survey/init(contentsOf:options:)``),
  /// from memory after the first time.
  ///
  /// - Throws: the loader's errors, and for a column of `options.columns` the file lacks, the
  ///   error reading only that column would give.
  package func survey(at path: String, options: SurveyLoadOptions) throws -> Survey {
    var every = options
    every.columns = nil
    let key = Key(path: path, options: every)
    let survey = try surveys[key] ?? Survey(contentsOf: path, options: every)
    surveys[key] = survey
    let columns = survey.origin.columnNames ?? survey.variableNames
    if let absent = options.columns?.first(where: { !survey.hasVariable(named: $0) }) {
      throw SurveyReadError.unknownColumn(
        file: path, name: absent, suggestion: closestName(to: absent, among: columns), available: columns)
    }
    return survey
  }
}
