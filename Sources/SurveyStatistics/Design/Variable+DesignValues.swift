extension Variable {
  /// The values as numbers, for a design role (weight, FPC) in which every respondent needs one.
  ///
  /// - Throws: ``SurveyError/missingDesignValue(variable:role:row:origin:)`` for an empty value,
  ///   ``SurveyError/notNumeric(variable:role:row:value:origin:)`` for text.
  func requiredNumbers(role: String, origin: DataOrigin) throws -> [Double] {
    switch values {
    case .numeric(let numeric):
      if let row = numeric.isMissing.firstIndex(of: true) {
        throw SurveyError.missingDesignValue(variable: name, role: role, row: row, origin: origin)
      }
      return numeric.values
    case .categorical(let categorical):
      let parsed = categorical.levels.map { Double($0.trimmingSpaces()) }
      var numbers = [Double](repeating: 0, count: categorical.codes.count)
      for (row, code) in categorical.codes.enumerated() {
        guard code >= 0 else {
          throw SurveyError.missingDesignValue(variable: name, role: role, row: row, origin: origin)
        }
        guard let number = parsed[Int(code)] else {
          throw SurveyError.notNumeric(
            variable: name, role: role, row: row, value: categorical.levels[Int(code)], origin: origin)
        }
        numbers[row] = number
      }
      return numbers
    }
  }

  /// The values as sampling weights: positive finite numbers.
  func validatedWeights(origin: DataOrigin) throws -> [Double] {
    let weights = try requiredNumbers(role: "weight", origin: origin)
    for (row, weight) in weights.enumerated() where !(weight > 0 && weight.isFinite) {
      let problem: String
      if weight.isNaN {
        problem = "is not a number (NaN)"
      } else if weight.isInfinite {
        problem = "is infinite"
      } else if weight == 0 {
        problem = "is zero, so the respondent would stand for nobody"
      } else {
        problem = "is negative"
      }
      throw SurveyError.invalidWeight(
        variable: name, row: row, value: rawText(atRow: row) ?? String(weight), problem: problem, origin: origin)
    }
    return weights
  }

  /// The value of a row as written in the file, when stored as text.
  func rawText(atRow row: Int) -> String? {
    if case .categorical(let categorical) = values { return categorical.value(at: row) }
    if case .numeric(let numeric) = values, let value = numeric.value(at: row) { return NumericValues.shortText(value) }
    return nil
  }

  /// Integer group codes for a design role (strata, PSU) in which every respondent needs a value.
  func requiredGroups(role: String, origin: DataOrigin) throws -> CategoricalValues {
    let groups = categorical
    if let row = groups.codes.firstIndex(of: -1) {
      throw SurveyError.missingDesignValue(variable: name, role: role, row: row, origin: origin)
    }
    return groups
  }
}
