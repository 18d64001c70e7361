import Confiance
import Foundation

/// The sentence the command line prints for a library error: the library's message, then the flag
/// that fixes it when one does.
func commandLineMessage(for error: any Error) -> String {
  guard let error = error as? any ConfianceError else { return String(describing: error) }
  guard let remedy = error.remedy else { return error.description }
  return error.description + " On the command line: " + flag(for: remedy) + "."
}

/// What to do on the command line to apply a remedy, as an imperative phrase.
func flag(for remedy: Remedy) -> String {
  switch remedy {
  case .lonelyPSUPolicy: return "add --lonely-psu with one of these policies"
  case .missingCode(let variable?, let value?): return "add --missing \(variable)=\(value)"
  case .missingCode(_, let value?): return "add --missing \(value)"
  case .missingCode(let variable?, nil): return "add --missing \(variable)=CODE"
  case .missingCode: return "add --missing CODE"
  case .populationSize: return "give --population N"
  case .allowNonconvergence: return "add --allow-nonconvergence"
  case .designColumn(let role):
    let option = DesignRole(rawValue: role).flatMap { DesignOptions.flags[$0] } ?? "--\(role)"
    return "correct \(option), or leave it out to use the codebook's design"
  case .actionItems: return "add --action ITEM=VALUES (e.g. --action protect_cookies=1)"
  case .minimumActions: return "change --min-actions"
  case .replaceExisting: return "add --force"
  case .otherOutputFile: return "choose the file with --out"
  case .newColumnName: return "name the new weights with --weight-name"
  case .delimiter(let separator): return "add --delimiter '\(separator)', or leave --delimiter out to detect it"
  case .scaleBox: return "use --box 1 or 2, or give the scale's range with --range LOW,HIGH"
  case .replicateSetting(let setting): return "check --" + String(setting.rawValue.map { $0 == "_" ? "-" : $0 })
  case .databaseTable: return "give it with --table"
  }
}

/// Writes `confiance: error: message` to standard error.
func printError(_ message: String) {
  FileHandle.standardError.write(Data("confiance: error: \(message)\n".utf8))
}
