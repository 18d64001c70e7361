import Glibc
import Testing

@testable import SurveyIO

/// A part of a file is read with `pread`, so a file shortened while it is being read gives an error
/// naming the file instead of killing the process (as reading a mapped page past the end would).
@Suite struct FileRangeTests {
  static let text = String(repeating: "region,weight\nNord,1.5\n", count: 100)

  @Test func aRangeReadsItsBytesChunkByChunk() throws {
    let path = try Fixtures.write(Self.text, named: "range.csv")
    let descriptor = open(path, O_RDONLY)
    defer { close(descriptor) }
    var range = FileRange(path: path, descriptor: descriptor, start: 14, end: 200, chunkSize: 64)
    defer { range.release() }
    var bytes: [UInt8] = []
    while let chunk = try range.nextChunk() { bytes += chunk }
    #expect(bytes == Array(Array(Self.text.utf8)[14..<200]))
  }

  @Test func aFileShortenedWhileItIsReadIsReported() throws {
    let path = try Fixtures.write(Self.text, named: "shortened.csv")
    let descriptor = open(path, O_RDONLY)
    defer { close(descriptor) }
    let size = Self.text.utf8.count
    var range = FileRange(path: path, descriptor: descriptor, start: 0, end: size, chunkSize: 256)
    defer { range.release() }
    #expect(try range.nextChunk()?.count == 256)
    // Another program truncates the file after the first chunk.
    #expect(truncate(path, 300) == 0)
    let error = #expect(throws: SurveyReadError.self) { _ = try range.nextChunk() }
    #expect(error == .fileChangedWhileReading(file: path))
    #expect(error?.description.hasPrefix("\(path): the file became shorter while it was being read") == true)
  }
}
