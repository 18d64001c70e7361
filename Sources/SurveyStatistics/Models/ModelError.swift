/// A model that cannot be fitted as asked, with a sentence saying why and what to do.
///
/// R would often fit such a model anyway and print a warning, an `NA` coefficient or a huge
/// standard error; here the researcher gets the reason instead.
public indirect enum ModelError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The formula's text cannot be read; `position` is the 0-based character at fault.
  case formulaSyntax(formula: String, position: Int, problem: String)
  /// The formula names a column the survey does not have.
  case unknownVariable(name: String, suggestion: String?, available: [String])
  /// A logistic model's outcome has values other than 0 and 1.
  case outcomeNotBinary(variable: String, valuesSeen: [String])
  /// A Poisson model's outcome has a negative value.
  case negativeCount(variable: String, value: Double)
  /// The outcome holds text.
  case outcomeNotNumeric(variable: String, value: String)
  /// A numeric predictor takes one value among the respondents of the model.
  case constantPredictor(variable: String, value: String)
  /// A categorical predictor has one observed level among the respondents of the model.
  case singleLevel(variable: String, level: String)
  /// Columns of the model matrix that are linear combinations of earlier ones (R's `NA`
  /// coefficients), by R's term names.
  case aliasedTerms([String])
  /// The outcome of a logistic model is predicted perfectly by `term`.
  case perfectSeparation(term: String, detail: String)
  /// Fitted probabilities reached 0 or 1 although no single term separates the outcome.
  case separationByCombination(largestTerms: [String])
  /// The iterations did not converge.
  case notConverged(iterations: Int)
  /// No respondent has a value for every variable of the model (in the domain).
  case noCompleteRespondents(variables: [String], domain: Domain)
  /// The design has too few degrees of freedom for the number of coefficients.
  case noResidualDegreesOfFreedom(coefficients: Int, designDegreesOfFreedom: Int)
  /// A term asked for in a test or for margins is not in the model.
  case unknownTerm(String, available: [String])
  /// Margins were asked for a variable that is not a categorical predictor of the model.
  case notCategoricalPredictor(String)
  /// A domain variable or value that the survey does not have.
  case unknownDomain(Domain)
  /// The outcome of a proportional-odds model has fewer than three observed levels.
  case tooFewOrdinalLevels(variable: String, levels: [String])
  /// A proportional-odds model was asked without an intercept (its thresholds replace it).
  case ordinalWithoutIntercept
  /// Margins were asked of a proportional-odds model.
  case marginsOfOrdinalModel
  /// A confidence level outside (0, 1).
  case invalidConfidenceLevel(Double)
  /// A problem of the data, located: the survey's file and the domain whose model it stopped
  /// (``SurveyDesign/modelAnalysis(_:family:by:tests:margins:level:)`` locates what it throws).
  case located(file: String?, domain: Domain, ModelError)

  /// A readable sentence with advice.
  public var description: String {
    switch self {
    case .formulaSyntax(let formula, let position, let problem):
      return "the formula '\(formula)' cannot be read at character \(position + 1): \(problem). "
        + "Write it as R does, e.g. 'concerned ~ age_band * sex + trust_score'."
    case .unknownVariable(let name, let suggestion, let available):
      var text = "the formula names '\(name)', but the survey has no such column."
      if let suggestion { text += " Did you mean '\(suggestion)'?" }
      let shown = available.prefix(12).joined(separator: ", ")
      return text + " The columns are: \(shown)\(available.count > 12 ? ", …" : "")."
    case .outcomeNotBinary(let variable, let values):
      return "a logistic model needs an outcome coded 0 and 1, but '\(variable)' has the values "
        + "\(values.joined(separator: ", ")). Recode it into 0/1 first (1 for the outcome of interest)."
    case .negativeCount(let variable, let value):
      return "a Poisson model needs counts of 0 or more, but '\(variable)' has the value \(NumericValues.shortText(value)). "
        + "Check the variable, or use a linear model."
    case .outcomeNotNumeric(let variable, let value):
      return "the outcome '\(variable)' holds text ('\(value)'), so it cannot be modelled as a number. "
        + "Recode it into numbers (0/1 for a logistic model)."
    case .constantPredictor(let variable, let value):
      return "the predictor '\(variable)' is \(value) for every respondent in the model, so its effect cannot be estimated. "
        + "Remove it from the formula."
    case .singleLevel(let variable, let level):
      return "the categorical predictor '\(variable)' has only one observed category ('\(level)') among the respondents in the model, "
        + "so there is nothing to compare it with. Remove it from the formula, or fit the model on a wider domain."
    case .aliasedTerms(let terms):
      let one = terms.count == 1
      return "the model's terms are collinear: \(terms.joined(separator: ", ")) "
        + "\(one ? "is a combination" : "are combinations") of the other terms (R reports NA for \(one ? "it" : "them")). "
        + "Remove \(one ? "that term, or a variable it repeats" : "those terms, or a variable they repeat")."
    case .perfectSeparation(let term, let detail):
      return "perfect separation: \(detail), so the coefficient of \(term) would be infinite. "
        + "Remove \(term), merge its categories, or fit the model on respondents where both outcomes occur."
    case .separationByCombination(let terms):
      return "perfect separation: the fitted probabilities reach 0 or 1, so some coefficients would be infinite; "
        + "the largest are those of \(terms.joined(separator: ", ")). Remove or merge some of those terms."
    case .notConverged(let iterations):
      return "the model did not converge in \(iterations) iterations. Simplify the model (fewer terms or categories)."
    case .noCompleteRespondents(let variables, let domain):
      let place = domain.levels.isEmpty ? "" : " in the domain \(domain)"
      return "no respondent\(place) has a value for every variable of the model (\(variables.joined(separator: ", "))). "
        + "Respondents with a missing value are left out; check the missing-value codes."
    case .noResidualDegreesOfFreedom(let coefficients, let designDegreesOfFreedom):
      return "the model has \(coefficients) coefficients but the design has only \(designDegreesOfFreedom) degrees of freedom "
        + "(PSUs − strata), so no standard error can be trusted. Use fewer terms."
    case .unknownTerm(let term, let available):
      return "the model has no term '\(term)'. Its terms are: \(available.joined(separator: ", "))."
    case .notCategoricalPredictor(let variable):
      return "margins are computed for a categorical predictor of the model, and '\(variable)' is not one. "
        + "Name a variable that appears as a main effect and holds categories."
    case .unknownDomain(let domain):
      return "the domain \(domain) has no respondents; check the variable and the value as written in the data."
    case .tooFewOrdinalLevels(let variable, let levels):
      let seen = levels.isEmpty ? "no value" : "only " + levels.map { "'\($0)'" }.joined(separator: " and ")
      return "a proportional-odds model needs an ordinal outcome with at least 3 levels, but '\(variable)' has "
        + "\(seen) among the respondents in the model. With two levels, fit a logistic model of a 0/1 recode."
    case .ordinalWithoutIntercept:
      return "a proportional-odds model has thresholds between the outcome's levels in place of an intercept, "
        + "so its formula cannot remove the intercept ('- 1' or '+ 0'). Remove that part of the formula."
    case .marginsOfOrdinalModel:
      return "margins are available for logistic, linear and Poisson models, not for a proportional-odds model. "
        + "Read its coefficients as log odds ratios of a higher level, or fit a logistic model of a 0/1 recode."
    case .invalidConfidenceLevel(let level):
      return "the confidence level \(level) is not between 0 and 1; use for example 0.95 for 95% intervals."
    case .located(let file, let domain, let error):
      let place = domain.levels.isEmpty ? "" : "in the domain \(domain), "
      return (file.map { "\($0): " } ?? "") + place + error.description
    }
  }
}

extension ModelError: ConfianceError {
  /// A formula that cannot be read, a test or margin of a term the model lacks and a confidence
  /// level out of range are requests (usage); the rest is what the data implies.
  package var kind: ErrorKind {
    switch self {
    case .formulaSyntax, .unknownTerm, .notCategoricalPredictor, .invalidConfidenceLevel, .ordinalWithoutIntercept,
      .marginsOfOrdinalModel:
      return .usage
    case .located(_, _, let error): return error.kind
    default: return .data
    }
  }

  /// Text in the outcome is often a missing-value code ('refused'): declaring it missing fixes it.
  package var remedy: Remedy? {
    switch self {
    case .outcomeNotNumeric(let variable, let value): return .missingCode(variable: variable, value: value)
    case .located(_, _, let error): return error.remedy
    default: return nil
    }
  }
}
