internal import Foundation
internal import SurveyStatistics

// The replicate weights of a raked table as R's `rake()` of a `svyrep.design` leaves them: a row
// of raking cell c has the replicate weight a_ri·F_r(c) (``GroupSumsRaking/replicateFactors``).
// The degrees of freedom are the rank of those raked weights minus one (R recomputes `degf()`),
// so the rank statements (``ReplicateRankPlan``) read the table through a subquery that joins
// each row's factors by its raking cell; nothing is written. A query's ``GroupSumsQuery/rowFilter``
// (a paradox's respondents) then selects among the subquery's rows.

extension GroupSumsQuery {
  /// The query reading the rows with their replicate weights raked: a subquery of the table's
  /// rows (`t.*`) joined by the raking variables' values (as text) to one row per raking cell,
  /// `(values…, ARRAY[F_1(c), …, F_R(c)])`, with columns `confiance_raked_1…R` =
  /// a_r·F_r(c) as `float8`, which replace ``replicates``. The cells' values and factors are
  /// literals (a value's quotes doubled; a factor as the shortest decimal that reads back to the
  /// same `float8`), since the rank statements bind parameters of their own.
  func rakedReplicates(_ raking: GroupSumsRaking, rakingColumns: [Column]) -> GroupSumsQuery {
    let cellCount = raking.cells.count, count = replicates.count
    func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
    let rows = raking.cells.enumerated().map { cell, values in
      let factors = (0..<count).map { "\(raking.replicateFactors![$0 * cellCount + cell])" }
      return "(" + (values.map(literal) + ["'{" + factors.joined(separator: ",") + "}'::float8[]"])
        .joined(separator: ", ") + ")"
    }.joined(separator: ", ")
    let keys = rakingColumns.indices.map { "confiance_k\($0)" }
    let join = rakingColumns.enumerated().map { "t.\(Self.quoted($1.name))::text = c.confiance_k\($0)" }
    let raked = replicates.enumerated().map { position, column in
      "\(Self.floating(column)) * c.confiance_f[\(position + 1)] AS confiance_raked_\(position + 1)"
    }
    var query = self
    query.derivedTable = "(SELECT t.*, \(raked.joined(separator: ", ")) FROM \(tableName) AS t "
      + "JOIN (VALUES \(rows)) AS c(\((keys + ["confiance_f"]).joined(separator: ", "))) "
      + "ON \(join.joined(separator: " AND "))) AS confiance_raked"
    query.replicates = (1...count).map { Column(name: "confiance_raked_\($0)", type: "double precision", category: "N") }
    return query
  }
}

extension SparkGroupSumsQuery {
  /// ``GroupSumsQuery/rakedReplicates(_:rakingColumns:)`` in Spark's dialect: the cells' values
  /// as UTF-8 hexadecimal (``textLiteral(_:)``: so no value is SQL text), their factors in an
  /// `ARRAY<DOUBLE>` of literals (``doubleLiteral(_:)``: the shortest decimal that reads back to
  /// the same `DOUBLE`), and columns `confiance_raked_1…R` = a_r·F_r(c) as `DOUBLE`.
  func rakedReplicates(_ raking: GroupSumsRaking, rakingColumns: [Column]) -> SparkGroupSumsQuery {
    let cellCount = raking.cells.count, count = replicates.count
    let rows = raking.cells.enumerated().map { cell, values in
      let factors = (0..<count).map { Self.doubleLiteral(raking.replicateFactors![$0 * cellCount + cell]) }
      return "(" + (values.map(Self.textLiteral) + ["array(" + factors.joined(separator: ", ") + ")"]).joined(separator: ", ") + ")"
    }.joined(separator: ", ")
    let keys = rakingColumns.indices.map { "confiance_k\($0)" }
    let join = rakingColumns.enumerated().map { "CAST(t.\(Self.quoted($1.name)) AS STRING) = c.confiance_k\($0)" }
    let raked = replicates.enumerated().map { position, column in
      "\(Self.asDouble(column)) * c.confiance_f[\(position)] AS confiance_raked_\(position + 1)"
    }
    var query = self
    query.derivedTable = "(SELECT t.*, \(raked.joined(separator: ", ")) FROM \(Self.tableReference(table)) AS t "
      + "JOIN (VALUES \(rows)) AS c(\((keys + ["confiance_f"]).joined(separator: ", "))) "
      + "ON \(join.joined(separator: " AND "))) AS confiance_raked"
    query.replicates = (1...count).map { Column(name: "confiance_raked_\($0)", type: "double") }
    return query
  }
}
