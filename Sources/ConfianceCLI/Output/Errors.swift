import Confiance
import Foundation

/// Exit status for bad input data (sysexits' EX_DATAERR).
let dataErrorExitCode: Int32 = 65

/// Whether an error is about the user's data (exit 65) rather than the command line (64) or
/// the machine (1).
func isDataError(_ error: any Error) -> Bool {
  error is SurveyError || error is SurveyReadError || error is CodebookError || error is ParadoxError
    || error is WeightingError || error is TargetsFileError || error is DerivedVariableError || error is CrossTabError
    || error is IdentifierColumnError || error is UnknownColumnError || error is EmptyVariableError
    || error is NotebookError
}

/// Exit status for an output file that cannot be written (sysexits' EX_CANTCREAT).
let outputErrorExitCode: Int32 = 73

/// Writes `confiance: error: message` to standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data("confiance: error: \(message)\n".utf8))
}
