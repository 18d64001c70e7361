/// An in-memory survey: one ``Variable`` per column, stored columnar and typed.
///
/// A `Survey` is a value. Reading it from a file is the job of `SurveyIO`; everything in
/// `SurveyStatistics` works on the columns only.
///
/// ```swift
/// let survey = try Survey(variables: [
///   Variable(name: "concern", categories: ["4", "5", "2"]),
///   Variable(name: "weight", numbers: [1.5, 2.0, 0.5]),
/// ])
/// survey.respondentCount  // 3
/// ```
public struct Survey: Sendable {
  /// The variables in file order.
  public private(set) var variables: [Variable]
  /// The number of respondents (rows).
  public let respondentCount: Int
  /// Where the data came from, so that errors can name a file and line.
  package var origin: DataOrigin
  /// The codebook in force: question texts, answer labels, missing codes and derived variables
  /// (the one `Survey(contentsOf:)` found next to the file or was given, laid over the labels an
  /// SPSS or Stata file carries); `nil` when there is none.
  public var codebook: Codebook?
  /// The sample design declared for this survey: the codebook's `design:` block with the loader's
  /// overrides, or no design (every respondent weighs 1) without either. ``design()`` declares it.
  public var designDeclaration: DesignDeclaration

  /// Creates a survey from variables of equal length.
  ///
  /// - Throws: ``SurveyError`` when two variables share a name or their lengths differ.
  public init(variables: [Variable], origin: DataOrigin = .unnamed) throws {
    var seen = Set<String>()
    for variable in variables where !seen.insert(variable.name).inserted {
      throw SurveyError.duplicateVariable(name: variable.name, origin: origin)
    }
    let count = variables.first?.count ?? 0
    if let uneven = variables.first(where: { $0.count != count }) {
      throw SurveyError.unevenLengths(variable: uneven.name, expected: count, found: uneven.count)
    }
    self.variables = variables
    self.respondentCount = count
    self.origin = origin
    self.codebook = nil
    self.designDeclaration = DesignDeclaration()
  }

  /// The names of all variables, in file order.
  package var variableNames: [String] { variables.map(\.name) }

  /// The variable called `name`.
  ///
  /// - Throws: ``SurveyError/unknownVariable(name:role:suggestion:available:origin:)`` with a
  ///   "did you mean" suggestion drawn from the edit distance to the existing names.
  package func variable(named name: String, role: String = "variable") throws -> Variable {
    if let index = variables.firstIndex(where: { $0.name == name }) {
      return variables[index]
    }
    let available = origin.columnNames ?? variableNames
    throw SurveyError.unknownVariable(
      name: name, role: role, suggestion: closestName(to: name, among: available),
      available: available, origin: origin)
  }

  /// Whether the survey has a variable called `name`.
  package func hasVariable(named name: String) -> Bool {
    variables.contains { $0.name == name }
  }

  /// Replaces the variable of the same name, or appends it when there is none.
  ///
  /// - Precondition: `variable.count == respondentCount`.
  package mutating func setVariable(_ variable: Variable) {
    precondition(variable.count == respondentCount, "a variable must have one value per respondent")
    if let index = variables.firstIndex(where: { $0.name == variable.name }) {
      variables[index] = variable
    } else {
      variables.append(variable)
    }
  }

  /// A copy in which the given codes count as missing.
  ///
  /// `codes` applies to every variable; `codesByVariable` to one variable each. A code matches a
  /// value written exactly the same way, or a number equal to it (`99` matches `99.0`).
  ///
  /// - Throws: ``SurveyError/unknownVariable(name:role:suggestion:available:origin:)`` when
  ///   `codesByVariable` names a variable the file does not have (columns of the file that were not
  ///   read are accepted and left alone).
  package func markingMissing(
    codes: [String] = [], codesByVariable: [String: [String]] = [:]
  ) throws -> Survey {
    let columns = origin.columnNames ?? variableNames
    for name in codesByVariable.keys.sorted() where !columns.contains(name) {
      _ = try variable(named: name, role: "missing-value variable")
    }
    var copy = self
    copy.variables.withUnsafeMutableBufferPointer { variables in
      forEachConcurrently(variables.count) { index in
        let all = codes + (codesByVariable[variables[index].name] ?? [])
        if !all.isEmpty { variables[index] = variables[index].markingMissing(all) }
      }
    }
    return copy
  }
}

/// Where a survey's rows came from: a file name and the line on which each row starts.
///
/// Rows usually start on line `row + 2` (line 1 is the header). When quoted fields contain line
/// breaks, `lineNumbers` records the real starting line of every row.
public struct DataOrigin: Sendable, Hashable {
  /// The file the rows were read from, as the user named it; `nil` for data built in memory.
  package var file: String?
  /// The 1-based line on which each row starts, or `nil` when row `r` starts on line `r + 2`.
  package var lineNumbers: [Int]?
  /// Every column of the file's header, including columns that were not read; `nil` when all
  /// columns were read.
  package var columnNames: [String]?
  /// How a row is found in the file: by its line (text files), or by its case number (SPSS and
  /// Stata files, which have no lines).
  package var rowLocation: RowLocation

  /// How a row is found in its file.
  package enum RowLocation: Sendable, Hashable {
    /// A text file with a header line: row `r` starts on line `r + 2` unless ``DataOrigin/lineNumbers`` says otherwise.
    case lines
    /// A file of numbered cases (SPSS, Stata): row `r` is case `r + 1`.
    case cases
  }

  /// Data that comes from no file (built in code).
  public static var unnamed: DataOrigin { DataOrigin() }

  /// Creates an origin.
  package init(
    file: String? = nil, lineNumbers: [Int]? = nil, columnNames: [String]? = nil, rowLocation: RowLocation = .lines
  ) {
    self.file = file
    self.lineNumbers = lineNumbers
    self.columnNames = columnNames
    self.rowLocation = rowLocation
  }

  /// The 1-based line of the file on which row `row` (0-based) starts; for a file of cases, the
  /// 1-based case number.
  package func line(ofRow row: Int) -> Int {
    if rowLocation == .cases { return row + 1 }
    if let lineNumbers, row < lineNumbers.count { return lineNumbers[row] }
    return row + 2
  }

  /// `file:line` for a row (`file, case N` in an SPSS or Stata file), or `row N` when the data has
  /// no file.
  package func location(ofRow row: Int) -> String {
    guard let file else { return "row \(row + 1)" }
    if rowLocation == .cases { return "\(file), case \(row + 1)" }
    return "\(file):\(line(ofRow: row))"
  }
}
