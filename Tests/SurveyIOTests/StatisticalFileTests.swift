import SurveyStatistics
import Testing

@testable import SurveyIO

/// SPSS and Stata files written by `Fixtures/statistical/make-statistical.sh` from survey.csv.
@Suite("SPSS and Stata files")
struct StatisticalFileTests {
  static let files = ["statistical/survey.sav", "statistical/survey.zsav", "statistical/survey.dta"]

  private func values(_ survey: Survey, _ name: String) throws -> [String?] {
    let categorical = try survey.variable(named: name).categorical
    return categorical.codes.indices.map { categorical.value(at: $0) }
  }

  @Test("the format is recognised by the first bytes", arguments: zip(files, [SurveyFileFormat.spss, .spssCompressed, .stata]))
  func format(name: String, format: SurveyFileFormat) throws {
    #expect(try SurveyFileFormat.detect(path: try Fixtures.path(name)) == format)
    #expect(try SurveyFile(path: try Fixtures.path(name)).format == format)
  }

  @Test("SPSS: values as stored, and the codebook the file carries")
  func spssAsStored() throws {
    let file = try SurveyFile(path: try Fixtures.path("statistical/survey.sav"), options: CSVReadOptions(numericColumns: ["weight"]))
    let survey = file.survey
    #expect(survey.variableNames == ["id", "region", "concern", "weight", "age", "sex", "comment"])
    #expect(survey.respondentCount == 8)
    #expect(survey.origin.rowLocation == .cases)
    #expect(survey.origin.location(ofRow: 3) == "\(try Fixtures.path("statistical/survey.sav")), case 4")
    #expect(try survey.numbers("id") == [1, 2, 3, 4, 5, 6, 7, 8])
    #expect(try survey.categories("region") == ["1", "2", "1", "3", "2", "1", "3", "2"])
    #expect(try survey.categories("concern") == ["4", "5", "9", "2", "8", "4", "1", nil])
    #expect(try survey.numbers("weight") == [1.5, 2.25, 0.5, 1, 3, 1.25, 2, 4])
    #expect(try survey.numbers("age") == [34, 51, 999, 27, 45, 62, 19, 38])
    #expect(try survey.categories("sex") == ["F", "M", "F", "X", "M", "F", "M", "F"])
    let comments = try survey.categories("comment")
    #expect(comments[1]?.count == 300)  // a very long string (more than 255 bytes)
    #expect(comments[1]?.hasPrefix("Une très longue réponse libre, Une très") == true)
    #expect(comments[2] == nil)
    #expect(comments[4] == "« cœur »")

    let codebook = try #require(file.codebook)
    #expect(codebook.variables.map(\.name) == survey.variableNames)
    let concern = try #require(codebook.entry(named: "concern"))
    #expect(concern.label == "Êtes-vous inquiet de l'utilisation de vos données ?")
    #expect(concern.categories.map(\.value) == ["1", "2", "4", "5", "8", "9"])
    #expect(concern.categories.first?.label == "Pas du tout inquiet")
    #expect(concern.missingCodes == ["8", "9"])  // the range 8 THRU 9, as the values in it
    #expect(codebook.entry(named: "age")?.missingCodes == ["999"])
    #expect(codebook.entry(named: "sex")?.missingCodes == [])
    #expect(codebook.entry(named: "sex")?.categories.map(\.label) == ["Femme", "Homme", "Non précisé"])
    #expect(codebook.entry(named: "region")?.categories.last == Codebook.Category(value: "3", label: "Île-de-France"))
    #expect(codebook.entry(named: "id")?.label == "Identifiant")
    #expect(codebook.entry(named: "id")?.categories == [])
  }

  @Test("Stata: extended missing values are values .a and .b, listed as missing codes")
  func stataAsStored() throws {
    let file = try SurveyFile(path: try Fixtures.path("statistical/survey.dta"))
    #expect(try file.survey.categories("concern") == ["4", "5", ".b", "2", ".a", "4", "1", nil])
    let codebook = try #require(file.codebook)
    #expect(codebook.entry(named: "concern")?.missingCodes == [".a", ".b"])
    #expect(codebook.entry(named: "age")?.missingCodes == [".a"])
  }

  @Test("every format gives the same survey once its codebook is applied", arguments: files)
  func sameSurvey(name: String) throws {
    let survey = try Survey(file: try Fixtures.path(name), options: CSVReadOptions(numericColumns: ["weight"]))
    #expect(try values(survey, "concern") == ["4", "5", nil, "2", nil, "4", "1", nil])
    #expect(try values(survey, "age") == ["34", "51", nil, "27", "45", "62", "19", "38"])
    #expect(try values(survey, "region") == ["1", "2", "1", "3", "2", "1", "3", "2"])
    #expect(try survey.numbers("weight") == [1.5, 2.25, 0.5, 1, 3, 1.25, 2, 4])
    let concern = try survey.variable(named: "concern")
    #expect(concern.label == "Êtes-vous inquiet de l'utilisation de vos données ?")
    #expect(concern.label(ofCategory: "5") == "Très inquiet")
    #expect(try survey.variable(named: "region").label(ofCategory: "3") == "Île-de-France")
  }

  @Test("column selection skips the other variables but keeps their names", arguments: files)
  func selection(name: String) throws {
    let path = try Fixtures.path(name)
    let survey = try Survey(file: path, options: CSVReadOptions(columns: ["concern", "weight"], numericColumns: ["weight"]))
    #expect(survey.variableNames == ["concern", "weight"])
    #expect(survey.origin.columnNames == ["id", "region", "concern", "weight", "age", "sex", "comment"])
    #expect(throws: SurveyReadError.unknownColumn(
      file: path, name: "wieght", suggestion: "weight",
      available: ["id", "region", "concern", "weight", "age", "sex", "comment"])) {
      try Survey(file: path, options: CSVReadOptions(columns: ["wieght"]))
    }
  }

  @Test("a labelled variable asked to be numeric stays numeric")
  func numericRequested() throws {
    let survey = try Survey(file: try Fixtures.path("statistical/survey.sav"), options: CSVReadOptions(numericColumns: ["region"]))
    #expect(try survey.numbers("region") == [1, 2, 1, 3, 2, 1, 3, 2])
  }

  @Test("the derived codebook written as YAML reads back the same")
  func yamlRoundTrip() throws {
    for name in Self.files {
      let path = try Fixtures.path(name)
      let codebook = try #require(try SurveyFile(path: path).codebook)
      let yaml = codebook.yaml()
      let read = try Codebook(yaml: yaml, file: "written.codebook.yaml")
      #expect(read.variables == codebook.variables, "\(name)")
      #expect(read.design == nil)
    }
  }

  @Test("texts that YAML would read otherwise are quoted")
  func yamlQuoting() throws {
    let awkward = ["null", "~", "yes", "1", "01", "1.0", ": x", "# y", "- z", " lead", "trail ", "a: b", "two\nlines",
                   "\"quoted\"", "'single'", "« Très »", "@at", "%pct", "*star", "&amp", "!bang", "[x]", "{y}", "NULL", "true"]
    let codebook = Codebook(
      variables: awkward.enumerated().map { index, text in
        Codebook.Entry(
          name: "v\(index)" + (index == 0 ? "" : text.filter(\.isLetter)), label: text, measurement: .categorical,
          categories: [Codebook.Category(value: text, label: text)], missingCodes: [text])
      },
      design: DesignDeclaration(weights: "poids", strata: "null", lonelyPSU: .adjust))
    let read = try Codebook(yaml: codebook.yaml(), file: "awkward.yaml")
    #expect(read.variables == codebook.variables)
    #expect(read.design == codebook.design)
  }

  @Test("derived variables are written and read back")
  func yamlDerived() throws {
    var scale = ScaleDefinition(items: ["t1", "t2", "t3"])
    scale.reversedItems = ["t3"]
    scale.range = 1...5
    scale.minimumAnsweredItems = 2
    var westin = WestinSegmentation(lostControl: "a", businessesProper: "b", lawsProtect: "c")
    westin.agreeCodes = ["1"]
    let codebook = Codebook(derived: [
      DerivedVariable(name: "trust", label: "Confiance : score", definition: .scaleScore(scale)),
      DerivedVariable(name: "segment", definition: .westinSegment(westin)),
      DerivedVariable(name: "top2", definition: .indicator(variable: "concern", values: ["4", "5"])),
      DerivedVariable(name: "actions", label: "null", definition: .count(items: ["p1", "p2"], values: ["1"])),
    ])
    let read = try Codebook(yaml: codebook.yaml(), file: "derived.yaml")
    #expect(read.derived == codebook.derived)
  }

  @Test("a file named .sav that is not one; a spreadsheet; an empty .dta")
  func notStatisticalFiles() throws {
    let html = try Fixtures.write("<!DOCTYPE html><html>Not found</html>\n", named: "survey.sav")
    #expect(Fixtures.readFileError(html) == .notAStatisticalFile(file: html, expected: .spss))
    let zip = try Fixtures.write([0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0], named: "survey.xlsx")
    guard case .unsupportedFileType? = Fixtures.readFileError(zip) else {
      Issue.record("a ZIP file was not refused")
      return
    }
    let empty = try Fixtures.write([], named: "survey.dta")
    #expect(Fixtures.readFileError(empty) == .emptyFile(file: empty))
  }

  @Test("a damaged SPSS file: ReadStat's reason, no crash", arguments: [64, 200, 1000, 2000])
  func truncated(length: Int) throws {
    let original = try [UInt8](contentsOf: try Fixtures.path("statistical/survey.sav"))
    let path = try Fixtures.write(Array(original.prefix(length)), named: "cut.sav")
    guard case .unreadableStatisticalFile(let file, let format, _)? = Fixtures.readFileError(path) else {
      Issue.record("a file cut at \(length) bytes was read")
      return
    }
    #expect(file == path)
    #expect(format == .spss)
  }
}
