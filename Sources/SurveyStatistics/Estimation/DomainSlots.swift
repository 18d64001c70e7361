/// The (domain, PSU) slots of a domain partition, and the order in which a tally reads the rows:
/// what the tallies of all the variables analysed over one partition share, found once.
///
/// A slot holds the rows of one domain in one PSU; the variance of a domain estimate needs its
/// influence values summed by slot (``InfluenceTotals``). Slots are numbered domain by domain (a
/// domain's slots are contiguous, each domain's in order of first appearance). A variable's tally
/// adds each row to its slot's totals, and reads the rows in one of two orders (``RowOrder``):
/// - in file order, when the slots are few (as many as ``fileOrderSlotLimit``): the slot totals are
///   a small table that stays in the processor's cache, and every column is read front to back;
/// - slot by slot, when they are many (100,000 PSUs, or hundreds of domains): the totals are then
///   written in turn instead of at random places in a table too large for the cache, at the cost
///   of reading the variable's codes in a scattered order.
///
/// Per row, the weight and the first step of R's logistic fit (``InterceptOnlyLogisticFit/RowTerms``,
/// two logarithms) depend on the row and its domain only, not on the variable: they are laid out
/// once here, in the reading order, rather than computed once per variable.
struct DomainSlots: Sendable {
  /// The order in which a tally reads the rows.
  enum RowOrder: Sendable {
    /// Row after row; the slot of each row (−1 outside every domain).
    case file(slotOfRow: [Int32])
    /// Slot after slot: the rows of each slot in file order, and where each slot's rows start in
    /// that list (slots + 1 entries). Rows outside every domain are left out.
    case bySlot(rows: [Int32], slotRowStart: [Int])
  }

  /// The most slots for which rows are read in file order.
  static let fileOrderSlotLimit = 8192

  /// The partition the slots belong to.
  let partition: DomainPartition
  /// The order in which tallies read the rows.
  let order: RowOrder
  /// The PSU of each slot.
  let slotPSU: [Int32]
  /// The domain of each slot.
  let slotDomain: [Int32]
  /// The first slot of each domain, then the number of slots (domains + 1 entries).
  let domainSlotStart: [Int]
  /// The weight of each row, in reading order.
  let orderedWeights: [Double]
  /// Rows of each domain (whatever the variable's values).
  let designRows: [Int]
  /// Σw over the rows of each domain.
  let designWeightTotal: [Double]
  /// PSUs − strata among the PSUs holding rows of each domain (R's `degf()` of the domain's design);
  /// on a replicate design, the rank of the domain's replicate weights minus one.
  let degreesOfFreedom: [Int]
  /// 1 / mean(w) over the rows of each domain's design, the scale of R's `svyglm` prior weights;
  /// empty unless the slots were made for the logit interval.
  let priorWeightScale: [Double]
  /// The first step of R's logistic fit for each row, in reading order; empty unless the slots
  /// were made for the logit interval.
  let orderedLogitTerms: [InterceptOnlyLogisticFit.RowTerms]

  /// The number of slots.
  var slotCount: Int { slotPSU.count }

  /// The slots of `domainIndex`.
  func slots(ofDomain domainIndex: Int) -> Range<Int> {
    domainSlotStart[domainIndex]..<domainSlotStart[domainIndex + 1]
  }

  /// Finds the slots of `partition` on `design`; with `fitsLogit`, also the first step of R's
  /// logistic fit for every row.
  ///
  /// - Complexity: O(n + s + d) for n rows, s slots and d domains: one pass over the rows to find
  ///   the slots, a counting sort of the rows by slot when the slots are many, and, with
  ///   `fitsLogit`, one pass (on every processor) for the logistic terms.
  ///
  /// - Parameter fileOrderSlotLimit: the most slots for which rows are read in file order (tests
  ///   lower it to check that both orders give the same estimates).
  init(
    partition: DomainPartition, design: SurveyDesign, fitsLogit: Bool,
    fileOrderSlotLimit: Int = DomainSlots.fileOrderSlotLimit
  ) {
    let structure = design.structure
    let weights = design.weights
    let domainCount = partition.domains.count
    let rowCount = partition.domainOfRow.count

    // 1. The slot of every row, numbered in order of first appearance, and per-domain sums.
    var slotIndex = SlotIndex(domainCount: domainCount, psuCount: structure.stratumOfPSU.count)
    var slotOfRow = [Int32](repeating: -1, count: rowCount)  // provisional numbers until step 3
    var provisionalDomain: [Int32] = []
    var provisionalPSU: [Int32] = []
    var provisionalRows: [Int] = []
    var designRows = [Int](repeating: 0, count: domainCount)
    var designWeightTotal = [Double](repeating: 0, count: domainCount)
    for row in 0..<rowCount {
      let domain = Int(partition.domainOfRow[row])
      guard domain >= 0 else { continue }
      let psu = structure.psuOfRow[row]
      let slot = slotIndex.slot(domain: domain, psu: psu) { _ in
        provisionalDomain.append(Int32(domain))
        provisionalPSU.append(psu)
        provisionalRows.append(0)
      }
      slotOfRow[row] = Int32(slot)
      provisionalRows[slot] += 1
      designRows[domain] += 1
      designWeightTotal[domain] += weights[row]
    }

    // 2. Slots renumbered domain by domain, keeping their order of appearance within a domain.
    let slotCount = provisionalDomain.count
    var domainSlotStart = [Int](repeating: 0, count: domainCount + 1)
    for domain in provisionalDomain { domainSlotStart[Int(domain) + 1] += 1 }
    for domain in 0..<domainCount { domainSlotStart[domain + 1] += domainSlotStart[domain] }
    var nextSlotOfDomain = Array(domainSlotStart.dropLast())
    var finalSlot = [Int32](repeating: 0, count: slotCount)
    var slotPSU = [Int32](repeating: 0, count: slotCount)
    var slotDomain = [Int32](repeating: 0, count: slotCount)
    var slotRows = [Int](repeating: 0, count: slotCount)
    for provisional in 0..<slotCount {
      let domain = Int(provisionalDomain[provisional])
      let slot = nextSlotOfDomain[domain]
      nextSlotOfDomain[domain] += 1
      finalSlot[provisional] = Int32(slot)
      slotPSU[slot] = provisionalPSU[provisional]
      slotDomain[slot] = Int32(domain)
      slotRows[slot] = provisionalRows[provisional]
    }

    // 3. The reading order, with the weights in it.
    let order: RowOrder
    let orderedWeights: [Double]
    for row in 0..<rowCount where slotOfRow[row] >= 0 { slotOfRow[row] = finalSlot[Int(slotOfRow[row])] }
    if slotCount <= fileOrderSlotLimit {
      order = .file(slotOfRow: slotOfRow)
      orderedWeights = weights
    } else {
      // A stable counting sort of the rows by slot.
      var slotRowStart = [Int](repeating: 0, count: slotCount + 1)
      for slot in 0..<slotCount { slotRowStart[slot + 1] = slotRowStart[slot] + slotRows[slot] }
      var nextPosition = Array(slotRowStart.dropLast())
      var rows = [Int32](repeating: 0, count: slotRowStart[slotCount])
      var weightsInOrder = [Double](repeating: 0, count: rows.count)
      for row in 0..<rowCount where slotOfRow[row] >= 0 {
        let slot = Int(slotOfRow[row])
        let position = nextPosition[slot]
        nextPosition[slot] = position + 1
        rows[position] = Int32(row)
        weightsInOrder[position] = weights[row]
      }
      order = .bySlot(rows: rows, slotRowStart: slotRowStart)
      orderedWeights = weightsInOrder
    }

    // 4. Degrees of freedom: PSUs minus strata among each domain's slots.
    var degreesOfFreedom = [Int](repeating: 0, count: domainCount)
    var stratumSeen = [Int](repeating: -1, count: structure.stratumNames.count)
    for domain in 0..<domainCount {
      var strata = 0
      for slot in domainSlotStart[domain]..<domainSlotStart[domain + 1] {
        let stratum = Int(structure.stratumOfPSU[Int(slotPSU[slot])])
        if stratumSeen[stratum] != domain {
          stratumSeen[stratum] = domain
          strata += 1
        }
      }
      degreesOfFreedom[domain] = domainSlotStart[domain + 1] - domainSlotStart[domain] - strata
    }
    if design.replicates != nil {
      // With replicate weights: the rank of each domain's replicate weights minus one.
      degreesOfFreedom = design.replicateDegreesOfFreedom(domainOfRow: partition.domainOfRow, domainCount: domainCount)
    }

    self.partition = partition
    self.order = order
    self.slotPSU = slotPSU
    self.slotDomain = slotDomain
    self.domainSlotStart = domainSlotStart
    self.orderedWeights = orderedWeights
    self.designRows = designRows
    self.designWeightTotal = designWeightTotal
    self.degreesOfFreedom = degreesOfFreedom
    guard fitsLogit else {
      priorWeightScale = []
      orderedLogitTerms = []
      return
    }
    // 5. R's svyglm rescales the weights to mean 1 over the rows of each domain's design.
    let scale = (0..<domainCount).map {
      Double(design.designRows(ofDomainWith: designRows[$0])) / designWeightTotal[$0]
    }
    priorWeightScale = scale
    orderedLogitTerms = Self.logitTerms(
      orderedWeights: orderedWeights, order: order, partition: partition, domainSlotStart: domainSlotStart,
      scale: scale)
  }

  /// ``InterceptOnlyLogisticFit/RowTerms`` of every row in reading order, computed in blocks on
  /// every processor; each row's terms depend on that row alone, so the result does not depend on
  /// the number of threads. Rows outside every domain get zero terms.
  private static func logitTerms(
    orderedWeights: [Double], order: RowOrder, partition: DomainPartition, domainSlotStart: [Int], scale: [Double]
  ) -> [InterceptOnlyLogisticFit.RowTerms] {
    let count = orderedWeights.count
    // Slot after slot, each domain's rows are one run of positions.
    var domainPositionStart: [Int] = []
    if case .bySlot(_, let slotRowStart) = order { domainPositionStart = domainSlotStart.map { slotRowStart[$0] } }
    let blockSize = 1 << 16
    let blocks = (count + blockSize - 1) / blockSize
    return [InterceptOnlyLogisticFit.RowTerms](unsafeUninitializedCapacity: count) { buffer, initialized in
      let terms = UnsafeMutableBufferPointer(rebasing: buffer[...])
      forEachConcurrently(blocks) { block in
        let start = block * blockSize
        let end = min(start + blockSize, count)
        var domain = domainPositionStart.isEmpty ? 0 : domainPositionStart.lastIndex { $0 <= start } ?? 0
        for position in start..<end {
          if domainPositionStart.isEmpty {
            domain = Int(partition.domainOfRow[position])
          } else {
            while position >= domainPositionStart[domain + 1] { domain += 1 }
          }
          let rowTerms = domain < 0
            ? InterceptOnlyLogisticFit.RowTerms.zero
            : InterceptOnlyLogisticFit.RowTerms(scaledWeight: scale[domain] * orderedWeights[position])
          (terms.baseAddress.unsafelyUnwrapped + position).initialize(to: rowTerms)
        }
      }
      initialized = count
    }
  }
}
