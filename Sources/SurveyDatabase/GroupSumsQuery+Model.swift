/// The first step of R's logistic fit of a regression model on collapsed rows (``ModelRows``).
extension GroupSumsQuery {
  /// The three sums of the first step of R's logistic fit (``LogisticFirstSteps``) of each group
  /// of ``groupSumsSQL``'s keys, for the rows with every model variable (the variable and the
  /// items): with the whole sample's prior weights w̃ = scale·w, then with those of the row's
  /// domain. The parameters are each domain's values (text) then scale (float8), domain after
  /// domain, then the whole sample's scale. Sums in `float8`: they only start R's iterations.
  ///
  /// On a raked table, a row's prior weight is also times its raking cell's factor F(c), joined
  /// from a `VALUES` list bound after the whole sample's scale: each cell's values of `raking`
  /// (text), then its factor (float8), cell after cell.
  ///
  /// - Parameters:
  ///   - domainCount: the number of domains whose scales are bound.
  ///   - raking: the raking variables' columns; empty without raking.
  ///   - cellCount: the number of raking cells whose factors are bound.
  package func modelFirstStepSQL(domainCount: Int, raking: [Column] = [], cellCount: Int = 0) -> String {
    let keyNames = keys.indices.map { "k\($0)" }
    let wholeSampleIndex = domainCount * (domainVariables.count + 1) + 1
    let wholeSample = "$\(wholeSampleIndex)::float8"
    var from = tableReference
    var factor = ""
    if !raking.isEmpty {
      let width = raking.count + 1
      let rows = (0..<cellCount).map { row in
        (0..<width).map { position in
          "$\(wholeSampleIndex + 1 + row * width + position)" + (position == raking.count ? "::float8" : "::text")
        }
      }
      from += ModelRows.factorJoin(rows: rows, cellValues: raking.map { "\(Self.quoted($0.name))::text" })
      factor = "f.factor * "
    }
    var scaled = keys.enumerated().map { "\($1) AS k\($0)" } + ["\(wholeSample) * \(factor)\(floatingWeight) AS wo"]
    if domainVariables.isEmpty {
      scaled.append("NULL::float8 AS wd")
    } else {
      let names = domainVariables.indices.map { "k\($0)" } + ["scale"]
      let join = domainVariables.enumerated().map { "\(Self.quoted($1.name))::text = d.k\($0)" }
      scaled.append("d.scale * \(factor)\(floatingWeight) AS wd")
      from += " LEFT JOIN (VALUES \(Self.boundValuesRows(rowCount: domainCount, keyCount: domainVariables.count))) "
        + "AS d(\(names.joined(separator: ", "))) ON \(join.joined(separator: " AND "))"
    }
    let complete = ([variable] + items).map { "\(Self.quoted($0.name)) IS NOT NULL" }.joined(separator: " AND ")
    let sums = ["wo", "wd"].flatMap { ModelRows.firstStepSums(of: $0) { $0 }.map { $0 + "::text" } }
    return """
      SELECT \(keyNames.joined(separator: ", ")), \(sums.joined(separator: ", ")) \
      FROM (SELECT \(scaled.joined(separator: ", ")) FROM \(from) WHERE \(complete)) AS scaled \
      GROUP BY \(keyNames.joined(separator: ", "))
      """
  }
}
