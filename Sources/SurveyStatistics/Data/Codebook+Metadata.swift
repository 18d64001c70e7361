extension Codebook {
  /// What a codebook says about the survey itself, for the technical sheet of a report (the
  /// *fiche technique* French polling firms publish with every survey, as the Commission des
  /// sondages asks): who made it, whom it describes, how it was drawn and asked, when, and where
  /// the weighting targets come from. Every field is optional.
  ///
  /// ```yaml
  /// title: {en: "Privacy barometer 2025", fr: "Baromètre de la vie privée 2025"}
  /// organisation: "Confiance (synthetic example)"
  /// population: {en: "Adults aged 18 and over living in France", fr: "Adultes de 18 ans et plus résidant en France"}
  /// frame: {en: "…", fr: "…"}
  /// mode: {en: "Face-to-face interviews", fr: "Entretiens en face à face"}
  /// fieldwork: {start: 2025-03-03, end: 2025-03-21}
  /// targets:
  ///   region: {source: "INSEE, populations légales 2021", year: 2021}
  /// ```
  package struct Metadata: Sendable, Equatable {
    /// The survey's title (`title`).
    package var title: LocalizedText?
    /// Who carried the survey out or commissioned it (`organisation`).
    package var organisation: LocalizedText?
    /// The population the estimates describe (`population`).
    package var population: LocalizedText?
    /// The sampling frame the sample was drawn from (`frame`).
    package var frame: LocalizedText?
    /// How respondents were interviewed (`mode`): face to face, telephone, online…
    package var mode: LocalizedText?
    /// The first and last days of fieldwork (`fieldwork: {start:, end:}`), as written (ISO 8601
    /// dates such as `2025-03-03`).
    package var fieldworkStart: String?
    package var fieldworkEnd: String?
    /// The source and year of each raking margin's population targets (`targets`), in file order.
    package var targets: [TargetSource]

    /// Creates metadata; every field is optional.
    package init(
      title: LocalizedText? = nil, organisation: LocalizedText? = nil, population: LocalizedText? = nil,
      frame: LocalizedText? = nil, mode: LocalizedText? = nil, fieldworkStart: String? = nil,
      fieldworkEnd: String? = nil, targets: [TargetSource] = []
    ) {
      self.title = title
      self.organisation = organisation
      self.population = population
      self.frame = frame
      self.mode = mode
      self.fieldworkStart = fieldworkStart
      self.fieldworkEnd = fieldworkEnd
      self.targets = targets
    }

    /// Whether the codebook says anything about the survey.
    package var isEmpty: Bool { self == Metadata() }
  }

  /// Where the population targets of one raking margin come from.
  package struct TargetSource: Sendable, Equatable {
    /// The margin as the targets file names it (`region`, `sex*age_band`).
    package var margin: String
    /// The publication the targets come from.
    package var source: LocalizedText?
    /// The year the targets describe, as written.
    package var year: String?

    /// Creates the source of a margin's targets.
    package init(margin: String, source: LocalizedText? = nil, year: String? = nil) {
      self.margin = margin
      self.source = source
      self.year = year
    }
  }
}
