/// Maps (domain, PSU) pairs to dense slot numbers, numbered in order of first request: a direct
/// table when domains × PSUs is small, otherwise a chain of slots per PSU.
///
/// A PSU holds rows of few domains (an element design's PSU is one row), so the chain of its slots
/// is short; memory is O(PSUs + slots) instead of O(domains × PSUs).
struct SlotIndex {
  private let psuCount: Int
  private let usesTable: Bool
  /// domain × PSUs + PSU → slot, or −1.
  private var table: [Int32]
  /// The most recent slot of each PSU, −1 for none; each slot links to the PSU's previous one.
  private var lastSlotOfPSU: [Int32]
  private var previousSlot: [Int32] = []
  private var domainOfSlot: [Int32] = []
  private var count: Int32 = 0

  init(domainCount: Int, psuCount: Int) {
    self.psuCount = psuCount
    let cells = domainCount * psuCount
    usesTable = cells <= 1 << 22
    table = usesTable ? [Int32](repeating: -1, count: cells) : []
    lastSlotOfPSU = usesTable ? [] : [Int32](repeating: -1, count: psuCount)
  }

  /// The slot of (domain, psu); `create` is called with the new slot number the first time.
  @inline(__always)
  mutating func slot(domain: Int, psu: Int32, create: (Int) -> Void) -> Int {
    if usesTable {
      let key = domain * psuCount + Int(psu)
      let existing = table[key]
      if existing >= 0 { return Int(existing) }
      table[key] = count
    } else {
      var slot = lastSlotOfPSU[Int(psu)]
      while slot >= 0 {
        if domainOfSlot[Int(slot)] == Int32(domain) { return Int(slot) }
        slot = previousSlot[Int(slot)]
      }
      previousSlot.append(lastSlotOfPSU[Int(psu)])
      domainOfSlot.append(Int32(domain))
      lastSlotOfPSU[Int(psu)] = count
    }
    create(Int(count))
    count += 1
    return Int(count - 1)
  }
}
