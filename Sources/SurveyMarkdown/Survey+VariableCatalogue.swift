package import SurveyStatistics

extension Survey {
  /// What is in the survey, variable by variable: type, missing count, question text, the counts of
  /// the first `maxCategories` categories or the range and mean of a number. Identifier columns
  /// are listed without their values. The text of `confiance describe`.
  package func variableCatalogue(maxCategories: Int = 20) -> String {
    var text = "\(origin.file ?? "survey"): \(respondentCount) respondents, \(variables.count) variables\n"
    for variable in variables {
      text += "\n\(variable.name)  [\(variable.measurement.rawValue)]"
      text += "  missing: \(variable.missingCount)\n"
      if let label = variable.label { text += "  \(label)\n" }
      switch (variable.measurement, variable.values) {
      case (.identifier, _):
        text += "  (identifier: values are never shown)\n"
      case (_, .numeric(let numeric)):
        let present = numeric.values.indices.filter { !numeric.isMissing[$0] }.map { numeric.values[$0] }
        if let low = present.min(), let high = present.max() {
          let mean = present.reduce(0, +) / Double(present.count)
          text += "  numeric: min \(fixed(low, digits: 4)), mean \(fixed(mean, digits: 4)), max \(fixed(high, digits: 4))\n"
        }
      case (_, .categorical(let categorical)):
        let counts = categorical.levelCounts()
        let shown = categorical.sortedLevelIndices().filter { counts[$0] > 0 }
        for level in shown.prefix(maxCategories) {
          let value = categorical.levels[level]
          let label = variable.label(ofCategory: value).map { "  \($0)" } ?? ""
          text += "  \(value.padding(toLength: max(8, value.count), withPad: " ", startingAt: 0)) \(String(counts[level]).leftPadded(to: 7))\(label)\n"
        }
        if shown.count > maxCategories { text += "  … \(shown.count - maxCategories) more categories\n" }
      }
    }
    return text
  }
}

private extension String {
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
