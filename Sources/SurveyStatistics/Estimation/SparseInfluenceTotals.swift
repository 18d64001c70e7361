/// PSU totals of many influence variables of which each PSU holds only a few: the statistics of
/// D domains, where a PSU has non-zero totals only in the domains whose respondents it holds.
///
/// Columns come in groups of ``groupWidth`` (for instance a domain's gap and paradox share); each
/// entry (a PSU holding respondents of the estimation) lists the groups it has totals for, and every
/// other column of the entry is zero. Memory is O(e + s·w) for e entries and s (entry, group) slots
/// of width w, instead of O(e·k) for k columns. The covariance is
/// ``DesignStructure/covariance(ofSparse:lonelyPSU:)``.
struct SparseInfluenceTotals: Sendable {
  /// k, the number of columns: groups × ``groupWidth``.
  let columnCount: Int
  /// The number of consecutive columns a group covers.
  let groupWidth: Int
  /// The PSU of each entry.
  let psus: [Int32]
  /// The slots of entry e are `slotStart[e]..<slotStart[e + 1]`.
  let slotStart: [Int]
  /// The group of each slot; its columns are `group * groupWidth + 0..<groupWidth`.
  let slotGroup: [Int32]
  /// `groupWidth` totals per slot.
  let slotTotals: [Double]

  /// Totals from slots listed in any order: `entryOfSlot[s]` is the entry of slot s, and a slot's
  /// totals are `totals[s * groupWidth..<(s + 1) * groupWidth]`. Slots keep their relative order
  /// within an entry.
  init(
    psus: [Int32], groupCount: Int, groupWidth: Int, entryOfSlot: [Int], groupOfSlot: [Int32], totals: [Double]
  ) {
    precondition(entryOfSlot.count == groupOfSlot.count && totals.count == groupOfSlot.count * groupWidth,
                 "one group and groupWidth totals per slot")
    columnCount = groupCount * groupWidth
    self.groupWidth = groupWidth
    self.psus = psus
    var start = [Int](repeating: 0, count: psus.count + 1)
    for entry in entryOfSlot { start[entry + 1] += 1 }
    for entry in 0..<psus.count { start[entry + 1] += start[entry] }
    var next = start
    var group = [Int32](repeating: 0, count: groupOfSlot.count)
    var sortedTotals = [Double](repeating: 0, count: totals.count)
    for (slot, entry) in entryOfSlot.enumerated() {
      let position = next[entry]
      next[entry] += 1
      group[position] = groupOfSlot[slot]
      for j in 0..<groupWidth { sortedTotals[position * groupWidth + j] = totals[slot * groupWidth + j] }
    }
    slotStart = start
    slotGroup = group
    slotTotals = sortedTotals
  }

  /// The same totals with every column of every entry: what ``DesignStructure/covariance(of:lonelyPSU:)``
  /// takes, in O(e·k) memory.
  var stacked: InfluenceTotals {
    var dense = InfluenceTotals(statisticCount: columnCount)
    dense.psus = psus
    dense.totals = [Double](repeating: 0, count: psus.count * columnCount)
    for entry in psus.indices {
      for slot in slotStart[entry]..<slotStart[entry + 1] {
        let base = entry * columnCount + Int(slotGroup[slot]) * groupWidth
        for offset in 0..<groupWidth { dense.totals[base + offset] += slotTotals[slot * groupWidth + offset] }
      }
    }
    return dense
  }
}
