/// The influence values of a fitted model's coefficients, in the form the fit has them.
///
/// For a regression fitted by iteratively reweighted least squares (R's `svyglm`), the influence
/// value of model row i is zᵢ = A⁻¹uᵢ with the estimating function uᵢ = fᵢxᵢ, where
/// fᵢ = Wᵢ(yᵢ − μ̂ᵢ)/μ′(η̂ᵢ) is the working weight times the working residual and A = XᵀWX
/// (Binder 1983; Lumley 2010, §5.2). Every use of the zᵢ is linear: a PSU total is
/// A⁻¹·Σ_{i∈PSU} fᵢxᵢ, and a margin's gᵀzᵢ is fᵢ·xᵢᵀ(A⁻¹g). So the n × p values need not be
/// stored: the PSU totals take n·p operations and e·p² for e PSUs, instead of n·p² for the values.
/// A proportional-odds fit has its influence values row by row (``surveyRows(_:)``).
enum CoefficientInfluence: Sendable {
  /// zᵢ on every survey row (zero outside the model), row-major, one value per coefficient.
  case surveyRows([Double])
  /// zᵢ = A⁻¹(fᵢxᵢ) on the model rows.
  case estimatingFunctions(EstimatingFunctions)

  /// A regression's influence values as its estimating functions: each model row's fᵢ and A⁻¹.
  struct EstimatingFunctions: Sendable {
    /// fᵢ, in the model's row order.
    let factors: [Double]
    /// A⁻¹, p × p, symmetric, row-major.
    let inverse: [Double]

    /// p.
    var coefficientCount: Int { factors.isEmpty ? 0 : Int(Double(inverse.count).squareRoot().rounded()) }

    /// zᵢ on every survey row (zero outside the model), row-major n × p: what the projection on
    /// a calibration needs. `rows` are the model rows' survey rows, `x` the model matrix on them
    /// (row-major). Rows are shared out between the threads (``RowBlocks``); each value is the
    /// same sum over j in the same order whichever thread computes it.
    func surveyRowValues(rows: [Int], x: [Double], respondentCount: Int) -> [Double] {
      let p = coefficientCount
      var influence = [Double](repeating: 0, count: respondentCount * p)
      influence.withUnsafeMutableBufferPointer { influence in
        let influence = influence.baseAddress.unsafelyUnwrapped
        x.withUnsafeBufferPointer { x in
          inverse.withUnsafeBufferPointer { inverse in
            rows.withUnsafeBufferPointer { rows in
              factors.withUnsafeBufferPointer { factors in
                RowBlocks.forEach(rows.count) { positions in
                  for position in positions {
                    let target = influence + rows[position] * p
                    for j in 0..<p {
                      let estimatingFunction = x[position * p + j] * factors[position]
                      let inverseRow = inverse.baseAddress.unsafelyUnwrapped + j * p
                      for k in 0..<p { target[k] += estimatingFunction * inverseRow[k] }
                    }
                  }
                }
              }
            }
          }
        }
      }
      return influence
    }

    /// The PSU totals of zᵢ over the model rows (`rows`, ascending survey rows), for the PSUs
    /// that hold one: Σ fᵢxᵢ by PSU, then times A⁻¹.
    func psuTotals(rows: [Int], x: [Double], psuOfRow: [Int32], psuCount: Int) -> InfluenceTotals {
      let p = coefficientCount
      var estimatingFunctionTotals = InfluenceTotals(statisticCount: p)
      var entryOfPSU = [Int32](repeating: -1, count: psuCount)
      for (position, row) in rows.enumerated() {
        let base = estimatingFunctionTotals.entry(of: psuOfRow[row], &entryOfPSU) * p, factor = factors[position]
        for j in 0..<p { estimatingFunctionTotals.totals[base + j] += x[position * p + j] * factor }
      }
      var totals = InfluenceTotals(statisticCount: p)
      for (entry, psu) in estimatingFunctionTotals.psus.enumerated() {
        _ = totals.appendPSU(psu)
        for j in 0..<p {
          let estimatingFunction = estimatingFunctionTotals.totals[entry * p + j]
          for k in 0..<p { totals.totals[entry * p + k] += estimatingFunction * inverse[j * p + k] }
        }
      }
      return totals
    }
  }

  /// gᵀzᵢ on each model row, in the model's row order (`rows` are their survey rows, `x` the
  /// model matrix on them, row-major).
  func projected(on gradient: [Double], rows: [Int], x: [Double]) -> [Double] {
    let p = gradient.count
    switch self {
    case .surveyRows(let values):
      return rows.map { row in
        var value = 0.0
        for j in 0..<p { value += values[row * p + j] * gradient[j] }
        return value
      }
    case .estimatingFunctions(let functions):
      var direction = [Double](repeating: 0, count: p)
      for j in 0..<p {
        for k in 0..<p { direction[j] += functions.inverse[j * p + k] * gradient[k] }
      }
      return rows.indices.map { position in
        var value = 0.0
        for j in 0..<p { value += x[position * p + j] * direction[j] }
        return functions.factors[position] * value
      }
    }
  }
}
