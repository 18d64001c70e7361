/// One pass over the complete respondents of a paradox analysis on an uncalibrated design, which
/// gathers the PSU totals of every variance the analysis needs without a row-level matrix.
///
/// The influence value of statistic θ for respondent i of a domain is zᵢ = wᵢ·a_θ[cell of i] with
/// the domain's coefficients (``ParadoxTable/influenceCoefficients``). They are summed by PSU, in
/// row order, for the whole sample (one entry per PSU holding complete respondents, in order of
/// first appearance) and for every (domain, PSU) slot (as ``CategoryTally``): exactly the totals
/// that ``SurveyDesign/covariance(rowInfluence:statisticCount:isActive:)`` forms from the rows, so
/// the per-domain variances are identical to the row-level ones. The gap and paradox-share totals
/// of the slots are also the sparse PSU totals of the between-domain covariance
/// (``comparisonTotals(positionOfDomain:groupCount:)``).
///
/// - Complexity: one pass over the n rows; memory O(e + s) for e PSUs and s (domain, PSU) slots.
struct ParadoxTally {
  private static let statistics = ParadoxTable.Statistic.allCases.count

  /// The whole sample's PSU totals of the seven statistics.
  private(set) var overall = InfluenceTotals(statisticCount: ParadoxTally.statistics)
  /// Whether each whole-sample entry holds a concerned respondent.
  private var overallHasConcerned: [Bool] = []
  /// Per slot: its domain, PSU, whole-sample entry, seven totals, and whether it holds a concerned
  /// respondent.
  private var slotDomain: [Int32] = []
  private var slotPSU: [Int32] = []
  private var slotEntry: [Int] = []
  private var slotTotals: [Double] = []
  private var slotHasConcerned: [Bool] = []
  /// The slots of each domain, in order of first appearance.
  private var slotsOfDomain: [[Int]]
  private let structure: DesignStructure

  /// Tallies the complete rows (`cells[row] ≥ 0`), with the coefficients of the whole sample and of
  /// each domain (`nil` for a domain without respondents).
  init(
    design: SurveyDesign, cells: [Int8], domainOfRow: [Int32], overallCoefficients: [[Double]?],
    coefficientsOfDomain: [[[Double]?]?]
  ) {
    let statistics = Self.statistics
    structure = design.structure
    let weights = design.weights
    let psuOfRow = structure.psuOfRow
    let psuCount = structure.stratumOfPSU.count, domainCount = coefficientsOfDomain.count
    slotsOfDomain = [[Int]](repeating: [], count: domainCount)
    // a_θ[cell] by cell, then statistic (0 where θ has no coefficients: zᵢ = wᵢ·0).
    func byCell(_ coefficients: [[Double]?]) -> [Double] {
      (0..<4).flatMap { cell in coefficients.map { $0?[cell] ?? 0 } }
    }
    let overallByCell = byCell(overallCoefficients)
    let domainByCell = coefficientsOfDomain.map { $0.map(byCell) }
    var entryOfPSU = [Int32](repeating: -1, count: psuCount)
    overall.psus.reserveCapacity(psuCount)
    overall.totals.reserveCapacity(psuCount * statistics)
    let slotCapacity = min(cells.count, domainCount * psuCount)
    slotTotals.reserveCapacity(slotCapacity * statistics)
    var slots = SlotIndex(domainCount: domainCount, psuCount: psuCount)
    for row in cells.indices where cells[row] >= 0 {
      let cell = Int(cells[row])
      let psu = psuOfRow[row]
      let weight = weights[row]
      var entry = Int(entryOfPSU[Int(psu)])
      if entry < 0 {
        entry = overall.appendPSU(psu)
        entryOfPSU[Int(psu)] = Int32(entry)
        overallHasConcerned.append(false)
      }
      for statistic in 0..<statistics {
        overall.totals[entry * statistics + statistic] += weight * overallByCell[cell * statistics + statistic]
      }
      if cell >= 2 { overallHasConcerned[entry] = true }

      let domain = Int(domainOfRow[row])
      guard domain >= 0, domain < domainCount, let coefficients = domainByCell[domain] else { continue }
      let slot = slots.slot(domain: domain, psu: psu) { slot in
        slotDomain.append(Int32(domain))
        slotPSU.append(psu)
        slotEntry.append(entry)
        slotTotals.append(contentsOf: repeatElement(0, count: statistics))
        slotHasConcerned.append(false)
        slotsOfDomain[domain].append(slot)
      }
      for statistic in 0..<statistics {
        slotTotals[slot * statistics + statistic] += weight * coefficients[cell * statistics + statistic]
      }
      if cell >= 2 { slotHasConcerned[slot] = true }
    }
  }

  /// The PSU totals of the seven statistics in `domain`, PSUs in order of first appearance.
  func totals(ofDomain domain: Int) -> InfluenceTotals {
    let statistics = Self.statistics
    let slots = slotsOfDomain[domain]
    var totals = InfluenceTotals(statisticCount: statistics)
    totals.psus = slots.map { slotPSU[$0] }
    totals.totals = [Double](repeating: 0, count: slots.count * statistics)
    for (entry, slot) in slots.enumerated() {
      for statistic in 0..<statistics {
        totals.totals[entry * statistics + statistic] = slotTotals[slot * statistics + statistic]
      }
    }
    return totals
  }

  /// PSUs − strata among the PSUs holding the whole sample's complete respondents (all, or the
  /// concerned ones): R's `degf()` of the complete-case design.
  func overallDegreesOfFreedom(concernedOnly: Bool) -> Int {
    let entries = overall.psus.indices.filter { !concernedOnly || overallHasConcerned[$0] }
    return degreesOfFreedom(psus: entries.map { overall.psus[$0] })
  }

  /// PSUs − strata among the PSUs holding `domain`'s respondents (all, or the concerned ones).
  func degreesOfFreedom(ofDomain domain: Int, concernedOnly: Bool) -> Int {
    degreesOfFreedom(psus: slotsOfDomain[domain].filter { !concernedOnly || slotHasConcerned[$0] }.map { slotPSU[$0] })
  }

  private func degreesOfFreedom(psus: [Int32]) -> Int {
    var seen = [Bool](repeating: false, count: structure.stratumNames.count)
    var strata = 0
    for psu in psus {
      let stratum = Int(structure.stratumOfPSU[Int(psu)])
      if !seen[stratum] { seen[stratum] = true; strata += 1 }
    }
    return psus.count - strata
  }

  /// The sparse PSU totals of the between-domain comparisons: for every PSU holding complete
  /// respondents, the gap and paradox-share totals of each domain it holds, in columns
  /// 2·position + 0 (gap) and 2·position + 1 (paradox share).
  func comparisonTotals(positionOfDomain: [Int], groupCount: Int) -> SparseInfluenceTotals {
    let gap = ParadoxTable.Statistic.gap.rawValue, share = ParadoxTable.Statistic.paradoxShare.rawValue
    let statistics = Self.statistics
    var entries: [Int] = [], groups: [Int32] = [], totals: [Double] = []
    for slot in slotEntry.indices {
      let position = positionOfDomain[Int(slotDomain[slot])]
      guard position >= 0 else { continue }
      entries.append(slotEntry[slot])
      groups.append(Int32(position))
      totals.append(slotTotals[slot * statistics + gap])
      totals.append(slotTotals[slot * statistics + share])
    }
    return SparseInfluenceTotals(
      psus: overall.psus, groupCount: groupCount, groupWidth: 2, entryOfSlot: entries, groupOfSlot: groups,
      totals: totals)
  }
}
