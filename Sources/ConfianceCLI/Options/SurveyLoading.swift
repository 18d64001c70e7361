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
    if let columns { options.columns = Set(columns + designColumns) }
    options.numericColumns = Set([declaration.weights, declaration.fpc].compactMap { $0 })
    var survey = try Survey(csvFile: input.file, options: options)
    if let codebook { survey = try survey.applying(codebook) }
    let missing = try input.missingCodes()
    survey = try survey.markingMissing(codes: missing.all, codesByVariable: missing.byVariable)
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
