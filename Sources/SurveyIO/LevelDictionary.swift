internal import Glibc

/// The distinct values of one column, as raw bytes, with a hash index from bytes to code.
///
/// Looking up a value that is already known reads its bytes once (to hash) and compares them
/// with the stored copy; nothing is allocated. Codes are assigned in order of first appearance.
/// Bytes are decoded into strings only at the end, once the file's encoding is known.
///
/// The index is an open-addressing table with linear probing. A slot holds the code and the upper
/// half of the value's hash; the slot a value belongs in is given by the top bits of its hash.
/// So a probe touches the stored bytes only when the hashes agree (a column of mostly distinct
/// values, such as identifiers or weights, costs about one cache miss per row), and growing the
/// table never reads the values again.
struct LevelDictionary {
  /// The bytes of every level, one after the other.
  private var bytes = GrowableBuffer<UInt8>(capacity: 256)
  /// Where level `code` starts in ``bytes``; one more entry than there are levels.
  private var offsets = GrowableBuffer<Int>(capacity: 16)
  /// The table: `hash & 0xFFFF_FFFF_0000_0000 | (code + 1)`, or `0` for an empty slot.
  private var slots: UnsafeMutablePointer<UInt64>
  /// The number of slots is `2^slotBits`.
  private var slotBits = 6

  private static let upperHalf: UInt64 = 0xFFFF_FFFF_0000_0000

  init() {
    offsets.append(0)
    slots = UnsafeMutablePointer<UInt64>.allocate(capacity: 1 << slotBits)
    slots.initialize(repeating: 0, count: 1 << slotBits)
  }

  /// The number of distinct levels.
  var count: Int { offsets.count - 1 }

  /// The bytes of level `code`; valid until the next insertion.
  func level(_ code: Int) -> UnsafeBufferPointer<UInt8> {
    let start = offsets[code]
    return UnsafeBufferPointer(start: bytes.base + start, count: offsets[code + 1] - start)
  }

  /// The code of the value `field[0..<length]`, adding it when new.
  ///
  /// - Returns: the code, and whether the value was new.
  @inline(__always)
  mutating func code(of field: UnsafePointer<UInt8>, length: Int) -> (code: Int32, isNew: Bool) {
    let hash = Self.hash(field, length: length)
    let fingerprint = hash & Self.upperHalf
    let mask = (1 << slotBits) - 1
    var slot = Int(truncatingIfNeeded: hash >> UInt64(64 - slotBits))
    while true {
      let entry = slots[slot]
      if entry == 0 { break }
      if entry & Self.upperHalf == fingerprint {
        let code = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
        let start = offsets[code]
        if offsets[code + 1] - start == length, Self.equal(bytes.base + start, field, length: length) {
          return (Int32(truncatingIfNeeded: code), false)
        }
      }
      slot = (slot + 1) & mask
    }
    let code = count
    bytes.append(contentsOf: field, count: length)
    offsets.append(bytes.count)
    slots[slot] = fingerprint | UInt64(code + 1)
    if (code + 1) * 2 > mask + 1 { growSlots() }
    return (Int32(truncatingIfNeeded: code), true)
  }

  /// Releases the storage.
  func deallocate() {
    bytes.deallocate()
    offsets.deallocate()
    slots.deallocate()
  }

  /// Doubles the table, placing each entry by the top bits of the hash it holds.
  private mutating func growSlots() {
    let oldCount = 1 << slotBits
    let newBits = slotBits + 1
    let newMask = (1 << newBits) - 1
    let newSlots = UnsafeMutablePointer<UInt64>.allocate(capacity: 1 << newBits)
    newSlots.initialize(repeating: 0, count: 1 << newBits)
    for old in 0..<oldCount {
      let entry = slots[old]
      if entry == 0 { continue }
      var slot = Int(truncatingIfNeeded: entry >> UInt64(64 - newBits))
      while newSlots[slot] != 0 { slot = (slot + 1) & newMask }
      newSlots[slot] = entry
    }
    slots.deallocate()
    slots = newSlots
    slotBits = newBits
  }

  /// Whether `length` bytes at `a` and `b` are the same; reads only those bytes.
  @inline(__always)
  static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, length: Int) -> Bool {
    let first = UnsafeRawPointer(a)
    let second = UnsafeRawPointer(b)
    if length >= 8 {
      var offset = 0
      while offset + 8 < length {
        if first.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
          != second.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        { return false }
        offset += 8
      }
      // The last eight bytes, overlapping the words already compared.
      return first.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        == second.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
    }
    if length >= 4 {
      return first.loadUnaligned(as: UInt32.self) == second.loadUnaligned(as: UInt32.self)
        && first.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
          == second.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
    }
    for offset in 0..<length where a[offset] != b[offset] { return false }
    return true
  }

  /// A 64-bit hash of a byte string: eight bytes at a time, multiplied and folded, then
  /// finished with MurmurHash3's 64-bit mixer so that every bit depends on every byte. The bytes
  /// after the last whole word are read as one last, overlapping, word (or two 4-byte halves, or
  /// three single bytes, for strings shorter than 8 bytes); the length is hashed in too.
  @inline(__always)
  static func hash(_ field: UnsafePointer<UInt8>, length: Int) -> UInt64 {
    let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    var hash = UInt64(truncatingIfNeeded: length) &* multiplier
    let raw = UnsafeRawPointer(field)
    if length >= 8 {
      var offset = 0
      while offset + 8 < length {
        let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        hash = (hash ^ word) &* multiplier
        hash ^= hash >> 32
        offset += 8
      }
      let last = raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
      hash = (hash ^ last) &* multiplier
    } else if length >= 4 {
      let low = UInt64(raw.loadUnaligned(as: UInt32.self))
      let high = UInt64(raw.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self))
      hash = (hash ^ (low | high << 32)) &* multiplier
    } else if length > 0 {
      let word = UInt64(field[0]) | UInt64(field[length >> 1]) << 8 | UInt64(field[length - 1]) << 16
      hash = (hash ^ word) &* multiplier
    }
    hash ^= hash >> 33
    hash &*= 0xFF51_AFD7_ED55_8CCD
    hash ^= hash >> 33
    hash &*= 0xC4CE_B9FE_1A85_EC53
    hash ^= hash >> 33
    return hash
  }
}
