// Reads a CSV file into a `Survey` and reports how long that took: the ingest step of the
// benchmarks, without any estimation.
//
//     IngestBenchmark FILE [--columns a,b,c] [--numeric weight,fpc] [--threads N] [--repeat K]
//
// Prints one line per repetition: wall seconds, MB/s (file bytes over wall time), processor
// seconds (user + system, all threads), rows, columns.
import Confiance
import Glibc

func fail(_ message: String) -> Never {
  let text = "IngestBenchmark: \(message)\n"
  _ = text.withCString { write(2, $0, strlen($0)) }
  exit(64)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first, !path.hasPrefix("--") else {
  fail("usage: IngestBenchmark FILE [--columns a,b] [--numeric weight] [--threads N] [--repeat K]")
}
arguments.removeFirst()
var options = CSVReadOptions()
var repetitions = 1
while let flag = arguments.first {
  arguments.removeFirst()
  guard let value = arguments.first else { fail("\(flag) needs a value") }
  arguments.removeFirst()
  switch flag {
  case "--columns": options.columns = Set(value.split(separator: ",").map(String.init))
  case "--numeric": options.numericColumns = Set(value.split(separator: ",").map(String.init))
  case "--threads":
    guard let count = Int(value), count > 0 else { fail("--threads needs a positive number") }
    options.threadCount = count
  case "--repeat":
    guard let count = Int(value), count > 0 else { fail("--repeat needs a positive number") }
    repetitions = count
  default: fail("unknown option \(flag)")
  }
}

var status = stat()
guard stat(path, &status) == 0 else { fail("cannot read \(path)") }
let megabytes = Double(status.st_size) / 1_000_000

func now() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func processorSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
  return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

for _ in 0..<repetitions {
  let start = now()
  let startProcessor = processorSeconds()
  let survey = try Survey(csvFile: path, options: options)
  let seconds = now() - start
  let processor = processorSeconds() - startProcessor
  let line = "\(String(format: seconds)) s  \(Int((megabytes / seconds).rounded())) MB/s  "
    + "cpu \(String(format: processor)) s  \(survey.respondentCount) rows  \(survey.variables.count) columns"
  print(line)
}

extension String {
  /// `seconds` with three decimals.
  init(format seconds: Double) {
    let milliseconds = Int((seconds * 1000).rounded())
    let fraction = String(milliseconds % 1000)
    self = "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
  }
}
