import Confiance
import Foundation

/// A survey read for one command: the data (only the columns the command needs), its codebook,
/// and the declared design.
struct LoadedSurvey {
  var survey: Survey
  /// The codebook in force: the one an SPSS or Stata file carries, with the codebook file (from
  /// `--codebook`, or next to the data) laid over it; `nil` for a CSV file without a codebook file.
  var codebook: Codebook?
  var declaration: DesignDeclaration
  /// The format the survey file was read as.
  var format: SurveyFileFormat

  /// Reads the file (CSV, SPSS or Stata) and codebook, applies missing codes, marks identifier
  /// columns, and resolves the design declaration.
  ///
  /// - Parameters:
  ///   - columns: the analysed columns; design columns are added. `nil` reads every column.
  ///   - margins: the raking targets whose variables are among `columns`, so that a variable the
  ///     data lacks is reported at its line of the targets file.
  init(input: InputOptions, design: DesignOptions, columns: [String]?, margins: PopulationMargins? = nil) throws {
    let codebookFile = try Self.codebook(for: input)
    let declaration = try design.declaration(codebook: codebookFile)
    var options = CSVReadOptions()
    options.delimiter = input.delimiterByte
    options.encoding = input.encoding
    options.decimalComma = input.decimalComma ? true : nil
    options.threadCount = input.threads
    let designColumns = [declaration.weights, declaration.strata, declaration.clusters, declaration.fpc].compactMap { $0 }
    let derived = try DerivedColumns(
      declared: (codebookFile?.derived ?? []) + input.derivedVariables(), codebook: codebookFile, requested: columns)
    if let columns { options.columns = Set(derived.sourceColumns(of: columns) + designColumns) }
    options.numericColumns = Set([declaration.weights, declaration.fpc].compactMap { $0 })
    let file: SurveyFile
    do {
      file = try SurveyFile(path: input.file, options: options)
    } catch let error as SurveyReadError {
      guard case .unknownColumn(let path, let name, let suggestion, let available) = error else { throw error }
      if let namedBy = Self.whoNames(name, design: design, codebook: codebookFile) {
        throw UnknownColumnError(file: path, name: name, suggestion: suggestion, available: available, namedBy: namedBy)
      }
      if let margins, margins.variables.contains(name) {
        // The reader names one absent column; the targets file's first absent variable is named.
        let first = margins.variables.first { !available.contains($0) } ?? name
        let margin = margins.margins.first { $0.variables.contains(first) }
        throw WeightingError.unknownVariable(
          name: first, origin: margin?.origin, suggestion: first == name ? suggestion : nil, available: available)
      }
      throw error
    }
    var codebook = codebookFile
    if let carried = file.codebook { codebook = codebookFile.map(carried.merged(with:)) ?? carried }
    var survey = file.survey
    if let codebook {
      do {
        survey = try survey.applying(codebook)
      } catch SurveyError.unknownVariable(let name, "codebook variable", let suggestion, let available, _) {
        throw UnknownColumnError(
          file: input.file, name: name, suggestion: suggestion, available: available,
          namedBy: "the codebook \(codebook.source ?? "file") describes it under 'variables:'")
      }
    }
    survey = Self.markingIdentifiers(survey, codebook: codebook)
    // A code for every variable (`--missing 99`) is about answers: it leaves the design's columns
    // (weight, strata, PSU, FPC) alone, so a PSU numbered 99 stays a PSU.
    let missing = try input.missingCodes()
    var codesByVariable = missing.byVariable
    if !missing.all.isEmpty {
      for name in survey.variableNames where !designColumns.contains(name) {
        codesByVariable[name, default: []] += missing.all
      }
    }
    survey = try survey.markingMissing(codesByVariable: codesByVariable)
    survey = try survey.addingDerivedVariables(derived.needed)
    self.survey = survey
    self.codebook = codebook
    self.declaration = declaration
    self.format = file.format
  }

  /// Which option or codebook key named a design column, for messages.
  static func whoNames(_ name: String, design: DesignOptions, codebook: Codebook?) -> String? {
    let flags = [("--weight", design.weight), ("--strata", design.strata), ("--psu", design.psu), ("--fpc", design.fpc)]
    if let (flag, _) = flags.first(where: { $0.1 == name }) { return "\(flag) \(name) names it" }
    guard let declared = codebook?.design else { return nil }
    let keys = [("weight", declared.weight), ("strata", declared.strata), ("psu", declared.psu), ("fpc", declared.fpc)]
    if let (key, _) = keys.first(where: { $0.1 == name }) {
      return "the codebook \(codebook?.source ?? "file") names it (design: \(key): \(name))"
    }
    return nil
  }

  /// The codebook named by `--codebook`, or the one next to the data file
  /// (`survey.csv` → `survey.codebook.yaml`) when it exists.
  static func codebook(for input: InputOptions) throws -> Codebook? {
    if let path = input.codebook { return try Codebook(contentsOfFile: path) }
    // Built from the path as given, so that messages name the codebook as the user would.
    let file = input.file
    let nameStart = file.lastIndex(of: "/").map(file.index(after:)) ?? file.startIndex
    let stem = file[nameStart...].lastIndex(of: ".").map { file[..<$0] } ?? file[...]
    let sibling = String(stem) + ".codebook.yaml"
    guard FileManager.default.fileExists(atPath: sibling) else { return nil }
    return try Codebook(contentsOfFile: sibling)
  }

  /// The survey with every column whose name looks like an identifier (``IdentifierNames``)
  /// measured as one, unless the codebook gives the column a type.
  static func markingIdentifiers(_ survey: Survey, codebook: Codebook?) -> Survey {
    var marked = survey
    for variable in survey.variables where variable.measurement != .identifier {
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
  /// - Parameters:
  ///   - names: The columns the command would print values or categories of.
  ///   - option: The option that named them (`--var`, `--by`).
  /// - Throws: ``IdentifierColumnError``.
  func refusingIdentifiers(_ names: [String], option: String) throws {
    for name in names where survey.hasVariable(named: name) {
      let variable = try survey.variable(named: name)
      guard variable.measurement == .identifier else { continue }
      let declared = codebook?.entry(named: name)?.measurement == .identifier
      throw IdentifierColumnError(
        column: name, option: option, file: survey.origin.file,
        codebook: declared ? (codebook?.source ?? "the file's codebook") : nil)
    }
  }

  /// Refuses variables in which no respondent has a value, naming the file.
  ///
  /// - Throws: ``EmptyVariableError``.
  func refusingEmptyVariables(_ names: [String]) throws {
    for name in names where survey.hasVariable(named: name) {
      let variable = try survey.variable(named: name)
      if variable.count > 0, !variable.hasValues {
        throw EmptyVariableError(file: survey.origin.file, column: name, rows: variable.count)
      }
    }
  }

  /// The design on the loaded survey.
  func makeDesign() throws -> SurveyDesign {
    try SurveyDesign(survey, declaration: declaration)
  }
}

/// A column named by a design flag or the codebook that the data file does not have.
struct UnknownColumnError: Error, CustomStringConvertible {
  let file: String
  let name: String
  let suggestion: String?
  let available: [String]
  /// Who named the column ("--weight poids names it").
  let namedBy: String

  var description: String {
    var text = "\(file):1: there is no column named '\(name)' in the header"
    text += ", but \(namedBy)."
    if let suggestion { text += " Did you mean '\(suggestion)'?" }
    let shown = available.prefix(12).joined(separator: ", ")
    return text + " The columns are: \(shown)\(available.count > 12 ? ", …" : "")."
  }
}

/// A variable to analyse in which every value is missing.
struct EmptyVariableError: Error, CustomStringConvertible {
  let file: String?
  let column: String
  let rows: Int

  var description: String {
    "\(file.map { "\($0): " } ?? "")column '\(column)' has no value in any of its \(rows) rows: every cell is empty "
      + "or a missing code, so nothing can be estimated. Check the column name, the missing codes (--missing, the "
      + "codebook) and that the file was exported with its answers."
  }
}

/// An identifier column named where its values would be printed.
struct IdentifierColumnError: Error, CustomStringConvertible {
  let column: String
  let option: String
  let file: String?
  /// The codebook that declares the column an identifier, or `nil` when only its name says so.
  let codebook: String?

  var description: String {
    let why = codebook.map { "the codebook \($0) declares it 'type: identifier'" }
      ?? "its name looks like one (a respondent's id, e-mail, phone or name)"
    var text = "\(file.map { "\($0): " } ?? "")column '\(column)' (\(option) \(column)) is an identifier — \(why) — "
      + "and identifiers are never printed, so that no respondent can be recognised in a table. "
    if codebook == nil {
      text += "If '\(column)' is not an identifier, give it a type in the codebook (variables: \(column): type: categorical)."
    } else {
      text += "Choose another variable."
    }
    return text
  }
}

/// The derived variables of the codebook and `--derive` that a command needs, and the data
/// columns they are computed from.
struct DerivedColumns {
  /// The derived variables to compute, in declaration order, with scale ranges from the codebook.
  let needed: [DerivedVariable]
  private let byName: [String: DerivedVariable]

  /// - Parameter requested: the columns the command analyses; `nil` computes every derived variable.
  init(declared: [DerivedVariable], codebook: Codebook?, requested: [String]?) {
    let resolved = declared.map { variable -> DerivedVariable in
      guard case .scaleScore(var scale) = variable.definition, scale.range == nil,
        let range = codebook?.answerRange(of: scale.items)
      else { return variable }
      scale.range = range
      var copy = variable
      copy.definition = .scaleScore(scale)
      return copy
    }
    var byName: [String: DerivedVariable] = [:]
    for variable in resolved { byName[variable.name] = variable }
    self.byName = byName
    guard let requested else {
      needed = resolved
      return
    }
    var wanted = Set<String>()
    var pending = requested
    while let name = pending.popLast() {
      guard let variable = byName[name], wanted.insert(name).inserted else { continue }
      pending += variable.sourceVariables
    }
    needed = resolved.filter { wanted.contains($0.name) }
  }

  /// The data columns behind `columns`: derived variables replaced by what they are computed from.
  func sourceColumns(of columns: [String]) -> [String] {
    var result: [String] = []
    var pending = columns
    var seen = Set<String>()
    while let name = pending.popLast() {
      guard seen.insert(name).inserted else { continue }
      if let variable = byName[name] { pending += variable.sourceVariables } else { result.append(name) }
    }
    return result
  }
}
