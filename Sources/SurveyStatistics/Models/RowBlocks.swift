/// Row-by-row work of a model spread over the processors, for loops in which each row's result
/// depends on that row alone (η = Xβ, μ = g⁻¹(η), a deviance residual, an influence value).
///
/// Why the digits do not change: a row's value is computed by the same operations in the same
/// order whichever thread computes it, and nothing is summed across rows here. Sums over rows
/// (the deviance, the design's totals) are taken afterwards, front to back, by the caller.
enum RowBlocks {
  /// The rows handed to a thread at a time: large enough that taking a block costs nothing, small
  /// enough that both threads finish together.
  static let blockSize = 1 << 15

  /// Runs `body` on consecutive blocks of `0..<count`, on up to `threads` threads at once (on the
  /// calling thread alone when there is one block).
  static func forEach(_ count: Int, threads: Int = availableProcessorCount(), _ body: (Range<Int>) -> Void) {
    let blocks = (count + blockSize - 1) / blockSize
    forEachConcurrently(blocks, threads: threads) { block in
      body((block * blockSize)..<min(count, (block + 1) * blockSize))
    }
  }

  /// `value(i)` for every row i in `0..<count`, computed on up to `threads` threads.
  static func values(_ count: Int, threads: Int = availableProcessorCount(), _ value: (Int) -> Double) -> [Double] {
    [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      let target = buffer.baseAddress
      forEach(count, threads: threads) { rows in
        for i in rows { target.unsafelyUnwrapped[i] = value(i) }
      }
      initialized = count
    }
  }
}
