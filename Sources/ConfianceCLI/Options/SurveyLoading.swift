import Confiance
import Foundation

/// A survey read for one command: the data (only the columns the command needs), its codebook,
/// and the declared design.
struct LoadedSurvey {
  var survey: Survey
  var codebook: Codebook?
  var declaration: DesignDeclaration

  /// Reads the file and codebook, applies missing codes, and resolves the design declaration.
  ///
  /// - Parameter columns: the analysed columns; design columns are added. `nil` reads every column.
  init(input: InputOptions, design: DesignOptions, columns: [String]?) throws {
    let codebook = try Self.codebook(for: input)
    let declaration = try design.declaration(codebook: codebook)
    var options = CSVReadOptions()
    options.delimiter = input.delimiterByte
    options.encoding = input.encoding
    options.decimalComma = input.decimalComma ? true : nil
    let designColumns = [declaration.weights, declaration.strata, declaration.clusters, declaration.fpc].compactMap { $0 }
    let derived = try DerivedColumns(
      declared: (codebook?.derived ?? []) + input.derivedVariables(), codebook: codebook, requested: columns)
    if let columns { options.columns = Set(derived.sourceColumns(of: columns) + designColumns) }
    options.numericColumns = Set([declaration.weights, declaration.fpc].compactMap { $0 })
    var survey = try Survey(csvFile: input.file, options: options)
    if let codebook { survey = try survey.applying(codebook) }
    let missing = try input.missingCodes()
    survey = try survey.markingMissing(codes: missing.all, codesByVariable: missing.byVariable)
    survey = try survey.addingDerivedVariables(derived.needed)
    self.survey = survey
    self.codebook = codebook
    self.declaration = declaration
  }

  /// The codebook named by `--codebook`, or the one next to the data file
  /// (`survey.csv` → `survey.codebook.yaml`) when it exists.
  static func codebook(for input: InputOptions) throws -> Codebook? {
    if let path = input.codebook { return try Codebook(contentsOfFile: path) }
    let url = URL(fileURLWithPath: input.file)
    let sibling = url.deletingPathExtension().appendingPathExtension("codebook.yaml").relativePath
    guard FileManager.default.fileExists(atPath: sibling) else { return nil }
    return try Codebook(contentsOfFile: sibling)
  }

  /// The design on the loaded survey.
  func makeDesign() throws -> SurveyDesign {
    try SurveyDesign(survey, declaration: declaration)
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
