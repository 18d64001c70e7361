internal import Glibc

/// A byte range of a regular file read front to back in chunks: several threads can each read
/// their part of one open file.
///
/// Each chunk is read with `pread` into the range's own buffer, reused from chunk to chunk, so no
/// more than one chunk per range counts towards the process's memory. The file is not mapped into
/// memory: a file that another program shortens while it is being read would make reading a
/// mapped page past its new end kill the process (SIGBUS); with `pread` it is a short read, which
/// ``nextChunk()`` reports as ``SurveyReadError/fileChangedWhileReading(file:)``.
struct FileRange {
  private let path: String
  private let descriptor: Int32
  private let chunkSize: Int
  /// The offset of the next chunk.
  private(set) var position: Int
  /// The offset just past the range.
  private(set) var end: Int
  /// The buffer the chunks are read into, allocated with the first chunk.
  private var buffer: UnsafeMutablePointer<UInt8>?

  /// Prepares to read `descriptor`'s bytes `start..<end`, `chunkSize` at a time.
  init(path: String, descriptor: Int32, start: Int, end: Int, chunkSize: Int = ChunkedFile.chunkSize) {
    self.path = path
    self.descriptor = descriptor
    self.position = start
    self.end = end
    self.chunkSize = max(chunkSize, 1)
  }

  /// Extends the range to `newEnd`.
  mutating func extend(to newEnd: Int) {
    end = max(end, newEnd)
  }

  /// The next chunk (full unless it is the last), or `nil` at the end of the range. The bytes are
  /// valid until the next call.
  ///
  /// - Throws: ``SurveyReadError/cannotRead(file:reason:)``, or
  ///   ``SurveyReadError/fileChangedWhileReading(file:)`` when the file ends before the range does
  ///   (it was shortened after its size was taken).
  mutating func nextChunk() throws(SurveyReadError) -> UnsafeBufferPointer<UInt8>? {
    let wanted = min(chunkSize, end - position)
    guard wanted > 0 else { return nil }
    let buffer = self.buffer ?? UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
    self.buffer = buffer
    var filled = 0
    while filled < wanted {
      let got = pread(descriptor, buffer + filled, wanted - filled, off_t(position + filled))
      if got < 0 {
        if errno == EINTR { continue }
        throw .cannotRead(file: path, reason: ChunkedFile.systemMessage(errno))
      }
      if got == 0 { throw .fileChangedWhileReading(file: path) }
      filled += got
    }
    position += filled
    return UnsafeBufferPointer(start: buffer, count: filled)
  }

  /// Releases the buffer (the file stays open); the range must not be used afterwards.
  func release() {
    buffer?.deallocate()
  }
}
