/// The codes of recently seen values of at most 8 bytes, so that a column of few distinct short
/// values (answers `1`–`5`, `yes`/`no`, age bands) finds a value's code with one load and one
/// comparison instead of hashing it into the ``LevelDictionary``.
///
/// A value is keyed by its bytes read as a little-endian integer, the bytes past its end set to 0.
/// Values hold no NUL byte, so the key of a non-empty value is not 0 and determines the value
/// (its length is the position of its highest non-zero byte). The cache is direct-mapped: 256
/// slots chosen by a multiplicative hash of the key; a new value replaces the one in its slot.
struct ShortValueCache {
  private static let slotBits = 8
  private let keys: UnsafeMutablePointer<UInt64>
  private let codes: UnsafeMutablePointer<Int32>

  init() {
    keys = UnsafeMutablePointer<UInt64>.allocate(capacity: 1 << Self.slotBits)
    keys.initialize(repeating: 0, count: 1 << Self.slotBits)
    codes = UnsafeMutablePointer<Int32>.allocate(capacity: 1 << Self.slotBits)
    codes.initialize(repeating: 0, count: 1 << Self.slotBits)
  }

  /// The key of `field[0..<length]`.
  ///
  /// The bytes are loaded one at a time: libcsv has just stored them one at a time, and a wider
  /// load of bytes still on their way to memory stalls the processor (no store-to-load forwarding).
  ///
  /// - Precondition: `1 <= length <= 8`.
  @inline(__always)
  static func key(_ field: UnsafePointer<UInt8>, length: Int) -> UInt64 {
    var key = UInt64(field[0])
    var index = 1
    while index < length {
      key |= UInt64(field[index]) &<< UInt64(index &* 8)
      index &+= 1
    }
    return key
  }

  @inline(__always)
  private static func slot(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> UInt64(64 - slotBits))
  }

  /// The code remembered for `key`, if any.
  @inline(__always)
  func code(of key: UInt64) -> Int32? {
    let slot = Self.slot(key)
    return keys[slot] == key ? codes[slot] : nil
  }

  /// Remembers the code of `key`.
  @inline(__always)
  func remember(_ key: UInt64, code: Int32) {
    let slot = Self.slot(key)
    keys[slot] = key
    codes[slot] = code
  }

  /// Releases the storage.
  func deallocate() {
    keys.deallocate()
    codes.deallocate()
  }
}
