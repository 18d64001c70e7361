import SurveyIO
import SurveyStatistics

/// libFuzzer entry point for the YAML codebook reader.
///
/// The input is read as text (invalid UTF-8 repaired, as the file reader rejects it earlier), parsed
/// as a codebook and, when it parses, applied to a small survey, written back as YAML and read
/// again, which must give the same codebook. Any thrown error of the reader is a pass.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCodebook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  guard let codebook = try? Codebook(yaml: text, file: "fuzz.codebook.yaml") else { return 0 }
  _ = try? sampleSurvey().applying(codebook)
  for entry in codebook.variables { _ = codebook.categoryOrder(for: entry.name) }
  // What is read can be written (`confiance codebook`) and read back unchanged.
  guard let again = try? Codebook(yaml: codebook.yaml(), file: "rewritten"),
    again.variables == codebook.variables, again.design == codebook.design,
    again.derived == codebook.derived
  else { fatalError("the codebook does not survive writing and reading back:\n\(codebook.yaml())") }
  return 0
}

/// A survey whose column names are the ones the seed corpus uses (built per input: a global's
/// storage is reported as a leak by LeakSanitizer at exit).
func sampleSurvey() -> Survey {
  try! Survey(variables: [
    Variable(name: "concern", categories: ["1", "2", "9", nil]),
    Variable(name: "region", categories: ["Nord", "Sud", "Nord", "Est"]),
    Variable(name: "weight", numbers: [1.5, 2, 0.5, 1]),
    Variable(name: "age", numbers: [18, 99, 45, nil]),
  ])
}
