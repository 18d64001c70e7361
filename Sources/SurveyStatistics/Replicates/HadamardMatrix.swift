import RealModule

/// The 0/1 Hadamard matrices R survey's BRR replicates follow (`hadamard()` in R/surveyrep.R,
/// `paley()` in R/paley.R, survey 4.1), built the same way so that every replicate matches R's.
///
/// A matrix of order m has rows and columns of 1s and 0s (for +1 and −1) whose ±1 forms are
/// orthogonal. For n strata (or half-strata) R takes, with k = n − (n mod 4):
/// 1. a stored matrix of order 4, 16, 28 or 36 when k < m ≤ k + 4 for one of them;
/// 2. otherwise, with each stored order doubled until it exceeds n, the smallest; when it exceeds n
///    by more than 4, Paley's construction (Paley 1933) from a prime p ≡ 3 (mod 4) if one fits;
/// 3. otherwise the stored matrix doubled: H ↦ [[H, H], [H, 1 − H]] (Sylvester 1867).
/// Row 0 is all 1s and unused; stratum s (1-based) follows row s, so the matrix has at least n + 1
/// rows, and the number of replicates is its order.
struct HadamardMatrix: Sendable, Equatable {
  /// The entries, row after row: order × order values 0 or 1.
  let entries: [UInt8]
  /// The number of rows and columns.
  let order: Int

  /// The entry of `row` and `column` (0-based).
  subscript(row: Int, column: Int) -> UInt8 { entries[row * order + column] }

  /// R's `hadamard(n)` for n strata.
  init(strata n: Int) {
    let sizes = Self.storedOrders
    let base = n - n % 4
    if let stored = sizes.firstIndex(where: { base < $0 && base + 4 >= $0 }) {
      self = Self.stored[stored]
      return
    }
    if sizes.allSatisfy({ base < $0 }) {
      self = Self.stored[0]
      return
    }
    // Each stored order doubled until it exceeds n: sizes · 2^max(0, ⌈log₂((n + 1)/size)⌉).
    let doubled = sizes.map { size -> Int in
      let exponent = max(0, Int(Double.log2(Double(n + 1) / Double(size)).rounded(.up)))
      return size << exponent
    }
    var best = 0
    for index in doubled.indices where doubled[index] - n < doubled[best] - n { best = index }
    if doubled[best] - n > 4, let paley = Self.paley(strata: n, largestOrder: doubled[best]) {
      self = paley
      return
    }
    var matrix = Self.stored[best]
    while matrix.order < doubled[best] { matrix = matrix.doubled() }
    self = matrix
  }

  init(entries: [UInt8], order: Int) {
    precondition(entries.count == order * order, "a square matrix")
    self.entries = entries
    self.order = order
  }

  /// [[H, H], [H, 1 − H]], R's `hadamard.doubler`.
  func doubled() -> HadamardMatrix {
    let size = 2 * order
    var entries = [UInt8](repeating: 0, count: size * size)
    for row in 0..<order {
      for column in 0..<order {
        let value = self[row, column]
        entries[row * size + column] = value
        entries[row * size + column + order] = value
        entries[(row + order) * size + column] = value
        entries[(row + order) * size + column + order] = 1 - value
      }
    }
    return HadamardMatrix(entries: entries, order: size)
  }

  /// R's `paley(n, nmax)`: a Paley matrix of order p + 1 for the smallest listed prime p ≥ n, or
  /// a smaller Paley matrix doubled, or `nil` when none fits under `largestOrder`.
  static func paley(strata n: Int, largestOrder: Int) -> HadamardMatrix? {
    let ceiling = n + 4 - n % 4
    if n % 4 + 4 == n % 8 {
      var order = ceiling
      while order % 8 == 0 { order /= 2 }
      if smallPrimes.contains(order - 1) {
        var matrix = paley(prime: order - 1)
        while order < ceiling {
          matrix = matrix.doubled()
          order *= 2
        }
        return matrix
      }
    }
    guard let largest = smallPrimes.last, n <= largest, let prime = smallPrimes.first(where: { $0 >= n }) else {
      return nil
    }
    if prime + 1 > ceiling + 4 && ceiling + 4 < largestOrder {
      return paley(strata: ceiling + 3, largestOrder: 2 * (ceiling + 3))
    }
    if prime > largestOrder { return nil }
    return paley(prime: prime)
  }

  /// Paley's matrix of order p + 1 for a prime p ≡ 3 (mod 4): a border of 1s around the p × p
  /// matrix whose entry (i, j) is 0 when (i + j) mod p is 0 or a quadratic residue, 1 otherwise.
  static func paley(prime p: Int) -> HadamardMatrix {
    // R: res <- c(0, 1, (i^2 %% p) for i in 2:floor((p - 1)/2)); 2:1 counts down when p = 3.
    var residues: Set<Int> = [0, 1]
    let upper = (p - 1) / 2
    for i in upper >= 2 ? Array(2...upper) : [2, 1] { residues.insert(i * i % p) }
    let size = p + 1
    var entries = [UInt8](repeating: 1, count: size * size)
    for i in 0..<p {
      for j in 0..<p { entries[(i + 1) * size + j + 1] = residues.contains((i + j) % p) ? 0 : 1 }
    }
    return HadamardMatrix(entries: entries, order: size)
  }

  /// The orders of R's stored matrices (`hadamard.sizes`).
  static let storedOrders = [4, 16, 28, 36]

  /// R's stored matrices (`hadamard.list` in survey's sysdata.rda), row by row.
  static let stored: [HadamardMatrix] = storedRows.map { rows in
    HadamardMatrix(entries: rows.flatMap { $0.utf8.map { $0 == UInt8(ascii: "1") ? 1 : 0 } }, order: rows.count)
  }

  private static let storedRows: [[String]] = [
    [
      "1111", "1010", "1100", "1001",
    ],
    [
      "1111111111111111", "1010101010101010", "1100110011001100", "1001100110011001", "1111000011110000",
      "1010010110100101", "1100001111000011", "1001011010010110", "1111111100000000", "1010101001010101",
      "1100110000110011", "1001100101100110", "1111000000001111", "1010010101011010", "1100001100111100",
      "1001011001101001",
    ],
    [
      "1111111111111111111111111111", "1001110001110001110001111000", "1000001111001101001101111000",
      "1000001110110010111001100110", "1001101000001111100011010110", "1001010100101100010110101110",
      "1000110011010010001110011110", "0101100010101010011111110000", "0100010110110101100111010100",
      "0100011011001011110010101100", "0101011000010111011101001010", "0100101101100100111010011010",
      "0101100101011001101100100110", "0010110100011110101011101000", "0011011001100110101100110100",
      "0010101100111011010100011100", "0011000111010111010010110010", "0011001011111000100111001010",
      "0010110011101101011001000110", "1110101001010100010111100100", "1111000101100011001011001100",
      "1111000010011100111000011100", "1110010101001010110101010010", "1110011000111001001010110010",
      "1110100010100111100100101010", "1101111111111110000000000000", "1011111110000001111110000000",
      "0111111110000000000001111110",
    ],
    [
      "111111111111111111111111111111111111", "010111000111110111001000010101100100",
      "101110001111101110010000101011001000", "011100011111011100100001010110010010",
      "111000111110111001000010101100100100", "110001111101110010000101011001001010",
      "100011111011100100001010110010010110", "000111110111001000010101100100101110",
      "001111101110010000101011001001011100", "011111011100100001010110010010111000",
      "111110111001000010101100100101110000", "111101110010000101011001001011100010",
      "111011100100001010110010010111000110", "110111001000010101100100101110001110",
      "101110010000101011001001011100011110", "011100100001010110010010111000111110",
      "111001000010101100100101110001111100", "110010000101011001001011100011111010",
      "100100001010110010010111000111110110", "001000010101100100101110001111101110",
      "010000101011001001011100011111011100", "100001010110010010111000111110111000",
      "000010101100100101110001111101110010", "000101011001001011100011111011100100",
      "001010110010010111000111110111001000", "010101100100101110001111101110010000",
      "101011001001011100011111011100100000", "010110010010111000111110111001000010",
      "101100100101110001111101110010000100", "011001001011100011111011100100001010",
      "110010010111000111110111001000010100", "100100101110001111101110010000101010",
      "001001011100011111011100100001010110", "010010111000111110111001000010101100",
      "100101110001111101110010000101011000", "001011100011111011100100001010110010",
    ],
  ]

  /// The primes p ≤ 7919 with p + 1 a multiple of 4: the list R's `paley()` searches.
  static let smallPrimes: [Int] = (3...7919).filter { candidate in
    guard candidate % 4 == 3 else { return false }
    var divisor = 3
    while divisor * divisor <= candidate {
      if candidate % divisor == 0 { return false }
      divisor += 2
    }
    return true
  }
}
