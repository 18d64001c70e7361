import SurveyIO
import SurveyStatistics
import Glibc

/// libFuzzer entry point for the CSV reader.
///
/// The first byte chooses the reading options (delimiter, encoding, decimal comma, a numeric column,
/// a column selection); the rest is written to a file in memory (`/dev/shm`) and read as a survey.
/// Any thrown error is a pass: the reader must report bad input, never trap, hang or overrun.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
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

  var options = CSVReadOptions()
  switch selector & 0b11 {
  case 0: options.delimiter = nil
  case 1: options.delimiter = UInt8(ascii: ",")
  case 2: options.delimiter = UInt8(ascii: ";")
  default: options.delimiter = UInt8(ascii: "\t")
  }
  options.encoding = TextEncodingChoice.allCases[Int(selector >> 2 & 0b11) % TextEncodingChoice.allCases.count]
  if selector & 0x10 != 0 { options.decimalComma = selector & 0x20 != 0 }
  if selector & 0x40 != 0 { options.numericColumns = ["w", "weight", "a"] }
  if selector & 0x80 != 0 { options.columns = ["a"] }
  if let survey = try? Survey(csvFile: path, options: options) {
    // Touch every value, as the commands do.
    for variable in survey.variables {
      _ = variable.missingCount
      _ = variable.categorical.sortedLevelIndices()
    }
  }
  return 0
}

/// One file per fuzzing process.
let fuzzFilePath = "/dev/shm/confiance-fuzz-csv-\(getpid()).csv"
