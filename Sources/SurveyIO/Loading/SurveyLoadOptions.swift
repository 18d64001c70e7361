public import SurveyStatistics

/// What ``Survey/init(contentsOf:options:)`` applies to a survey file: the same
/// choices the command line offers, with the same defaults.
///
/// ```swift
/// var options = SurveyLoadOptions()
/// options.missingCodes = ["99"]                       // every variable but the design's
/// options.design.lonelyPSU = .adjust
/// let survey = try Survey(contentsOf: "surveys/privacy-france-2025.csv", options: options)
/// ```
public struct SurveyLoadOptions: Sendable, Hashable {
  /// A codebook file; `nil` for the one next to the data (`survey.csv` → `survey.codebook.yaml`)
  /// when it exists.
  package var codebook: String?
  /// Design columns and lonely-PSU policy that replace the codebook's.
  package var design: DesignOverrides
  /// Values that are missing in every variable except the design's columns and replicate weights
  /// (a PSU numbered 99 stays a PSU).
  package var missingCodes: [String]
  /// Values that are missing in one variable, by variable name.
  package var missingCodesByVariable: [String: [String]]
  /// Derived variables added to the codebook's (Westin segments, scores, indicators, counts).
  package var derivedVariables: [DerivedVariable]
  /// The variables to read (design columns and what derived variables need are added); `nil`
  /// reads every column. Reading fewer columns of a large file is faster.
  package var columns: [String]?
  /// Raking targets the survey will be raked to: their variables are read, and a variable the
  /// data lacks is reported at its line of the targets file.
  package var margins: PopulationMargins?
  /// How the text of a CSV file is read: separator, encoding, decimal comma, threads.
  package var reading: CSVReadOptions

  /// Options with R's and the command line's defaults: the codebook next to the file, its design,
  /// no extra missing codes, every column.
  public init(
    codebook: String? = nil, design: DesignOverrides = DesignOverrides(), missingCodes: [String] = [],
    missingCodesByVariable: [String: [String]] = [:], derivedVariables: [DerivedVariable] = [],
    columns: [String]? = nil, margins: PopulationMargins? = nil, reading: CSVReadOptions = CSVReadOptions()
  ) {
    self.codebook = codebook
    self.design = design
    self.missingCodes = missingCodes
    self.missingCodesByVariable = missingCodesByVariable
    self.derivedVariables = derivedVariables
    self.columns = columns
    self.margins = margins
    self.reading = reading
  }
}

extension SurveyLoadOptions {
  /// Adds missing codes written as one text: `99` is missing in every variable (but the design's
  /// columns and replicate weights), `concern=9,99` in `concern` only.
  ///
  /// - Returns: `false`, adding nothing, when the text is empty or names a variable without codes
  ///   (`concern=`) or codes without a variable (`=9`).
  package mutating func addMissingCodes(written text: String) -> Bool {
    guard let equals = text.firstIndex(of: "=") else {
      guard !text.isEmpty else { return false }
      missingCodes.append(text)
      return true
    }
    let name = String(text[..<equals])
    let codes = text[text.index(after: equals)...].split(separator: ",").map(String.init)
    guard !name.isEmpty, !codes.isEmpty else { return false }
    missingCodesByVariable[name, default: []] += codes
    return true
  }
}

/// Design columns, a lonely-PSU policy and replicate-weight settings that replace those of a
/// codebook's `design:` block; `nil` keeps the codebook's.
public struct DesignOverrides: Sendable, Hashable {
  /// The sampling-weight column.
  package var weights: String?
  /// The stratum column.
  package var strata: String?
  /// The first-stage cluster (PSU) column.
  package var clusters: String?
  /// The finite-population-correction column.
  package var fpc: String?
  /// The lonely-PSU policy.
  package var lonelyPSU: LonelyPSUPolicy?
  /// Replicate-weight settings laid over the codebook's (see ``ReplicateSettings/applied(to:)``):
  /// columns or replicates to create replace the codebook's replicates, other settings change them.
  package var replicates: ReplicateSettings

  /// Overrides; every part is optional.
  public init(
    weights: String? = nil, strata: String? = nil, clusters: String? = nil, fpc: String? = nil,
    lonelyPSU: LonelyPSUPolicy? = nil, replicates: ReplicateSettings = ReplicateSettings()
  ) {
    self.weights = weights
    self.strata = strata
    self.clusters = clusters
    self.fpc = fpc
    self.lonelyPSU = lonelyPSU
    self.replicates = replicates
  }

  /// The declaration: these overrides, then the codebook's design, then no design.
  ///
  /// - Throws: ``ReplicateSettingError`` when the replicate settings contradict each other or
  ///   the codebook's replicates, or are out of range.
  package func applied(to declared: DesignDeclaration?) throws(ReplicateSettingError) -> DesignDeclaration {
    DesignDeclaration(
      weights: weights ?? declared?.weights, strata: strata ?? declared?.strata,
      clusters: clusters ?? declared?.clusters, fpc: fpc ?? declared?.fpc,
      lonelyPSU: lonelyPSU ?? declared?.lonelyPSU ?? .fail, replicates: try replicates.applied(to: declared?.replicates))
  }

  /// These overrides, each part not given taken from `defaults` (a notebook cell's options over
  /// its front matter's design).
  package func laid(over defaults: DesignOverrides) -> DesignOverrides {
    DesignOverrides(
      weights: weights ?? defaults.weights, strata: strata ?? defaults.strata, clusters: clusters ?? defaults.clusters,
      fpc: fpc ?? defaults.fpc, lonelyPSU: lonelyPSU ?? defaults.lonelyPSU,
      replicates: replicates.laid(over: defaults.replicates))
  }

  /// The design role an override gives `column`, if any.
  func role(of column: String) -> DesignRole? {
    [(DesignRole.weights, weights), (.strata, strata), (.clusters, clusters), (.fpc, fpc)]
      .first { $0.1 == column }?.0
  }
}

/// The part a column plays in the sample design.
public enum DesignRole: String, Sendable, Hashable, CaseIterable {
  /// Sampling weights (the codebook's `weight:`).
  case weights = "weight"
  /// Strata.
  case strata
  /// First-stage clusters (the codebook's `psu:`).
  case clusters = "psu"
  /// Finite population corrections.
  case fpc

  /// The column a declaration gives this role.
  func column(in declaration: DesignDeclaration?) -> String? {
    switch self {
    case .weights: return declaration?.weights
    case .strata: return declaration?.strata
    case .clusters: return declaration?.clusters
    case .fpc: return declaration?.fpc
    }
  }
}
