// The umbrella module: what scripts `import`. It only re-exports.
@_exported public import SurveyIO
@_exported public import SurveyStatistics
@_exported public import SurveyMarkdown
