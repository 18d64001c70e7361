internal import Glibc

/// Where to cut a file into parts that can be parsed at the same time.
///
/// Each cut is just after the first `\n` at or after an even share of the data, so that a part
/// begins a line (a file whose lines end with a lone `\r` is not cut). The cut may still fall
/// inside a quoted value that spans lines; ``CSVReader`` finds out and recovers.
enum FileParts {
  /// How much is read at a time while looking for a line break.
  private static let window = 64 * 1024

  /// The offsets at which the parts of `start..<end` begin: `start` first, then at most
  /// `count - 1` cuts, increasing, each before `end`.
  static func starts(
    path: String, descriptor: Int32, from start: Int, to end: Int, count: Int
  ) throws(SurveyReadError) -> [Int] {
    var starts = [start]
    guard count > 1, end > start else { return starts }
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: window)
    defer { buffer.deallocate() }
    for part in 1..<count {
      let target = max(start + (end - start) / count * part, starts.last.unsafelyUnwrapped + 1)
      guard let cut = try lineStart(atOrAfter: target, before: end, descriptor: descriptor, path: path, buffer: buffer)
      else { break }
      starts.append(cut)
    }
    return starts
  }

  /// The offset just past the first `\n` at or after `target - 1`, if it is before `end`.
  private static func lineStart(
    atOrAfter target: Int, before end: Int, descriptor: Int32, path: String, buffer: UnsafeMutablePointer<UInt8>
  ) throws(SurveyReadError) -> Int? {
    var position = target - 1
    while position < end {
      let wanted = min(window, end - position)
      let got = pread(descriptor, buffer, wanted, off_t(position))
      if got < 0 {
        if errno == EINTR { continue }
        throw .cannotRead(file: path, reason: ChunkedFile.systemMessage(errno))
      }
      if got == 0 { return nil }
      if let found = UnsafeBufferPointer(start: buffer, count: got).firstIndex(of: 0x0A) {
        let cut = position + found + 1
        return cut < end ? cut : nil
      }
      position += got
    }
    return nil
  }
}
