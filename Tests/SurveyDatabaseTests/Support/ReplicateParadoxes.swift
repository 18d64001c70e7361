import Confiance
import Foundation
import Testing

/// `confiance gap` on replicate designs, as the PostgreSQL and Spark tests check it: every JSON
/// field the file path's on the replicate fixtures' data sets (interval bounds to 1e-7 relative,
/// ``ReplicateCrossTabs/expectSameWithBounds(_:_:_:)``), and, for the cases of
/// `Tests/SurveyStatisticsTests/Fixtures/replicates/reference.json` (R survey 4.1, section 5c of
/// `make-replicates.R`), R's numbers: estimates and standard errors to 1e-9 relative, interval
/// bounds and p-values to 1e-7, degrees of freedom and counts exactly.
enum ReplicateParadoxes {
  /// R's measures of one (domain) design, as `make-replicates.R` writes them (`null`: no value).
  struct Measures: Decodable {
    struct Proportion: Decodable {
      let estimate: Double
      let standard_error: Double
      let degrees_of_freedom: Int
      let intervals: [String: [Double]]
    }

    struct TMeasure: Decodable {
      let estimate: Double?
      let standard_error: Double?
      let degrees_of_freedom: Int
      let p_value: Double?
      let interval: [Double?]
    }

    let domain: [String: String]?
    let respondents: Int
    let degrees_of_freedom: Int
    let concerned: Proportion
    let acting: Proportion
    let paradox_share: Proportion
    let inaction_given_concern: Proportion
    let gap: TMeasure
    let phi: TMeasure
  }

  struct Golden: Decodable {
    let design: String
    let by: [String]
    let overall: Measures
    let domains: [Measures]
    let comparisons: [Measures.TMeasure]
  }

  private struct Fixture: Decodable { let paradox: [Golden] }

  /// R's paradox analyses on the replicate designs.
  static let goldens: [Golden] = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: repositoryPath(ReplicateCases.path)))
    return try! JSONDecoder().decode(Fixture.self, from: data).paradox
  }()

  /// The golden cases whose replicates a table creates as R does: all but BRR and Fay created on
  /// pairs, whose Hadamard rows follow the order of the PSUs (sorted in a table, as in the file
  /// in R's case only when the file lists them sorted; ``pairsRows(_:)``).
  static var goldenDesigns: [String] { goldens.map(\.design).filter { !pairsRows($0) } }

  /// Whether created replicates pair PSUs in the order of the rows (BRR and Fay): the table's
  /// then equal the file's on its rows sorted by stratum and PSU.
  static func pairsRows(_ design: String) -> Bool { ["rpairs-brr", "rpairs-fay", "rquads-brr"].contains(design) }

  /// The golden cases' definition on a design's data set: concerned when `sch.wide` is "Yes",
  /// acting when `comp.imp` is "Yes" or the school is in a few districts (`dnum`) or pairs
  /// (`pair`), so that all four cells are filled.
  static func definition(_ design: String) -> ParadoxDefinition {
    definition(dataset: ReplicateCases.reference.designs[design == "bootstrap" ? "rstratclus-jkn" : design]!.dataset)
  }

  /// ``definition(_:)`` on a data set (`apiclus1`, `apistrat`, `pairs`, `quads`).
  static func definition(dataset: String) -> ParadoxDefinition {
    let other: Indicator
    switch dataset {
    case "pairs", "quads": other = Indicator(variable: "pair", values: ["p01", "p04", "p07", "p10", "p13", "p16", "p19"])
    case "apistrat": other = Indicator(variable: "dnum", values: ["401", "632", "153", "259"])
    default: other = Indicator(variable: "dnum", values: ["135", "197", "716"])
    }
    return ParadoxDefinition(
      concern: Indicator(variable: "sch.wide", values: ["Yes"]),
      actions: [Indicator(variable: "comp.imp", values: ["Yes"]), other])
  }

  /// The engine's analysis: table, definition, by, declaration, method.
  typealias Engine = @Sendable (String, ParadoxDefinition, [String], DesignDeclaration, IntervalMethod) async throws
    -> ParadoxAnalysis

  /// The engine's analysis of the design raked to the margins: table, definition, by,
  /// declaration, margins, method.
  typealias RakedEngine = @Sendable (String, ParadoxDefinition, [String], DesignDeclaration, PopulationMargins, IntervalMethod)
    async throws -> ParadoxAnalysis

  /// The engine's analysis of a case of `Fixtures/replicate-raking` (R's `rake()` of a
  /// `svrepdesign()` or of an `as.svrepdesign()`: every replicate raked to the case's margins)
  /// equals the file path's on the raked file design, every JSON field (bounds to 1e-7), for each
  /// interval method and `by` of `analyses` (by default the logit, likelihood and Korn–Graubard
  /// intervals, whole sample and by `stype`). Created replicates are compared with the file's
  /// rows sorted by stratum and PSU. Returns the largest relative difference of a number
  /// (``largestDifference(_:_:)``).
  @discardableResult
  static func expectRakedFile(
    _ engine: RakedEngine, name: String,
    analyses: [(method: IntervalMethod, by: [String])] = [.logit, .likelihood, .beta].flatMap { method in
      [(method, []), (method, ["stype"])]
    }
  ) async throws -> Double {
    var largest = 0.0
    for (method, by) in analyses {
      largest = max(largest, try await rakedAnalysis(engine, name: name, by: by, method: method).largest)
    }
    return largest
  }

  /// R's paradox analyses by stype of the raked replicate designs of `Fixtures/replicate-raking`
  /// (`paradox.json`), in the shape of ``goldens``.
  static let rakedGoldens: [Golden] = {
    let path = "Tests/SurveyStatisticsTests/Fixtures/replicate-raking/paradox.json"
    return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: URL(fileURLWithPath: repositoryPath(path)))).paradox
  }()

  /// The engine's analyses of the raked case `name` by stype, with the logit, Wald and
  /// Korn–Graubard intervals, equal the file path's JSON (``rakedAnalysis(_:name:by:method:)``)
  /// and R's numbers (``rakedGoldens``, ``expectR(_:analysis:)``). Returns the largest relative
  /// difference to R of an estimate or a standard error.
  static func expectRakedFileAndR(_ engine: RakedEngine, name: String) async throws -> Double {
    let golden = rakedGoldens.first { $0.design == name }!
    return try await expectR(golden) { method in
      try await rakedAnalysis(engine, name: name, by: golden.by, method: method).analysis
    }
  }

  /// The engine's analysis of the raked case `name`, expected to equal the file path's JSON, and
  /// the largest relative difference of a number.
  static func rakedAnalysis(
    _ engine: RakedEngine, name: String, by: [String], method: IntervalMethod
  ) async throws -> (analysis: ParadoxAnalysis, largest: Double) {
    let testCase = ReplicateRakingCases.named(name)
    let margins = ReplicateRakingCases.margins(name)
    let (table, declaration, design): (String, DesignDeclaration, SurveyDesign)
    if testCase.replicates.source == "supplied" {
      (table, declaration, design) = (
        ReplicateCases.table(name), ReplicateCases.declaration(name, table: true), try ReplicateCases.fileDesign(name))
    } else {
      let created = try ReplicateRakingCases.created(name)
      (table, declaration, design) = (created.table, ReplicateRakingCases.createdDeclaration(name), created.file)
    }
    let definition = definition(dataset: testCase.dataset)
    let analysis = try await engine(table, definition, by, declaration, margins, method)
    let fromFile = try design.raked(to: margins).paradox(definition, by: by, method: method)
    #expect(analysis.design?.raking != nil, "\(name) raked gap: the design summary's raking")
    ReplicateCrossTabs.expectSameWithBounds(analysis.json, fromFile.json, "\(name) raked gap by \(by) \(method)")
    return (analysis, largestDifference(analysis.json, fromFile.json))
  }

  /// The engine's analysis equals the file path's, every JSON field. Returns the analysis.
  @discardableResult
  static func expectFile(
    _ engine: Engine, design: String, by: [String], method: IntervalMethod = .logit
  ) async throws -> ParadoxAnalysis {
    let declaration = ReplicateCases.declaration(design, table: true)
    let definition = definition(design)
    let analysis = try await engine(ReplicateCases.table(design), definition, by, declaration, method)
    let file = try ReplicateCases.fileDesign(design, sorted: pairsRows(design))
      .paradox(definition, by: by, method: method)
    ReplicateCrossTabs.expectSameWithBounds(analysis.json, file.json, "\(design) gap by \(by) \(method)")
    return analysis
  }

  /// The engine's analysis of a golden case equals the file path's JSON and R's numbers, with
  /// the logit, Wald and Korn–Graubard intervals. Returns the largest relative difference to R
  /// of an estimate or a standard error.
  static func expectFileAndR(_ engine: Engine, _ golden: Golden) async throws -> Double {
    try await expectR(golden) { method in try await expectFile(engine, design: golden.design, by: golden.by, method: method) }
  }

  /// The analyses of `golden`'s case with the logit, Wald and Korn–Graubard intervals (`analysis`)
  /// have R's numbers: estimates and standard errors to 1e-9 relative, bounds and p-values to
  /// 1e-7, degrees of freedom and counts exactly. Returns the largest relative difference to R of
  /// an estimate or a standard error.
  static func expectR(
    _ golden: Golden, analysis analysisOf: (IntervalMethod) async throws -> ParadoxAnalysis
  ) async throws -> Double {
    var largest = 0.0
    func check(_ ours: Double, _ theirs: Double?, _ tolerance: Double, _ label: String, counts: Bool = true) {
      guard let theirs else {
        #expect(!ours.isFinite, "\(label): R has no value, ours \(ours)")
        return
      }
      if counts { largest = max(largest, relative(ours, theirs)) }
      #expect(relative(ours, theirs) <= tolerance, "\(label): \(ours), R \(theirs)")
    }
    for (name, method) in [("logit", IntervalMethod.logit), ("mean", .mean), ("beta", .beta)] {
      let analysis = try await analysisOf(method)
      func compare(_ ours: DomainParadox, _ theirs: Measures, _ label: String) {
        #expect(ours.respondents == theirs.respondents, "\(label) respondents")
        let proportions: [(String, IntervalEstimate, Measures.Proportion)] = [
          ("concerned", ours.concerned, theirs.concerned), ("acting", ours.acting, theirs.acting),
          ("paradox share", ours.paradoxShare, theirs.paradox_share),
          ("inaction", ours.inactionGivenConcern, theirs.inaction_given_concern),
        ]
        for (measure, mine, r) in proportions {
          #expect(mine.degreesOfFreedom == r.degrees_of_freedom, "\(label) \(measure) df")
          check(mine.estimate, r.estimate, 1e-9, "\(label) \(measure)")
          check(mine.standardError, r.standard_error, 1e-9, "\(label) \(measure) SE")
          check(mine.confidenceInterval.lower, r.intervals[name]![0], 1e-7, "\(label) \(measure) lower", counts: false)
          check(mine.confidenceInterval.upper, r.intervals[name]![1], 1e-7, "\(label) \(measure) upper", counts: false)
        }
        for (measure, mine, r) in [("gap", ours.gap.interval, theirs.gap), ("phi", ours.phi, theirs.phi)] {
          #expect(mine.degreesOfFreedom == r.degrees_of_freedom, "\(label) \(measure) df")
          check(mine.estimate, r.estimate, 1e-9, "\(label) \(measure)")
          check(mine.standardError, r.standard_error, 1e-9, "\(label) \(measure) SE")
        }
        check(ours.gap.pValue, theirs.gap.p_value, 1e-7, "\(label) gap p", counts: false)
      }
      let label = "\(golden.design) \(name)"
      compare(analysis.overall, golden.overall, label + " overall")
      #expect(analysis.domains.count == golden.domains.count, "\(label) domains")
      for (ours, theirs) in zip(analysis.domains, golden.domains) {
        compare(ours, theirs, "\(label) \(theirs.domain ?? [:])")
      }
      #expect(analysis.comparisons.count == golden.comparisons.count, "\(label) comparisons")
      for (index, (ours, theirs)) in zip(analysis.comparisons, golden.comparisons).enumerated() {
        #expect(ours.difference.degreesOfFreedom == theirs.degrees_of_freedom, "\(label) comparison \(index) df")
        check(ours.difference.estimate, theirs.estimate, 1e-9, "\(label) comparison \(index)")
        check(ours.difference.standardError, theirs.standard_error, 1e-9, "\(label) comparison \(index) SE")
        check(ours.pValue, theirs.p_value, 1e-7, "\(label) comparison \(index) p", counts: false)
      }
    }
    return largest
  }
}
