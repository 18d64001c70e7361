import Confiance

/// The design of an R fixture case (`weight`, `strata`, `psu`, `fpc`, `lonely_psu`), as a database
/// declares it and as a file is read with it.
protocol FixtureDesign {
  var weight: String? { get }
  var strata: String? { get }
  var psu: String? { get }
  var fpc: String? { get }
  var lonely_psu: String { get }
}

extension FixtureDesign {
  /// The design as a database declares it: the row number is the PSU of a design without one.
  var databaseDeclaration: DesignDeclaration {
    DesignDeclaration(
      weights: weight, strata: strata, clusters: psu ?? "row_id", fpc: fpc,
      lonelyPSU: LonelyPSUPolicy(rawValue: lonely_psu)!)
  }

  /// The survey of the fixture file `path` (from the repository's root) read with this design and
  /// `missingCodes`.
  func fileDesign(path: String, missingCodes: [String: [String]]) throws -> SurveyDesign {
    try Survey(
      contentsOf: repositoryPath(path),
      options: SurveyLoadOptions(
        design: DesignOverrides(
          weights: weight, strata: strata, clusters: psu, fpc: fpc, lonelyPSU: LonelyPSUPolicy(rawValue: lonely_psu)!),
        missingCodesByVariable: missingCodes)
    ).design()
  }
}

extension ProportionReference.Design: FixtureDesign {}
extension ParadoxCases.Design: FixtureDesign {}
