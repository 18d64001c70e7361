internal import Foundation
package import SurveyStatistics

/// What a notebook's front matter declares for every cell: the survey file, its codebook, the
/// design, the raking targets, the language and the disclosure threshold.
///
/// ```yaml
/// survey: surveys/example-privacy.csv
/// codebook: surveys/example-privacy.codebook.yaml
/// design:
///   weight: weight
///   strata: region
///   psu: point
///   lonely_psu: adjust
///   replicate_weights: "repw[0-9]+"   # and the codebook's other replicate keys
///   replicate_type: jk1
/// targets: surveys/example-privacy.targets.csv
/// lang: fr
/// min_cell: 30
/// ```
package struct NotebookSettings: Sendable, Hashable {
  /// The survey file; cells do not name it.
  package var survey: String
  /// The codebook file, when declared.
  package var codebook: String?
  /// The design columns, when declared (`design: weight / strata / psu / fpc / lonely_psu`, or at
  /// the top level).
  package var weight: String?
  package var strata: String?
  package var psu: String?
  package var fpc: String?
  package var lonelyPSU: LonelyPSUPolicy?
  /// The replicate weights of the `design:` block, with the keys of a codebook's `design:` block
  /// (`replicate_weights`, `replicate_type`, `fay_rho`, `replicate_scale`, `replicate_rscales`,
  /// `mse`, or `replicates`, `replicate_count`, `seed`).
  package var replicates = ReplicateSettings()
  /// The raking targets file, when declared.
  package var targets: String?
  /// The language of tables and charts.
  package var language: ReportLanguage = .english
  /// Cells with fewer respondents than this are never printed.
  package var minimumCellSize = 10

  /// The front-matter keys confiance reads.
  static let keys = [
    "survey", "codebook", "targets", "design", "lang", "language", "min_cell", "weight", "strata", "psu", "fpc",
  ]
  /// The keys of the front matter's `design:` block.
  static let designKeys = ["weight", "strata", "psu", "fpc", "lonely_psu"] + ReplicateSetting.allCases.map(\.rawValue)
  /// Keys that Markdown tools (Pandoc, static site generators) read, which confiance leaves alone.
  static let otherToolsKeys = ["title", "subtitle", "author", "date", "description", "abstract", "keywords", "tags"]
  /// The keys that name a file, with what the file is.
  static let fileKeys = [("survey", "survey file"), ("codebook", "codebook"), ("targets", "targets file")]

  /// The settings of `notebook`, read from the file `file` (named in messages).
  ///
  /// - Throws: ``NotebookError`` for the first of the notebook's ``Notebook/problems``, a
  ///   front-matter key confiance does not know (a typo would otherwise be ignored), a key without
  ///   a value, no `survey:`, a file that does not exist, or a value that is not one of its choices.
  package init(_ notebook: Notebook, file: String) throws {
    try Self.checkStructure(of: notebook, file: file)
    let front = notebook.frontMatter
    func failure(_ key: String, _ message: String) -> NotebookError {
      NotebookError(file: file, line: notebook.frontMatterLines[key] ?? 1, message: message)
    }
    guard let survey = front["survey"] else {
      throw failure("survey", "the notebook has no 'survey:' in its front matter. Start the notebook with a line ---, "
        + "a line survey: surveys/FILE.csv, and a line ---.")
    }
    for (key, what) in Self.fileKeys {
      guard let path = front[key], !FileManager.default.fileExists(atPath: path) else { continue }
      throw failure(key, "the \(what) \(path) does not exist. Paths in the front matter are relative to the folder "
        + "confiance runs in, not to the notebook's folder.")
    }
    self.survey = survey
    codebook = front["codebook"]
    weight = front["design.weight"] ?? front["weight"]
    strata = front["design.strata"] ?? front["strata"]
    psu = front["design.psu"] ?? front["psu"]
    fpc = front["design.fpc"] ?? front["fpc"]
    targets = front["targets"]
    if let policy = front["design.lonely_psu"] {
      guard let parsed = LonelyPSUPolicy(rawValue: policy) else {
        throw failure("design.lonely_psu", "lonely_psu '\(policy)' is not one of fail, remove, certainty, adjust, average.")
      }
      lonelyPSU = parsed
    }
    for setting in ReplicateSetting.allCases {
      let key = "design." + setting.rawValue
      guard let text = front[key] else { continue }
      guard replicates.read(setting, text: text) else {
        throw failure(key, "\(setting.rawValue) '\(text)' is not usable: write \(ReplicateSettings.expected(setting)).")
      }
    }
    let languageKey = front["lang"] == nil ? "language" : "lang"
    if let language = front[languageKey] {
      guard let parsed = ReportLanguage(rawValue: language) else {
        throw failure(languageKey, "lang '\(language)' is not available: write lang: en or lang: fr.")
      }
      self.language = parsed
    }
    if let minimum = front["min_cell"] {
      guard let parsed = Int(minimum), parsed >= 1 else {
        throw failure("min_cell", "min_cell '\(minimum)' must be a whole number of at least 1.")
      }
      minimumCellSize = parsed
    }
  }

  /// Throws the first of the notebook's problems, then the first unknown key or key without a value.
  private static func checkStructure(of notebook: Notebook, file: String) throws {
    if let problem = notebook.problems.first {
      throw NotebookError(file: file, line: problem.line, message: message(for: problem))
    }
    for (key, line) in notebook.frontMatterLines.sorted(by: { $0.value < $1.value }) {
      let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
      let inDesign = parts.count == 2 && parts[0] == "design"
      let allowed = inDesign ? designKeys : keys
      let name = inDesign ? parts[1] : key
      guard allowed.contains(name) || (parts.count == 1 && otherToolsKeys.contains(name)) else {
        var message = "unknown front matter key \(describe(key: key))."
        if let suggestion = closestName(to: name, among: allowed) { message += " Did you mean '\(suggestion)'?" }
        message += inDesign
          ? " The keys of the design block are \(designKeys.joined(separator: ", "))."
          : " The keys confiance reads are survey, codebook, targets, design, lang and min_cell "
            + "(\(otherToolsKeys.joined(separator: ", ")) are left to other tools)."
        throw NotebookError(file: file, line: line, message: message)
      }
      let isParent = notebook.frontMatterLines.keys.contains { $0.hasPrefix(key + ".") }
      if notebook.frontMatter[key] == nil, !isParent, name != "design", !otherToolsKeys.contains(name) {
        throw NotebookError(
          file: file, line: line,
          message: "\(describe(key: key)) has no value. Write it after the colon (\(name): …), or remove the line.")
      }
    }
  }

  /// What to do about a problem of the notebook's structure.
  private static func message(for problem: Notebook.Problem) -> String {
    switch problem {
    case .unclosedFrontMatter:
      "the front matter that starts on this line is never closed. End it with a line holding only ---, "
        + "before the notebook's text."
    case .frontMatterLineWithoutKey(_, let text):
      "the front matter line '\(text)' is not 'key: value'. Write it as key: value "
        + "(survey: surveys/FILE.csv), or start it with # to make it a comment."
    case .repeatedFrontMatterKey(let key, _, let firstLine):
      "\(describe(key: key)) is given a second time in the front matter (first on line \(firstLine)). Keep one of them."
    case .unclosedCell:
      "the ```confiance cell that opens on this line is never closed, so the rest of the notebook would "
        + "run as commands. Add a line ``` after the cell's last command."
    }
  }

  /// `'survey'`, or `'weight' in the design block` for a nested key.
  private static func describe(key: String) -> String {
    let parts = key.split(separator: ".", maxSplits: 1)
    return parts.count == 2 ? "'\(parts[1])' in the \(parts[0]) block" : "'\(key)'"
  }
}

extension ReplicateSettings {
  /// Reads the text of one replicate key; false when it is not a value of the key.
  mutating func read(_ setting: ReplicateSetting, text: String) -> Bool {
    switch setting {
    case .columns: columns = text
    case .type: type = ReplicateMethod(rawValue: text)
    case .created: created = ReplicateMethod(rawValue: text).flatMap { ReplicateMethod.creatable.contains($0) ? $0 : nil }
    case .count: count = Int(text).flatMap { $0 >= 1 ? $0 : nil }
    case .seed: seed = UInt64(text)
    case .fayRho: fayRho = Double(text)
    case .scale: scale = Double(text)
    case .replicateScales: replicateScales = ReplicateSettings.replicateScales(from: text)
    case .meanSquaredError: meanSquaredError = text == "true" ? true : text == "false" ? false : nil
    }
    switch setting {
    case .columns: return true
    case .type: return type != nil
    case .created: return created != nil
    case .count: return count != nil
    case .seed: return seed != nil
    case .fayRho: return fayRho != nil
    case .scale: return scale != nil
    case .replicateScales: return replicateScales != nil
    case .meanSquaredError: return meanSquaredError != nil
    }
  }

  /// What a key's value looks like, for a message.
  static func expected(_ setting: ReplicateSetting) -> String {
    switch setting {
    case .columns: return "a regular expression such as repw[0-9]+"
    case .type: return "one of " + ReplicateMethod.allCases.map(\.rawValue).joined(separator: ", ")
    case .created: return "one of " + ReplicateMethod.creatable.map(\.rawValue).joined(separator: ", ")
    case .count: return "a whole number of at least 1"
    case .seed: return "a whole number, 0 or more"
    case .fayRho, .scale: return "a number such as 0.5"
    case .replicateScales: return "numbers separated by commas, such as 0.5,0.5"
    case .meanSquaredError: return "true or false"
    }
  }
}
