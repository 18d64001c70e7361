import Glibc
import SurveyIO
import SurveyStatistics

/// libFuzzer entry point for the targets-file reader (`--rake-to`, `confiance rake --targets`).
///
/// The first byte chooses the options (a population size or none; raking, post-stratification of
/// the first margin, or raking with trimming); the rest is written to a file in memory
/// (`/dev/shm`) and read as population margins, which are then checked against a small survey.
/// Any thrown error is a pass. When weighting succeeds, every weight must be a finite number of 0
/// or more and the margin fitted last must be met: anything else would be a wrong result
/// reported as a right one.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTargets(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  let selector = data[0]
  let path = fuzzFilePath
  let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  guard descriptor >= 0 else { fatalError("cannot write \(path)") }
  var offset = 1
  while offset < size {
    let written = write(descriptor, data + offset, size - offset)
    guard written > 0 else { fatalError("cannot write \(path)") }
    offset += written
  }
  close(descriptor)

  let populationSize: Double? = selector & 1 != 0 ? 8_000 : nil
  guard let margins = try? PopulationMargins(targetsFile: path, populationSize: populationSize) else { return 0 }
  for margin in margins.margins {
    for cell in margin.cells {
      guard let origin = cell.origin, origin.file == path, origin.line >= 2 else {
        fatalError("a target without its line in the file: \(cell)")
      }
    }
  }
  guard let design = try? sampleDesign() else { fatalError("the sample design cannot be built") }
  let control = RakingControl(maxIterations: 50, allowsNonconvergence: selector & 8 != 0)
  let weighted: RakingResult?
  switch selector >> 1 & 0b11 {
  case 0, 1: weighted = try? design.raking(to: margins, options: control)
  case 2:
    weighted = margins.margins.first.flatMap { try? design.postStratification(to: $0, populationSize: populationSize) }
  default:
    let trimming = WeightTrimming(upper: .timesMedian(3), lower: .absolute(0.1))
    weighted = (try? design.rakingWithTrimming(
      to: margins, trimming: trimming, rerake: true, maxRounds: 5, options: control))?.lastRaking
  }
  guard let weighted else { return 0 }
  checkWeights(weighted)
  return 0
}

/// The weights of a raking that did not throw: finite, 0 or more, and meeting the last margin
/// when raking converged (the last margin fitted in a sweep is met exactly, up to rounding).
func checkWeights(_ result: RakingResult) {
  for weight in result.design.weights where !(weight.isFinite && weight >= 0) {
    fatalError("weighting succeeded with the weight \(weight)")
  }
  guard result.converged, let last = result.margins.last else { return }
  for cell in last.cells where !(abs(cell.achieved - cell.target) <= 1e-6 * max(abs(cell.target), 1)) {
    fatalError("converged, but \(last.name) = \(cell.category) reaches \(cell.achieved) for the target \(cell.target)")
  }
}

/// A survey whose columns and categories are the ones the seed targets name (built per input: a
/// global's storage is reported as a leak by LeakSanitizer at exit).
func sampleDesign() throws -> SurveyDesign {
  let survey = try Survey(variables: [
    Variable(name: "sex", categories: ["F", "M", "F", "M", "F", "M", "F", "M", "F", "M"]),
    Variable(name: "age_band", categories: ["18-34", "35-54", "55+", "18-34", "35-54", "55+", "35-64", "65+", "35-64", "65+"]),
    Variable(name: "region", categories: ["Nord", "Sud", "Est", "Nord", "Sud", "Est", "Nord", "Sud", "Est", "Nord"]),
    Variable(name: "q", categories: ["oui", "non", "oui", "non", "non", "oui", "oui", "non", "oui", "non"]),
    Variable(name: "stype", categories: ["E", "H", "M", "E", "E", "H", "M", "E", "H", "M"]),
    Variable(name: "a", numbers: [1, 2, 3, 4, 1, 2, 3, 4, 1, 2]),
    Variable(name: "weight", numbers: [1.5, 2, 1, 0.5, 1, 3, 2, 1, 1.25, 0.75]),
  ])
  return try SurveyDesign(survey, weights: "weight")
}

/// One file per fuzzing process.
let fuzzFilePath = "/dev/shm/confiance-fuzz-targets-\(getpid()).csv"
