import Confiance

/// The design of an R fixture case (the `design` member of the proportion and paradox fixtures), as
/// a database declares it and as a file is read with it.
struct FixtureDesign: Decodable {
  let weight: String?
  let strata: String?
  let psu: String?
  let fpc: String?
  let lonely_psu: String
  /// The targets file of a raked case.
  let targets_file: String?

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
