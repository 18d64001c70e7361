public import SurveyStatistics
internal import Foundation

extension Survey {
  /// Reads a survey file exactly as the `confiance` command line does: the data (CSV, SPSS
  /// `.sav`/`.zsav` or Stata `.dta`), the codebook next to it or the one given (laid over the labels
  /// an SPSS or Stata file carries), its missing codes (never applied to the design's columns nor
  /// to replicate weights),
  /// identifier columns marked so that their values are never printed, and the derived variables
  /// of the codebook and the options. ``design()`` then declares the codebook's design.
  ///
  /// ```swift
  /// let survey = try Survey(contentsOf: "surveys/privacy-france-2025.csv")
  /// survey.respondentCount                 // 2069
  /// let design = try survey.design()       // weight, strata and PSUs of the codebook
  /// print(try design.proportions(of: "concern_data_use"))
  /// ```
  ///
  /// - Parameters:
  ///   - path: The survey file, named as it should appear in messages.
  ///   - options: The codebook, design overrides, missing codes, derived variables and columns.
  /// - Throws: ``SurveyReadError`` (the file cannot be read as a survey), `CodebookError`,
  ///   `ReplicateSettingError` (replicate settings that contradict the codebook's),
  ///   ``SurveyLoadError`` (a design or codebook column the data lacks), `WeightingError` (a raking
  ///   variable the data lacks), ``SurveyError`` or `DerivedVariableError`: each names the file,
  ///   line and column.
  /// - Complexity: O(bytes of the file), reading only the columns needed when
  ///   `SurveyLoadOptions.columns` is given.
  public init(contentsOf path: String, options: SurveyLoadOptions = SurveyLoadOptions()) throws {
    let codebookFile = try Self.codebook(forSurveyAt: path, named: options.codebook)
    let declaration = try options.design.applied(to: codebookFile?.design)
    var designColumns = DesignRole.allCases.compactMap { $0.column(in: declaration) }
    let derived = DerivedColumns(
      declared: (codebookFile?.derived ?? []) + options.derivedVariables, codebook: codebookFile,
      requested: options.columns.map { $0 + (options.margins?.variables ?? []) })
    var reading = options.reading
    if let columns = options.columns {
      reading.columns = Set(derived.sourceColumns(of: columns + (options.margins?.variables ?? [])) + designColumns)
    }
    reading.numericColumns.formUnion([declaration.weights, declaration.fpc].compactMap { $0 })
    if case .columns(let pattern)? = declaration.replicates?.source { reading.columnPatterns.append(pattern) }
    let file: SurveyFile
    do {
      file = try SurveyFile(path: path, options: reading)
    } catch SurveyReadError.unknownColumn(let file, let name, let suggestion, let available) {
      throw Self.explainingUnknownColumn(
        file: file, name: name, suggestion: suggestion, available: available, options: options,
        codebook: codebookFile) ?? SurveyReadError.unknownColumn(
          file: file, name: name, suggestion: suggestion, available: available)
    }
    var codebook = codebookFile
    if let carried = file.codebook { codebook = codebookFile.map(carried.merged(with:)) ?? carried }
    var survey = file.survey
    if let codebook {
      do {
        survey = try survey.applying(codebook)
      } catch SurveyError.unknownVariable(let name, "codebook variable", let suggestion, let available, _) {
        throw SurveyLoadError.unknownColumn(
          file: path, name: name, suggestion: suggestion, available: available,
          namedBy: .codebookVariable(codebook: codebook.source ?? "file"))
      }
    }
    survey.codebook = codebook
    survey = survey.markingIdentifiers()
    designColumns += declaration.replicates?.columnNames(among: survey.variableNames) ?? []
    var codesByVariable = options.missingCodesByVariable
    if !options.missingCodes.isEmpty {
      for name in survey.variableNames where !designColumns.contains(name) {
        codesByVariable[name, default: []] += options.missingCodes
      }
    }
    survey = try survey.markingMissing(codesByVariable: codesByVariable)
    survey = try survey.addingDerivedVariables(derived.needed)
    survey.designDeclaration = declaration
    self = survey
  }

  /// The codebook named, or the one next to the survey file (`survey.csv` →
  /// `survey.codebook.yaml`) when it exists.
  static func codebook(forSurveyAt path: String, named codebook: String?) throws -> Codebook? {
    if let codebook { return try Codebook(contentsOfFile: codebook) }
    // Built from the path as given, so that messages name the codebook as the user would.
    let nameStart = path.lastIndex(of: "/").map(path.index(after:)) ?? path.startIndex
    let stem = path[nameStart...].lastIndex(of: ".").map { path[..<$0] } ?? path[...]
    let sibling = String(stem) + ".codebook.yaml"
    guard FileManager.default.fileExists(atPath: sibling) else { return nil }
    return try Codebook(contentsOfFile: sibling)
  }

  /// A column the reader did not find, said in terms of who asked for it: a design override, the
  /// codebook's design, or a raking targets file. `nil` for a column nobody declared.
  static func explainingUnknownColumn(
    file: String, name: String, suggestion: String?, available: [String], options: SurveyLoadOptions,
    codebook: Codebook?
  ) -> (any Error)? {
    if let role = options.design.role(of: name) {
      return SurveyLoadError.unknownColumn(
        file: file, name: name, suggestion: suggestion, available: available, namedBy: .design(role))
    }
    if let role = DesignRole.allCases.first(where: { $0.column(in: codebook?.design) == name }) {
      return SurveyLoadError.unknownColumn(
        file: file, name: name, suggestion: suggestion, available: available,
        namedBy: .codebookDesign(codebook: codebook?.source ?? "file", role: role))
    }
    if let margins = options.margins, margins.variables.contains(name) {
      // The reader names one absent column; the targets file's first absent variable is named.
      let first = margins.variables.first { !available.contains($0) } ?? name
      let margin = margins.margins.first { $0.variables.contains(first) }
      return WeightingError.unknownVariable(
        name: first, origin: margin?.origin, suggestion: first == name ? suggestion : nil, available: available)
    }
    return nil
  }
}
