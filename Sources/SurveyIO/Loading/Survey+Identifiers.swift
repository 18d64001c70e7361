package import SurveyStatistics

extension Survey {
  /// The survey with every column whose name looks like an identifier (``IdentifierNames``)
  /// measured as one, unless the codebook gives the column a type.
  func markingIdentifiers() -> Survey {
    var marked = self
    for variable in variables where variable.measurement != .identifier {
      guard IdentifierNames.looksLikeIdentifier(variable.name),
        codebook?.entry(named: variable.name)?.measurement == nil
      else { continue }
      var identifier = variable
      identifier.measurement = .identifier
      marked.setVariable(identifier)
    }
    return marked
  }

  /// Refuses to analyse identifier columns, whose values must never be printed.
  ///
  /// - Parameter names: The variables whose values or categories would be printed.
  /// - Throws: ``SurveyLoadError/identifierColumn(file:column:codebook:)``.
  package func checkingAnalysable(_ names: [String]) throws {
    for name in names where hasVariable(named: name) {
      let variable = try variable(named: name)
      if variable.measurement == .identifier {
        let declared = codebook?.entry(named: name)?.measurement == .identifier
        throw SurveyLoadError.identifierColumn(
          file: origin.file, column: name, codebook: declared ? (codebook?.source ?? "the file's codebook") : nil)
      }
    }
  }

  /// Refuses variables in which no respondent has a value.
  ///
  /// - Throws: ``SurveyLoadError/emptyVariable(file:column:rows:)``.
  package func checkingNotEmpty(_ names: [String]) throws {
    for name in names where hasVariable(named: name) {
      let variable = try variable(named: name)
      if variable.count > 0, !variable.hasValues {
        throw SurveyLoadError.emptyVariable(file: origin.file, column: name, rows: variable.count)
      }
    }
  }
}
