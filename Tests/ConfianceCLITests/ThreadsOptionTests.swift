import Foundation
import Testing

/// `--threads`: how many threads read the file; the output does not depend on it.
@Suite("--threads")
struct ThreadsOptionTests {
  let example = "surveys/example-privacy.csv"

  @Test func zeroThreadsIsAUsageError() throws {
    let result = try CommandLineRunner.run(["estimate", example, "--var", "sex", "--threads", "0"])
    #expect(result.status == 64)
    #expect(result.standardError.contains("--threads 0 is not a number of threads; use 1 or more."))
  }

  @Test func outputIsTheSameOnOneThreadAndOnFour() throws {
    let arguments = ["estimate", example, "--var", "sex", "--by", "age_band", "--format", "json"]
    let one = try CommandLineRunner.run(arguments + ["--threads", "1"])
    let four = try CommandLineRunner.run(arguments + ["--threads", "4"])
    #expect(one.status == 0)
    #expect(!one.standardOutput.isEmpty)
    #expect(one.standardOutput == four.standardOutput)
  }
}
