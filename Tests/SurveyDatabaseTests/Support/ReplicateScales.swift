import Confiance
import Foundation
import Testing

/// Scale analyses with replicate-weight columns (R's `svrepdesign()`), as the PostgreSQL and
/// Spark tests check them on the replicate fixtures' data sets: two API scores as a 200–1000
/// scale (api99 reverse-keyed, missing for some schools, one answer enough), with 300-point top
/// and bottom boxes, and api00 alone as one ordinal item; every JSON field the file path's (whose
/// replicate means and proportions match R in the SurveyStatistics tests).
enum ReplicateScales {
  static let pair = ScaleDefinition(
    items: ["api00", "api99"], reversedItems: ["api99"], range: 200...1000, minimumAnsweredItems: 1)
  static let single = ScaleDefinition(items: ["api00"], range: 200...1000)

  /// The engine's analysis: table, scale, by, declaration, box size, method.
  typealias Engine = @Sendable (String, ScaleDefinition, [String], DesignDeclaration, Int, IntervalMethod) async throws
    -> ScaleAnalysis

  /// The engine's analysis equals the file path's, every JSON field.
  static func expectFile(
    _ engine: Engine, design: String, scale: ScaleDefinition, by: [String], boxSize: Int = 300,
    method: IntervalMethod = .logit
  ) async throws {
    let declaration = ReplicateCases.declaration(design, table: true)
    let analysis = try await engine(ReplicateCases.table(design), scale, by, declaration, boxSize, method)
    let file = try ReplicateCases.fileDesign(design).scaleAnalysis(scale, by: by, boxSize: boxSize, method: method)
    expectSame(analysis.json, file.json, "\(design) \(scale.items) by \(by) \(method)")
  }
}
