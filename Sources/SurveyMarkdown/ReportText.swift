/// The fixed phrases of reports and charts, in English and French.
enum ReportText {
  static func confidenceInterval(_ language: ReportLanguage) -> String {
    language == .french ? "IC à 95\u{00A0}%" : "95% CI"
  }
  static func gap(_ language: ReportLanguage) -> String { language == .french ? "Écart" : "Gap" }
  static func points(_ language: ReportLanguage) -> String { language == .french ? "pts" : "pts" }
  static func flaggedChartNote(_ language: ReportLanguage) -> String {
    language == .french
      ? "* Estimation peu fiable selon les normes NCHS (voir les notes du rapport) ; à interpréter avec prudence."
      : "* Unreliable by the NCHS standards (see the report's notes): interpret with caution."
  }
}
