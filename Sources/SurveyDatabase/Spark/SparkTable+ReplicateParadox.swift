internal import SurveyStatistics

/// The privacy paradox on a replicate design in Spark, as in PostgreSQL
/// (``PostgresTable/addReplicateParadoxSums(_:query:definition:observedConcern:fitsLogit:raking:rakingColumns:_:)``).
extension SparkTable {
  /// Adds to `sums` the ranks of the replicate weights over all rows and over the complete and the
  /// concerned respondents (``replicateRanks(_:runner:)`` on the rows that meet
  /// ``SparkGroupSumsQuery/rowFilter``: every item not NULL, and the concern item one of its values
  /// that `definition` matches among `observedConcern`, written as hexadecimal literals); with
  /// `fitsLogit`, the first step of R's logistic fit over each ``ParadoxSubsample``'s domains by
  /// concern × action cell. Created replicates need the first steps only. With `raking`, the ranks
  /// of the raked replicate weights (``SparkGroupSumsQuery/rakedReplicates(_:rakingColumns:)``)
  /// and the first steps by domain × raking cell, as in PostgreSQL.
  ///
  /// - Parameter query: the groups' query, its items the concern's action items only.
  func addReplicateParadoxSums(
    _ sums: inout GroupSums, query: SparkGroupSumsQuery, definition: ParadoxDefinition,
    observedConcern: Set<String>, fitsLogit: Bool, raking: GroupSumsRaking?,
    rakingColumns: [SparkGroupSumsQuery.Column], runner: SparkRunner
  ) throws {
    if !query.replicates.isEmpty {
      let rows = raking.map { query.rakedReplicates($0, rakingColumns: rakingColumns) } ?? query
      var allRows = rows
      allRows.domainVariables = []
      sums.suppliedReplicates = try replicateRanks(allRows, runner: runner)
      let complete = ([query.variable] + query.items).map { "\(SparkGroupSumsQuery.quoted($0.name)) IS NOT NULL" }
        .joined(separator: " AND ")
      let concernValues = observedConcern.filter(definition.concern.matches).sorted()
        .map(SparkGroupSumsQuery.textLiteral)
      let concerned = complete + " AND \(SparkGroupSumsQuery.asText(query.variable)) IN ("
        + concernValues.joined(separator: ", ") + ")"
      for (respondents, filter) in [(ParadoxRespondents.complete, complete), (.concerned, concerned)] {
        var subset = rows
        subset.rowFilter = filter
        sums.paradoxRanks[respondents] = try replicateRanks(subset, runner: runner)
      }
    }
    guard fitsLogit else { return }
    var firstSteps: [ParadoxSubsample: [GroupSums.LogitFirstStep]] = [:]
    for subsample in ParadoxSubsample.all(hasDomains: !query.domainVariables.isEmpty) {
      var subsampleQuery = query
      if !subsample.inDomains { subsampleQuery.domainVariables = [] }
      let width = subsampleQuery.domainVariables.count
      subsampleQuery.domainVariables += rakingColumns
      firstSteps[subsample] = try logitFirstSteps(
        subsampleQuery, scales: sums.paradoxPriorWeightScales(subsample, raking: raking), runner: runner
      ) { values in
        definition.cell(concern: values[0], actions: Array(values.dropFirst())).map(String.init) ?? ""
      }.map { $0.withinDomain(of: width) }
    }
    sums.paradoxFirstSteps = firstSteps
  }
}
