import SurveyStatistics
import Testing

@testable import SurveyIO

/// Reading population margins from `variable,category,target` files, and every format error.
@Suite struct TargetsFileTests {
  @Test func readsTotalsProportionsAndCrossedMargins() throws {
    let path = try Fixtures.write("""
      variable,category,target,note
      sex,F,0.52,census
      region,north,2100000,
      sex,M,0.48,
      region,south,3300000,
      sex*age,F*18-34,640000,
      sex*age,M*18-34,600000,

      """, named: "targets.csv")
    let margins = try PopulationMargins(targetsFile: path, populationSize: 5_400_000)
    #expect(margins.populationSize == 5_400_000)
    #expect(margins.source == path)
    #expect(margins.margins.map(\.name) == ["sex", "region", "sex*age"])
    #expect(margins.margins.map(\.scale) == [.proportions, .totals, .totals])
    #expect(margins.margins[0].cells.map(\.categories) == [["F"], ["M"]])
    #expect(margins.margins[0].cells.map(\.target) == [0.52, 0.48])
    #expect(margins.margins[0].cells.map { $0.origin?.line } == [2, 4])
    #expect(margins.margins[2].variables == ["sex", "age"])
    #expect(margins.margins[2].cells[1].categories == ["M", "18-34"])
    #expect(margins.margins[2].cells[1].origin == TargetOrigin(file: path, line: 7))
    #expect(margins.variables == ["sex", "region", "age"])
  }

  @Test func semicolonFilesWithDecimalCommas() throws {
    let path = try Fixtures.write("variable;category;target\nsex;F;0,5\nsex;M;0,5\n", named: "targets.csv")
    let margins = try PopulationMargins(targetsFile: path)
    #expect(margins.margins[0].cells.map(\.target) == [0.5, 0.5])
    #expect(margins.margins[0].scale == .proportions)
  }

  @Test func missingColumn() throws {
    let path = try Fixtures.write("variable,level,target\nsex,F,1\n", named: "targets.csv")
    #expect(throws: TargetsFileError.missingColumns(file: path, missing: ["category"], found: ["variable", "level", "target"])) {
      _ = try PopulationMargins(targetsFile: path)
    }
    #expect(TargetsFileError.missingColumns(file: "t.csv", missing: ["category"], found: ["variable", "level", "target"]).description
      == "t.csv:1: the targets file has no column 'category'. Its header must be variable,category,target (found: variable,level,target).")
  }

  @Test func emptyCells() throws {
    let path = try Fixtures.write("variable,category,target\nsex,F,1\n,M,2\n", named: "targets.csv")
    #expect(throws: TargetsFileError.emptyField(file: path, line: 3, column: "variable")) {
      _ = try PopulationMargins(targetsFile: path)
    }
    #expect(TargetsFileError.emptyField(file: "t.csv", line: 3, column: "category").description
      == "t.csv:3: the category is empty. Every row names a variable, one of its categories and the category's target; remove the row or fill it in.")
  }

  @Test func targetsThatAreNotNumbers() throws {
    let text = try Fixtures.write("variable,category,target\nsex,F,1000\nsex,M,lots\n", named: "targets.csv")
    #expect(throws: TargetsFileError.notANumber(file: text, line: 3, value: "lots")) {
      _ = try PopulationMargins(targetsFile: text)
    }
    let empty = try Fixtures.write("variable,category,target\nsex,F,1000\nsex,M,\n", named: "targets.csv")
    #expect(throws: TargetsFileError.notANumber(file: empty, line: 3, value: nil)) {
      _ = try PopulationMargins(targetsFile: empty)
    }
    #expect(TargetsFileError.notANumber(file: "t.csv", line: 3, value: "lots").description
      == "t.csv:3: the target 'lots' is not a number. Write a population count (12500) or a proportion (0.25), with a '.' as decimal separator in a comma-separated file.")
    #expect(TargetsFileError.notANumber(file: "t.csv", line: 3, value: nil).description
      == "t.csv:3: the target is empty. Write a population count (12500) or a proportion (0.25), with a '.' as decimal separator in a comma-separated file.")
  }

  @Test func percentagesAreNotNumbersButTheMessageSaysHowToWriteThem() throws {
    let path = try Fixtures.write("variable,category,target\nsex,F,52.5 %\nsex,M,47.5 %\n", named: "targets.csv")
    #expect(throws: TargetsFileError.notANumber(file: path, line: 2, value: "52.5 %")) {
      _ = try PopulationMargins(targetsFile: path)
    }
    #expect(TargetsFileError.notANumber(file: "t.csv", line: 2, value: "33.3%").description
      == "t.csv:2: the target '33.3%' is not a number. Write percentages as proportions (33.3% as 0.333), or give population counts.")
  }

  @Test func anEmptyFileAndAHeaderWithoutTargets() throws {
    let empty = try Fixtures.write("", named: "targets.csv")
    #expect(throws: TargetsFileError.noTargets(file: empty, hasHeader: false)) {
      _ = try PopulationMargins(targetsFile: empty)
    }
    let header = try Fixtures.write("variable,category,target\n\n", named: "targets.csv")
    #expect(throws: TargetsFileError.noTargets(file: header, hasHeader: true)) {
      _ = try PopulationMargins(targetsFile: header)
    }
    #expect(TargetsFileError.noTargets(file: "t.csv", hasHeader: false).description
      == "t.csv: the targets file is empty. Write the header variable,category,target, then one row per category of "
      + "each raking variable, e.g. sex,F,0.52.")
    #expect(TargetsFileError.noTargets(file: "t.csv", hasHeader: true).description
      == "t.csv:1: the targets file has a header but no targets. Write the header variable,category,target, then one "
      + "row per category of each raking variable, e.g. sex,F,0.52.")
  }

  @Test func valueErrorsNameTheTargetsFileLine() throws {
    // Negative targets and proportions that do not sum to 1 are found when raking, with the line.
    let path = try Fixtures.write("variable,category,target\nsex,F,0.5\nsex,M,0.6\n", named: "targets.csv")
    let margins = try PopulationMargins(targetsFile: path)
    let survey = try Survey(variables: [Variable(name: "sex", categories: ["F", "M"])])
    #expect(throws: WeightingError.proportionsDoNotSumToOne(margin: "sex", sum: 1.1, origin: TargetOrigin(file: path, line: 2))) {
      _ = try SurveyDesign(survey).raked(to: margins)
    }
  }
}
