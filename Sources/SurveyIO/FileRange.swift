internal import Glibc

/// A byte range of a regular file read front to back in chunks, with `pread`, through a buffer of
/// its own: several threads can each read their part of one open file.
struct FileRange {
  private let path: String
  private let descriptor: Int32
  private let buffer: UnsafeMutablePointer<UInt8>
  private let chunkSize: Int
  /// The offset of the next chunk.
  private(set) var position: Int
  /// The offset just past the range.
  private(set) var end: Int

  /// Prepares to read `descriptor`'s bytes `start..<end`, `chunkSize` at a time.
  init(path: String, descriptor: Int32, start: Int, end: Int, chunkSize: Int = ChunkedFile.chunkSize) {
    self.path = path
    self.descriptor = descriptor
    self.position = start
    self.end = end
    self.chunkSize = max(chunkSize, 1)
    buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: self.chunkSize)
  }

  /// Extends the range to `newEnd`.
  mutating func extend(to newEnd: Int) {
    end = max(end, newEnd)
  }

  /// The next chunk (full unless it is the last), or `nil` at the end of the range. The bytes are
  /// valid until the next call.
  ///
  /// - Throws: ``SurveyReadError/cannotRead(file:reason:)``.
  mutating func nextChunk() throws(SurveyReadError) -> UnsafeBufferPointer<UInt8>? {
    let wanted = min(chunkSize, end - position)
    var filled = 0
    while filled < wanted {
      let got = pread(descriptor, buffer + filled, wanted - filled, off_t(position + filled))
      if got < 0 {
        if errno == EINTR { continue }
        throw .cannotRead(file: path, reason: ChunkedFile.systemMessage(errno))
      }
      if got == 0 { break }
      filled += got
    }
    position += filled
    return filled == 0 ? nil : UnsafeBufferPointer(start: buffer, count: filled)
  }

  /// Releases the buffer (the file stays open).
  func release() {
    buffer.deallocate()
  }
}
