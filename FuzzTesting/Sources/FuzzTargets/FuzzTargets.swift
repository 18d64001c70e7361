import Glibc
import SurveyIO
import SurveyStatistics

/// libFuzzer entry point for the targets-file reader (`--rake-to`, `confiance rake --targets`).
///
/// The input is written to a file in memory (`/dev/shm`) and read as a targets file; when it reads,
/// the margins rake a small survey (at most 20 iterations). Any thrown error is a pass: a bad
/// targets file must be reported, never trap or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTargets(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let path = fuzzFilePath
  let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  guard descriptor >= 0 else { fatalError("cannot write \(path)") }
  var offset = 0
  while offset < size {
    let written = write(descriptor, data + offset, size - offset)
    guard written > 0 else { fatalError("cannot write \(path)") }
    offset += written
  }
  close(descriptor)
  guard let margins = try? PopulationMargins(targetsFile: path) else { return 0 }
  guard let design = try? SurveyDesign(sampleSurvey(), weights: "weight") else {
    fatalError("the sample design does not build")
  }
  _ = try? design.raked(to: margins, options: RakingControl(maxIterations: 20))
  return 0
}

/// A survey whose columns are the ones the seed corpus names (built per input: a global's storage
/// is reported as a leak by LeakSanitizer at exit).
func sampleSurvey() throws -> Survey {
  try Survey(variables: [
    Variable(name: "sex", categories: ["F", "M", "F", "M", "F", "M"]),
    Variable(name: "age_band", categories: ["18-34", "35-54", "55+", "18-34", "35-54", "55+"]),
    Variable(name: "region", categories: ["Nord", "Sud", "Nord", "Est", "Sud", "Est"]),
    Variable(name: "weight", numbers: [1.5, 2, 0.5, 1, 3, 1.25]),
  ])
}

/// One file per fuzzing process.
let fuzzFilePath = "/dev/shm/confiance-fuzz-targets-\(getpid()).csv"
