/// Some order statistics x₍ₖ₎ of a sample (its k-th smallest values), found by selection: Hoare's
/// quickselect (median-of-three pivot) run for each rank in increasing order on one copy of the
/// values, each run in the part above the previous rank. About O(n) per rank, instead of the
/// O(n log n) of sorting a million weights for a handful of quantiles; a range that does not
/// shrink fast enough is sorted instead, so the worst case stays O(n log n).
struct OrderStatistics {
  private var valueOfRank: [Int: Double] = [:]

  /// Selects the values of `ranks` (1-based, each in 1...values.count).
  init(_ values: [Double], ranks: Set<Int>) {
    var copy = values
    var start = 0
    for rank in ranks.sorted() {
      precondition(rank >= 1 && rank <= values.count, "a rank between 1 and the number of values")
      Self.select(position: rank - 1, in: &copy, from: start)
      valueOfRank[rank] = copy[rank - 1]
      start = rank - 1
    }
  }

  /// x₍ₖ₎ for one of the ranks given.
  subscript(rank: Int) -> Double { valueOfRank[rank]! }

  /// Rearranges `values[start...]` so that `values[position]` holds the value a sort would put
  /// there, with no larger value before it and no smaller after it.
  private static func select(position: Int, in values: inout [Double], from start: Int) {
    var low = start, high = values.count - 1
    var rounds = 0
    let limit = 2 * (Int.bitWidth - (values.count - start).leadingZeroBitCount) + 8
    while high > low {
      rounds += 1
      if rounds > limit {
        values[low...high].sort()
        return
      }
      // Median of three as the pivot.
      let middle = low + (high - low) / 2
      if values[middle] < values[low] { values.swapAt(middle, low) }
      if values[high] < values[low] { values.swapAt(high, low) }
      if values[high] < values[middle] { values.swapAt(high, middle) }
      let pivot = values[middle]
      // Hoare partition: values[low...j] ≤ pivot ≤ values[i...high].
      var i = low, j = high
      while i <= j {
        while values[i] < pivot { i += 1 }
        while values[j] > pivot { j -= 1 }
        if i <= j {
          values.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      if position <= j {
        high = j
      } else if position >= i {
        low = i
      } else {
        return  // between j and i: equal to the pivot, in place
      }
    }
  }
}
