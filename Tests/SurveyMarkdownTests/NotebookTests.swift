import Testing

@testable import SurveyMarkdown

/// Parsing notebooks: front matter, cells with line numbers, prose, word splitting.
@Suite struct NotebookTests {
  static let text = """
    ---
    survey: surveys/example.csv
    codebook: "surveys/example.codebook.yaml"  # the labels
    design:
      weight: weight
      strata: region
    lang: fr
    ---
    # Title

    Prose.

    ```confiance
    # a comment
    estimate --var concern

    estimate --var protect \\
      --by sex
    ```

    ```sh
    not a cell
    ```
    """

  @Test func frontMatterKeysAndNestedDesign() {
    let notebook = Notebook(parsing: Self.text)
    #expect(notebook.frontMatter["survey"] == "surveys/example.csv")
    #expect(notebook.frontMatter["codebook"] == "surveys/example.codebook.yaml")
    #expect(notebook.frontMatter["design.weight"] == "weight")
    #expect(notebook.frontMatter["design.strata"] == "region")
    #expect(notebook.frontMatter["lang"] == "fr")
    #expect(notebook.frontMatterLines["design.strata"] == 6)
  }

  @Test func cellsKeepLineNumbersAndJoinContinuations() {
    let notebook = Notebook(parsing: Self.text)
    #expect(notebook.parts.count == 3)
    #expect(notebook.parts[0] == .prose("# Title\n\nProse.\n"))
    #expect(notebook.parts[1] == .cell(lines: [
      .init(number: 15, text: "estimate --var concern"),
      .init(number: 17, text: "estimate --var protect --by sex"),
    ], startLine: 13))
    #expect(notebook.parts[2] == .prose("\n```sh\nnot a cell\n```"))
  }

  @Test func anUnclosedCellRunsToTheEndAndIsAProblem() {
    let notebook = Notebook(parsing: "```confiance\nestimate --var x")
    #expect(notebook.parts == [.cell(lines: [.init(number: 2, text: "estimate --var x")], startLine: 1)])
    #expect(notebook.frontMatter.isEmpty)
    #expect(notebook.problems == [.unclosedCell(line: 1)])
    // A closed cell, and an unclosed fence of another language, are not problems.
    #expect(Notebook(parsing: "```confiance\nestimate --var x\n```\n```sh\nls").problems == [])
  }

  @Test func theTextParsesWithoutProblems() {
    #expect(Notebook(parsing: Self.text).problems == [])
  }

  @Test func frontMatterProblemsHaveTheirLines() {
    let unclosed = Notebook(parsing: "---\nsurvey: a.csv\n\n# Title\n")
    #expect(unclosed.problems == [.unclosedFrontMatter])
    #expect(unclosed.problems.first?.line == 1)
    #expect(unclosed.frontMatter.isEmpty)
    #expect(unclosed.parts == [.prose("---\nsurvey: a.csv\n\n# Title\n")])

    let notebook = Notebook(parsing: "---\nsurvey a.csv\nsurvey: b.csv\ndesign:\n  weight: w\n  weight: v\n: x\nsurvey: c.csv\n---\n")
    #expect(notebook.problems == [
      .frontMatterLineWithoutKey(line: 2, text: "survey a.csv"),
      .repeatedFrontMatterKey(key: "design.weight", line: 6, firstLine: 5),
      .frontMatterLineWithoutKey(line: 7, text: ": x"),
      .repeatedFrontMatterKey(key: "survey", line: 8, firstLine: 3),
    ])
    // The later value and its line are kept.
    #expect(notebook.frontMatter["survey"] == "c.csv")
    #expect(notebook.frontMatterLines["survey"] == 8)
    #expect(notebook.frontMatter["design.weight"] == "v")
  }

  @Test func aByteOrderMarkDoesNotHideTheFrontMatter() {
    let notebook = Notebook(parsing: "\u{FEFF}---\r\nsurvey: a.csv\r\n---\r\n# Title\r\n")
    #expect(notebook.frontMatter == ["survey": "a.csv"])
    #expect(notebook.problems == [])
    #expect(notebook.parts == [.prose("# Title\n")])
  }

  @Test func wordsRespectQuotesAndEscapes() {
    #expect(Notebook.words(of: #"estimate --var "concern data" --by age_band"#) == ["estimate", "--var", "concern data", "--by", "age_band"])
    #expect(Notebook.words(of: "a 'b c' d\\ e \"f\\\"g\" ''") == ["a", "b c", "d e", "f\"g", ""])
    #expect(Notebook.words(of: "  ") == [])
    #expect(Notebook.words(of: "estimate 'open") == nil)
  }
}
