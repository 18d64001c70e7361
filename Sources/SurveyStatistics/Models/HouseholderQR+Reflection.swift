/// The inner step of ``HouseholderQR``: one Householder reflector applied to later columns, in
/// LINPACK `dqrdc2`'s order of operations, on whatever thread is given a range of columns.
///
/// Why the digits do not depend on the threads: once column l holds its reflector v, column j's
/// update reads only v and column j itself — t = −(v·xⱼ)/v_l, xⱼ += t·v over rows l..<n, then
/// the downdate (or recomputation) of column j's remaining norm. No column's arithmetic reads
/// another later column, and each sum still runs over the rows in increasing order, so cutting
/// `l+1..<p` into ranges and running them at the same time gives the serial result to the last bit.
extension HouseholderQR {
  /// The smallest number of matrix elements, (n − l) × the later columns, worth a second thread:
  /// below it, starting the threads costs more than the update.
  static let smallestShare = 1 << 16

  /// How many dot products are taken in one pass over the rows: each in a register of its own,
  /// so a pass reads column l once for this many columns.
  private static let dotsPerPass = 4

  /// Applies the reflector stored in column `l` (rows l..<n) of the column-major n × p `x` to the
  /// `columns` (all after l), and downdates their remaining norms in `norms` (R's `qraux`),
  /// recomputing a norm (also into `recomputedNorms`) when more than 1 − 10⁻⁶ of it has gone, as
  /// LINPACK does.
  static func applyReflector(
    _ l: Int, to columns: Range<Int>, matrix x: UnsafeMutablePointer<Double>, rowCount n: Int,
    norms: UnsafeMutablePointer<Double>, recomputedNorms: UnsafeMutablePointer<Double>
  ) {
    let columnL = x + l * n
    var groupStart = columns.lowerBound
    while groupStart < columns.upperBound {
      let group = groupStart..<min(groupStart + dotsPerPass, columns.upperBound)
      // v·xⱼ for the group's columns; each sum over i in increasing order, as LINPACK's ddot.
      var dots = (0.0, 0.0, 0.0, 0.0)
      switch group.count {
      case 4:
        let a = x + group.lowerBound * n, b = a + n, c = b + n, d = c + n
        for i in l..<n {
          let value = columnL[i]
          dots.0 += value * a[i]
          dots.1 += value * b[i]
          dots.2 += value * c[i]
          dots.3 += value * d[i]
        }
      case 3:
        let a = x + group.lowerBound * n, b = a + n, c = b + n
        for i in l..<n {
          let value = columnL[i]
          dots.0 += value * a[i]
          dots.1 += value * b[i]
          dots.2 += value * c[i]
        }
      case 2:
        let a = x + group.lowerBound * n, b = a + n
        for i in l..<n {
          let value = columnL[i]
          dots.0 += value * a[i]
          dots.1 += value * b[i]
        }
      default:
        let a = x + group.lowerBound * n
        for i in l..<n { dots.0 += columnL[i] * a[i] }
      }
      for j in group {
        let dot: Double
        switch j - group.lowerBound {
        case 0: dot = dots.0
        case 1: dot = dots.1
        case 2: dot = dots.2
        default: dot = dots.3
        }
        let columnJ = x + j * n
        let t = -dot / columnL[l]
        for i in l..<n { columnJ[i] += t * columnL[i] }
        guard norms[j] != 0 else { continue }
        let ratio = abs(columnJ[l]) / norms[j]
        let remaining = max(1 - ratio * ratio, 0)
        if abs(remaining) < 1e-6 {
          norms[j] = norm(columnJ, from: l + 1, to: n)
          recomputedNorms[j] = norms[j]
        } else {
          norms[j] *= remaining.squareRoot()
        }
      }
      groupStart = group.upperBound
    }
  }

  /// The Euclidean norm of `values[start..<end]`, scaled as LINPACK's `dnrm2` to avoid overflow.
  static func norm(_ values: UnsafeMutablePointer<Double>, from start: Int, to end: Int) -> Double {
    var scale = 0.0, sum = 1.0
    for i in start..<end {
      let value = abs(values[i])
      if value == 0 { continue }
      if scale < value {
        sum = 1 + sum * (scale / value) * (scale / value)
        scale = value
      } else {
        sum += (value / scale) * (value / scale)
      }
    }
    return scale * sum.squareRoot()
  }
}
