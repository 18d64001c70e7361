/// SplitMix64 (Steele, Lea & Flood 2014): a small seeded generator, so that bootstrap replicates
/// made with the same seed are the same on every machine and toolchain. Bounded draws use their
/// own rejection step rather than the standard library's, whose algorithm may change.
struct SeededGenerator: Sendable {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in 0..<bound, without modulo bias.
  mutating func next(below bound: Int) -> Int {
    precondition(bound > 0, "a positive bound")
    let range = UInt64(bound)
    let limit = UInt64.max - UInt64.max % range
    var value = next()
    while value >= limit { value = next() }
    return Int(value % range)
  }
}
