/// The sufficient statistics of the proportions of one categorical variable in domains: for every
/// stratum × PSU × domain × category present in the data, the number of rows, Σw and Σw² (for a
/// numeric variable's means and totals, ``means(level:)`` and ``totals(level:)``, the category is
/// only whether the row has a value, and the groups add Σw·y and Σw·y²; for a ratio,
/// ``ratios(denominator:level:raking:)``, whether it has both values, and the groups add Σw·x, Σw·x² and
/// Σw·x·y of the denominator x). A
/// database computes them with one `GROUP BY`; ``SurveyDesign/groupSums(of:by:fitsLogit:)`` adds
/// them up in Swift from a file; ``proportions(method:level:)`` finishes the estimates from them
/// alone, with the numbers of `SurveyDesign.proportions(of:by:method:level:)`.
///
/// Why group sums are enough (R survey's `svyrecvar` → `onestage` → `onestrat`, R/multistage.R):
/// the influence value of respondent i for the share of category c in domain d is
/// zᵢ = wᵢ·1[i ∈ d]·(1[yᵢ = c] − p̂)/N̂_d, so its PSU total is z_hj = (T_hjc − p̂·W_hj)/N̂_d with
/// W_hj = Σw over the PSU's domain respondents and T_hjc = Σw over those in category c. The
/// stratified variance V̂ = Σ_h f_h·n_h/(n_h − 1)·Σ_j (z_hj − z̄_h)² then needs, besides these
/// totals, n_h (the PSUs of the full design, so groups outside every domain count too), the
/// finite population correction f_h = (N_h − n_h)/N_h and the lonely-PSU policy (Lumley 2010, §2.2;
/// Wolter 2007, §6). Degrees of freedom are PSUs − strata among the PSUs holding rows of the domain
/// (R's `degf()` of a subset); Kish's effective sample size needs Σw².
///
/// R's logit interval replays the first step of `glm.fit`, whose starting values differ row by row
/// (`InterceptOnlyLogisticFit.RowTerms`): those terms, summed by domain and category with the
/// weights scaled by the domain's rows / Σw, travel in ``logitFirstStep``.
///
/// ```swift
/// let sums = try design.groupSums(of: "concern", by: ["age_band"])
/// let estimates = try sums.proportions(method: .logit)   // == design.proportions(of: "concern", by: ["age_band"])
/// ```
package struct GroupSums: Sendable, Hashable {
  /// The sums over the rows of one stratum × PSU × domain × category.
  package struct Group: Sendable, Hashable {
    /// The stratum as written in the data ("" for an unstratified design).
    package var stratum: String
    /// The PSU, unique within its stratum (PSUs are nested in strata).
    package var psu: String
    /// The values of the domain variables, in their order; `nil` when one of them is missing
    /// (such rows belong to no domain but their PSU still counts in n_h).
    package var domain: [String]?
    /// The category; `nil` for rows without a value (they count in the domain's rows). In a
    /// cross-tab's groups, the row variable's value.
    package var category: String?
    /// In a cross-tab's groups, the column variable's value (`nil` for rows without one); `nil`
    /// in the groups of one variable.
    package var columnCategory: String?
    /// The number of rows.
    package var rows: Int
    /// Σw over the rows.
    package var weightSum: Double
    /// Σw² over the rows.
    package var weightSquareSum: Double
    /// Σw·y over the rows, for a numeric variable y (its means and totals); 0 otherwise.
    package var valueSum: Double
    /// Σw·y² over the rows, for a numeric variable y; 0 otherwise.
    package var valueSquareSum: Double
    /// For a ratio's groups (``ratios(denominator:level:raking:)``), Σw·x over the rows with both values
    /// of the denominator x; 0 otherwise.
    package var denominatorSum: Double = 0
    /// For a ratio's groups, Σw·x² over the rows with both values; 0 otherwise.
    package var denominatorSquareSum: Double = 0
    /// For a ratio's groups, Σw·x·y over the rows with both values; 0 otherwise.
    package var crossProductSum: Double = 0
    /// Σw²·y over the rows with a value of a numeric variable y, when every row is its own PSU
    /// (``GroupSums/rowsArePSUs``: the variance needs Σzᵢ² of zᵢ = wᵢ(yᵢ − ȳ)/N̂); 0 otherwise.
    package var weightSquareValueSum: Double = 0
    /// Σw²·y² over those rows, likewise; 0 otherwise.
    package var weightSquareValueSquareSum: Double = 0
    /// For a ratio's groups when every row is its own PSU, Σw²·x² over the rows with both values
    /// (the variance needs Σzᵢ² of zᵢ = wᵢ(yᵢ − R̂xᵢ)/X̂); 0 otherwise.
    package var weightSquareDenominatorSquareSum: Double = 0
    /// For a ratio's groups when every row is its own PSU, Σw²·x·y over those rows; 0 otherwise.
    package var weightSquareCrossProductSum: Double = 0
    /// For a ratio's groups when every row is its own PSU, Σw²·x over those rows (a raked ratio's
    /// residuals need it, ``GroupSums/ratios(denominator:level:raking:)``); 0 otherwise.
    package var weightSquareDenominatorSum: Double = 0
    /// For a raking in the database, the values of the raking variables (``GroupSumsRaking``),
    /// `nil` where one is missing; empty otherwise.
    package var rakingCell: [String?] = []
    /// For a raking in the database, Σy over the rows with a value of a numeric variable y
    /// (unweighted: R's projection averages z/w over rows); 0 otherwise.
    package var unweightedValueSum: Double = 0
    /// For a raking in the database and a ratio's groups, Σx over the rows with both values
    /// (unweighted, as ``unweightedValueSum``); 0 otherwise.
    package var unweightedDenominatorSum: Double = 0
    /// With replicate-weight columns (``SuppliedReplicateRanks``), Σ a_r over the rows for each
    /// replicate r, in the columns' order; empty otherwise.
    package var replicateSums: [Double] = []
    /// With replicate-weight columns and a numeric variable y, Σ a_r·y over the rows with a value
    /// for each replicate r; empty otherwise.
    package var replicateValueSums: [Double] = []
    /// With replicate-weight columns and a ratio's denominator x (``ratios(denominator:level:raking:)``),
    /// Σ a_r·x over the rows with both values for each replicate r; empty otherwise.
    package var replicateDenominatorSums: [Double] = []

    /// Creates the sums of one group.
    package init(
      stratum: String, psu: String, domain: [String]?, category: String?, rows: Int, weightSum: Double,
      weightSquareSum: Double, valueSum: Double = 0, valueSquareSum: Double = 0, columnCategory: String? = nil
    ) {
      self.columnCategory = columnCategory
      self.valueSum = valueSum
      self.valueSquareSum = valueSquareSum
      self.stratum = stratum
      self.psu = psu
      self.domain = domain
      self.category = category
      self.rows = rows
      self.weightSum = weightSum
      self.weightSquareSum = weightSquareSum
    }
  }

  /// The first step of R's logistic fit summed over the respondents of one domain and category
  /// (`InterceptOnlyLogisticFit.RowTerms` of w̃ᵢ = wᵢ · rows_d / Σ_{i∈d} wᵢ).
  package struct LogitFirstStep: Sendable, Hashable {
    /// The domain's values, as in ``Group/domain``.
    package var domain: [String]
    /// The category.
    package var category: String
    /// Σ w̃·μ(1 − μ)·logit(μ) + w̃(y − μ), for y = 1.
    package var signedSum: Double
    /// Σ w̃·μ(1 − μ).
    package var weight: Double
    /// Σ 2w̃·log((w̃ + 1)/(w̃ + ½)).
    package var deviance: Double

    /// Creates the sums of one domain and category.
    package init(domain: [String], category: String, signedSum: Double, weight: Double, deviance: Double) {
      self.domain = domain
      self.category = category
      self.signedSum = signedSum
      self.weight = weight
      self.deviance = deviance
    }
  }

  /// The analysed variable.
  package var variable: String
  /// The domain variables (`--by`), crossed; empty for the whole sample.
  package var domainVariables: [String]
  /// The design: its columns and lonely-PSU policy.
  package var declaration: DesignDeclaration
  /// The groups, in any order.
  package var groups: [Group]
  /// Whether every row is its own PSU (a design without a PSU column, R's `ids = ~1`) and the
  /// groups are keyed by stratum × domain × category without a PSU (their ``Group/psu`` is ""):
  /// grouping by a row id would send every row back. Within a group every row's influence value
  /// is its weight times the same constant a (for a proportion, (1[c = category] − p̂)/N̂_d), so
  /// the PSU totals enter the stratified variance through Σ_j z_hj = Σ_groups Σw·a and
  /// Σ_j z_hj² = Σ_groups Σw²·a², with n_h the rows of the stratum
  /// (``DesignStructure/rowCovariance(sums:squareSums:presentRows:statisticCount:lonelyPSU:diagonalOnly:)``).
  /// ``proportions(method:level:)``, ``means(level:)``, ``totals(level:)``,
  /// ``ratios(denominator:level:raking:)``, cross-tabs, `ScaleGroupSums.analysis(method:level:)`
  /// and the privacy paradox finish such groups (numeric items then carry Σw²·y and Σw²·y² too, a
  /// ratio's Σw²·x, Σw²·x² and Σw²·x·y as well; cross-tabs and the paradox take their covariances
  /// from `RowGroupInfluence`), raked or not (the rows' residuals on the raking,
  /// ``rakedNumericRowVariances(_:tally:design:total:ratio:domainIndex:sums:)``); replicates created
  /// from the design refuse them (``GroupSumsError/needsPSUs(analysis:)``).
  package var rowsArePSUs = false
  /// The finite population correction of each stratum, as declared: the number of PSUs in the
  /// stratum's population (all values ≥ 1, `.infinity` for none) or the sampling fraction (all
  /// values ≤ 1, 0 for none), as R's `as.fpc`; empty without an FPC.
  package var finitePopulationCorrection: [String: Double]
  /// The first-step sums of R's logistic fit; needed by ``IntervalMethod/logit`` only.
  package var logitFirstStep: [LogitFirstStep]?
  /// A cross-tab's first-step sums of R's logistic fit, one list per share partition
  /// (``CrossTabShares``); needed by ``IntervalMethod/logit`` only.
  package var crossTabFirstSteps: [CrossTabShares: [LogitFirstStep]]?
  /// With replicate-weight columns (R's `svrepdesign()`), their names and the ranks that give the
  /// degrees of freedom; the groups then carry each replicate's sums.
  package var suppliedReplicates: SuppliedReplicateRanks?
  /// With replicate-weight columns, the ranks over the domains of other lists of domain variables,
  /// keyed by the list (a cross-tab's row and column shares are domain proportions within the
  /// row or column categories); ``suppliedRanks(by:)`` finds the ranks of any list.
  package var replicateRanksOfDomains: [[String]: SuppliedReplicateRanks] = [:]
  /// A paradox analysis on a replicate design: the first-step sums of R's logistic fit of its
  /// proportions over each subsample's domains (``ParadoxSubsample``), by domain and concern ×
  /// action cell (`"0"`–`"3"`, the groups' ``Group/category``); needed by
  /// ``IntervalMethod/logit`` only.
  package var paradoxFirstSteps: [ParadoxSubsample: [LogitFirstStep]]?
  /// A paradox analysis with replicate-weight columns: the ranks of the replicate weights of its
  /// complete and of its concerned respondents, over all of them and within each domain.
  package var paradoxRanks: [ParadoxRespondents: SuppliedReplicateRanks] = [:]

  /// Creates a table of group sums.
  package init(
    variable: String, domainVariables: [String], declaration: DesignDeclaration, groups: [Group],
    finitePopulationCorrection: [String: Double] = [:], logitFirstStep: [LogitFirstStep]? = nil
  ) {
    self.variable = variable
    self.domainVariables = domainVariables
    self.declaration = declaration
    self.groups = groups
    self.finitePopulationCorrection = finitePopulationCorrection
    self.logitFirstStep = logitFirstStep
  }

  /// The ranks of the replicate weights over the domains of `variables` (R's `degf()` + 1 of
  /// `design[rows of the domain, ]`): ``suppliedReplicates`` for the groups' own domain variables,
  /// the rank over all rows for none, ``replicateRanksOfDomains`` otherwise; `nil` without
  /// replicate-weight columns or ranks for `variables`.
  func suppliedRanks(by variables: [String]) -> SuppliedReplicateRanks? {
    guard let supplied = suppliedReplicates else { return nil }
    if variables.isEmpty {
      return SuppliedReplicateRanks(
        columnNames: supplied.columnNames, rankOfAllRows: supplied.rankOfAllRows,
        rankOfDomain: [[]: supplied.rankOfAllRows])
    }
    if variables == domainVariables { return supplied }
    return replicateRanksOfDomains[variables]
  }

  /// The scale of R's `svyglm` prior weights in each domain, rows / Σw over the domain's rows
  /// (missing values included), keyed by the domain's values: what ``LogitFirstStep`` multiplies
  /// the weights by.
  package var priorWeightScales: [[String]: Double] {
    var rows: [[String]: Int] = [:]
    var weight: [[String]: Double] = [:]
    for group in groups {
      guard let domain = group.domain else { continue }
      rows[domain, default: 0] += group.rows
      weight[domain, default: 0] += group.weightSum
    }
    return rows.reduce(into: [:]) { scales, entry in scales[entry.key] = Double(entry.value) / weight[entry.key]! }
  }
}

/// A table of group sums that cannot be estimated from.
package enum GroupSumsError: ConfianceError, Equatable {
  /// A stratum has one PSU and the lonely-PSU policy is `fail`.
  case lonelyPSU(stratum: String, strataVariable: String?)
  /// The finite population correction mixes counts and fractions, or is smaller than the sample.
  case invalidFPC(stratum: String, value: Double, sampledPSUs: Int)
  /// The logit interval was asked for without the first-step sums.
  case missingLogitFirstStep
  /// Groups without PSUs (``GroupSums/rowsArePSUs``) were given to a finish that needs PSUs
  /// (replicates created from the design).
  case needsPSUs(analysis: String)

  package var kind: ErrorKind {
    if case .needsPSUs = self { return .usage }
    return .data
  }

  package var remedy: Remedy? {
    if case .lonelyPSU = self { return .lonelyPSUPolicy }
    return nil
  }

  package var description: String {
    switch self {
    case .lonelyPSU(let stratum, let strataVariable):
      let which = strataVariable.map { "column '\($0)': stratum '\(stratum)'" } ?? "the sample"
      return "\(which) has only one PSU, so its variance cannot be estimated. "
        + "Merge it with a similar stratum, or choose a lonely-PSU policy: remove, certainty, adjust or average (as R survey's options(survey.lonely.psu))."
    case .invalidFPC(let stratum, let value, let sampledPSUs):
      return "stratum '\(stratum)': the finite population correction \(NumericValues.shortText(value)) does not fit its "
        + "\(sampledPSUs) sampled PSUs. Give the number of PSUs in the stratum's population (at least the sample's) "
        + "or the sampling fraction (at most 1), the same kind for every stratum."
    case .missingLogitFirstStep:
      return "the logit interval needs the first step of the logistic fit, which these group sums lack; "
        + "compute them with the first-step sums, or choose another interval method."
    case .needsPSUs(let analysis):
      return "\(analysis) from group sums need the groups keyed by PSU, and these groups, made for a design "
        + "without a PSU column, are not; give a column that numbers the rows as the PSU, or estimate from a file."
    }
  }
}
