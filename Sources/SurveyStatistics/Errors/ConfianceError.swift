/// An error of Confiance: one sentence for a researcher (the file, line, column, variable or
/// stratum at fault, and what to do), the kind of problem it is, and the setting that fixes it.
///
/// Every error the library throws conforms, so a front end needs no list of error types: it
/// prints ``description`` and exits with ``kind``'s status. Messages speak of variables, rows and
/// strata; a front end names its own way of changing ``remedy`` (the command line adds its flag).
///
/// ```swift
/// do { _ = try survey.design() } catch let error as any ConfianceError {
///   print(error)             // data.csv: stratum 'north' has a single PSU (12) …
///   error.kind.exitStatus    // 65
/// }
/// ```
package protocol ConfianceError: Error, CustomStringConvertible {
  /// Whether the input data, the request or an output file is at fault.
  var kind: ErrorKind { get }
  /// The setting that fixes the problem, when one does; `nil` otherwise.
  var remedy: Remedy? { get }
}

extension ConfianceError {
  /// No setting fixes the problem: the data or the request must change.
  package var remedy: Remedy? { nil }
}

/// What is at fault, in the categories of sysexits(3) that the command line exits with.
package enum ErrorKind: Sendable, Hashable {
  /// The request: a setting out of range or two settings that contradict each other (exit 64).
  case usage
  /// The input data: a survey, codebook, targets or notebook file, or what its values imply (exit 65).
  case data
  /// An output file that cannot be written (exit 73).
  case output
  /// Anything else: the machine, a tool Confiance runs (exit 1).
  case other

  /// The exit status: 64 (EX_USAGE), 65 (EX_DATAERR), 73 (EX_CANTCREAT) or 1.
  package var exitStatus: Int32 {
    switch self {
    case .usage: return 64
    case .data: return 65
    case .output: return 73
    case .other: return 1
    }
  }
}

/// A setting that fixes an error, named by a front end in its own terms (the command line's
/// `--lonely-psu`, a script's `DesignDeclaration.lonelyPSU`).
package enum Remedy: Sendable, Hashable {
  /// Choose a lonely-PSU policy other than `fail`.
  case lonelyPSUPolicy
  /// Declare a value missing, for one variable or for all (`value` as written in the data).
  case missingCode(variable: String?, value: String?)
  /// Give the population size that proportion targets multiply.
  case populationSize
  /// Accept raking that has not converged.
  case allowNonconvergence
  /// Name another column for a part of the design (`weight`, `strata`, `psu`, `fpc`).
  case designColumn(String)
  /// Name at least one protective behaviour.
  case actionItems
  /// Ask for fewer actions.
  case minimumActions
  /// Replace the existing output.
  case replaceExisting
  /// Write to another file.
  case otherOutputFile
  /// Give a new column another name.
  case newColumnName
  /// Name the field separator.
  case delimiter(String)
  /// Choose a top/bottom box of 1 or 2 answers, or the scale's real range.
  case scaleBox
  /// Change or give a replicate-weight setting.
  case replicateSetting(ReplicateSetting)
  /// Name the table of a database to estimate from.
  case databaseTable
}
