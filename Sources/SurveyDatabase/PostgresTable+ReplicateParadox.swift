internal import SurveyStatistics
internal import Foundation
internal import PostgresNIO

/// The privacy paradox on a replicate design in PostgreSQL: what a paradox analysis needs beyond
/// its group sums (whose groups carry each replicate-weight column's Σ a_r), as
/// ``GroupSums/paradox(_:method:level:raking:)`` finishes it.
extension PostgresTable {
  /// Adds to `sums` the ranks of the replicate weights over all rows (the design's degrees of
  /// freedom) and over the complete and the concerned respondents, all of them and within each
  /// domain (``replicateRanks(_:_:)`` on the rows that meet ``GroupSumsQuery/rowFilter``: every
  /// item not NULL, and the concern item one of its values that `definition` matches among
  /// `observedConcern`); with `fitsLogit`, the first step of R's logistic fit over each
  /// ``ParadoxSubsample``'s domains by concern × action cell, its weights scaled by
  /// ``GroupSums/paradoxPriorWeightScales(_:raking:)``. Created replicates need the first steps
  /// only: their ranks come from the groups.
  ///
  /// With `raking` (every replicate raked, ``GroupSums/rakingReplicates(_:)``), the ranks are those
  /// of the raked replicate weights a_ri·F_r(c), read through the subquery that joins each row's
  /// factors by its cell of `rakingColumns` (``GroupSumsQuery/rakedReplicates(_:rakingColumns:)``,
  /// the respondents' condition applied to it), and the first steps are summed by domain × raking
  /// cell, each cell's weights scaled by its factor F(c), then added up by domain.
  ///
  /// - Parameter query: the groups' query, its items the concern's action items only.
  func addReplicateParadoxSums(
    _ sums: inout GroupSums, query: GroupSumsQuery, definition: ParadoxDefinition, observedConcern: Set<String>,
    fitsLogit: Bool, raking: GroupSumsRaking?, rakingColumns: [GroupSumsQuery.Column], _ connection: PostgresConnection
  ) async throws {
    if !query.replicates.isEmpty {
      let rows = raking.map { query.rakedReplicates($0, rakingColumns: rakingColumns) } ?? query
      var allRows = rows
      allRows.domainVariables = []
      sums.suppliedReplicates = try await replicateRanks(allRows, connection)
      let complete = ([query.variable] + query.items).map { "\(GroupSumsQuery.quoted($0.name)) IS NOT NULL" }
        .joined(separator: " AND ")
      let concernValues = observedConcern.filter(definition.concern.matches).sorted().map(Self.textLiteral)
      let concerned = complete + " AND \(GroupSumsQuery.quoted(query.variable.name))::text IN ("
        + concernValues.joined(separator: ", ") + ")"
      for (respondents, filter) in [(ParadoxRespondents.complete, complete), (.concerned, concerned)] {
        var subset = rows
        subset.rowFilter = filter
        sums.paradoxRanks[respondents] = try await replicateRanks(subset, connection)
      }
    }
    guard fitsLogit else { return }
    var firstSteps: [ParadoxSubsample: [GroupSums.LogitFirstStep]] = [:]
    for subsample in ParadoxSubsample.all(hasDomains: !query.domainVariables.isEmpty) {
      var subsampleQuery = query
      if !subsample.inDomains { subsampleQuery.domainVariables = [] }
      let width = subsampleQuery.domainVariables.count
      subsampleQuery.domainVariables += rakingColumns
      firstSteps[subsample] = try await logitFirstSteps(
        subsampleQuery, scales: sums.paradoxPriorWeightScales(subsample, raking: raking), connection
      ) { values in
        definition.cell(concern: values[0], actions: Array(values.dropFirst())).map(String.init) ?? ""
      }.map { $0.withinDomain(of: width) }
    }
    sums.paradoxFirstSteps = firstSteps
  }

  /// A text value as a literal that is no SQL text: its UTF-8 in hexadecimal, decoded by the server.
  static func textLiteral(_ value: String) -> String {
    "convert_from(decode('" + value.utf8.map { String(format: "%02x", $0) }.joined() + "', 'hex'), 'UTF8')"
  }
}
