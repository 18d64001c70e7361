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

  @Test func anUnclosedCellRunsToTheEnd() {
    let notebook = Notebook(parsing: "```confiance\nestimate --var x")
    #expect(notebook.parts == [.cell(lines: [.init(number: 2, text: "estimate --var x")], startLine: 1)])
    #expect(notebook.frontMatter.isEmpty)
  }

  @Test func wordsRespectQuotesAndEscapes() {
    #expect(Notebook.words(of: #"estimate --var "concern data" --by age_band"#) == ["estimate", "--var", "concern data", "--by", "age_band"])
    #expect(Notebook.words(of: "a 'b c' d\\ e \"f\\\"g\" ''") == ["a", "b c", "d e", "f\"g", ""])
    #expect(Notebook.words(of: "  ") == [])
    #expect(Notebook.words(of: "estimate 'open") == nil)
  }
}
