/// The first step of R's logistic fit of a regression model on collapsed rows (``ModelRows``).
extension SparkGroupSumsQuery {
  /// The three sums of the first step of R's logistic fit of each group of ``groupSumsSQL``'s
  /// keys, with the whole sample's prior weights, then with those of the row's domain, as
  /// ``GroupSumsQuery/modelFirstStepSQL(domainCount:raking:cellCount:)``; the scales are `DOUBLE` literals of
  /// exactly their values. On a raked table, a row's prior weight is also times its raking cell's
  /// factor F(c) (`cells`: the values of `raking`'s columns and the factor), joined from a `VALUES` list.
  package func modelFirstStepSQL(
    wholeSample: Double, domains: [(domain: [String], scale: Double)], raking: [Column] = [],
    cells: [(cell: [String], factor: Double)] = []
  ) -> String {
    let keyNames = keys.indices.map { "k\($0)" }
    var weight = weight.map(Self.asDouble) ?? "1D"
    var from = tableReference
    if !raking.isEmpty {
      let rows = cells.map { cell, factor in cell.map(Self.textLiteral) + [Self.doubleLiteral(factor)] }
      from += ModelRows.factorJoin(rows: rows, cellValues: raking.map(Self.asText))
      weight = "f.factor * \(weight)"
    }
    var scaled = keys.enumerated().map { "\($1) AS k\($0)" } + ["\(Self.doubleLiteral(wholeSample)) * \(weight) AS wo"]
    if domainVariables.isEmpty || domains.isEmpty {
      scaled.append("CAST(NULL AS DOUBLE) AS wd")
    } else {
      let rows = domains.map { domain, scale in
        "(" + (domain.map(Self.textLiteral) + [Self.doubleLiteral(scale)]).joined(separator: ", ") + ")"
      }.joined(separator: ", ")
      let names = domainVariables.indices.map { "d\($0)" } + ["scale"]
      let join = domainVariables.enumerated().map { "\(Self.asText($1)) = d.d\($0)" }
      scaled.append("d.scale * \(weight) AS wd")
      from += " LEFT JOIN (VALUES \(rows)) AS d(\(names.joined(separator: ", "))) ON \(join.joined(separator: " AND "))"
    }
    let complete = ([variable] + items).map { "\(Self.quoted($0.name)) IS NOT NULL" }.joined(separator: " AND ")
    let sums = ["wo", "wd"].flatMap { ModelRows.firstStepSums(of: $0) { $0 + "D" } }
    return """
      SELECT \(keyNames.joined(separator: ", ")), \(sums.joined(separator: ", ")) \
      FROM (SELECT \(scaled.joined(separator: ", ")) FROM \(from) WHERE \(complete)) AS scaled \
      GROUP BY \(keyNames.joined(separator: ", "))
      """
  }
}
