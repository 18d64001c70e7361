package import SurveyStatistics

extension Survey {
  /// The codebook in force for this survey, as YAML for a researcher to check and edit: the
  /// codebook read with the file (an SPSS or Stata file's labels, a codebook file laid over them),
  /// `type: identifier` for columns whose names identify respondents, a type for every column the
  /// codebook leaves out, and the drafts of ``Codebook/draftingAnswerCodes()`` (answers that mean
  /// "don't know", a refusal or a question not asked; guessed roles marked as drafts).
  package func codebookDraftYAML() -> String {
    var codebook = self.codebook ?? Codebook()
    for variable in variables {
      if let index = codebook.variables.firstIndex(where: { $0.name == variable.name }) {
        if codebook.variables[index].measurement == nil, variable.measurement == .identifier {
          codebook.variables[index].measurement = .identifier
        }
      } else {
        codebook.variables.append(Codebook.Entry(name: variable.name, measurement: variable.measurement))
      }
    }
    let drafted = codebook.draftingAnswerCodes()
    return drafted.codebook.yaml(draftedRoles: drafted.guessedRoles)
  }
}
