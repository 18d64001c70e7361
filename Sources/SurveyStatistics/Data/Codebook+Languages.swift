extension Codebook {
  /// This codebook with every label in `language` wherever it gives one: the question texts, the
  /// short labels and the answers' labels; labels it gives in no language or only in others keep
  /// their default text.
  ///
  /// ```swift
  /// // label: {fr: "Sexe", en: "Sex"}
  /// codebook.localized(to: "en").entry(named: "sex")?.label  // "Sex"
  /// ```
  ///
  /// - Parameter language: A language code such as `"en"` or `"fr"`.
  /// - Returns: The codebook whose ``Entry/label`` and ``Category/label`` are in `language`.
  package func localized(to language: String) -> Codebook {
    var copy = self
    copy.variables = variables.map { entry in
      var entry = entry
      entry.label = entry.labelTranslations[language] ?? entry.label
      if let short = entry.shortLabel { entry.shortLabel = LocalizedText(short.text(in: language)) }
      entry.categories = entry.categories.map { category in
        var category = category
        category.label = category.labelTranslations[language] ?? category.label
        return category
      }
      return entry
    }
    return copy
  }
}
