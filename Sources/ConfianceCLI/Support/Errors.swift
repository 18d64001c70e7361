import Confiance
import Foundation

/// The sentence the command line prints for a library error: the library's message, then the flag
/// that fixes it when one does.
func commandLineMessage(for error: any Error) -> String {
  guard let error = error as? any ConfianceError else { return String(describing: error) }
  guard let remedy = error.remedy else { return error.description }
  return error.description + " On the command line: " + flag(for: remedy) + "."
}

/// The option that applies a remedy.
func flag(for remedy: Remedy) -> String {
  switch remedy {
  case .lonelyPSUPolicy: return "--lonely-psu remove|certainty|adjust|average"
  case .missingCode(let variable?, let value?): return "--missing \(variable)=\(value)"
  case .missingCode(_, let value?): return "--missing \(value)"
  case .missingCode: return "--missing CODE"
  case .populationSize: return "--population N"
  case .allowNonconvergence: return "--allow-nonconvergence"
  case .designColumn(let role):
    let option = DesignRole(rawValue: role).flatMap { DesignOptions.flags[$0] } ?? "--\(role)"
    return "change \(option), or leave it out to use the codebook's design"
  case .actionItems: return "--action ITEM=VALUES (e.g. --action protect_cookies=1)"
  case .minimumActions: return "--min-actions"
  case .replaceExisting: return "--force replaces it"
  case .otherOutputFile: return "--out names another file"
  case .delimiter(let separator): return "--delimiter '\(separator)', or leave --delimiter out to detect it"
  case .scaleBox: return "--box 1 or 2, or the scale's range with --range LOW,HIGH"
  }
}

/// Writes `confiance: error: message` to standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data("confiance: error: \(message)\n".utf8))
}
