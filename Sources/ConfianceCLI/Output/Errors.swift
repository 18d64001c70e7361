import Confiance
import Foundation

/// Exit status for bad input data (sysexits' EX_DATAERR).
let dataErrorExitCode: Int32 = 65

/// Whether an error is about the user's data (exit 65) rather than the command line (64) or
/// the machine (1).
func isDataError(_ error: any Error) -> Bool {
  error is SurveyError || error is SurveyReadError || error is CodebookError || error is InputError
}

/// Writes `confiance: error: message` to standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data("confiance: error: \(message)\n".utf8))
}

/// Errors the command line finds in inputs before the libraries see them.
enum InputError: Error, CustomStringConvertible {
  case malformedMissingCode(String)

  var description: String {
    switch self {
    case .malformedMissingCode(let text):
      return "'--missing \(text)' is not understood. Write --missing 99 for a code of every variable, "
        + "or --missing VARIABLE=CODE[,CODE] for one variable (e.g. --missing concern=9,99)."
    }
  }
}
