internal import Glibc

/// A file read front to back in fixed-size chunks through one reused buffer.
///
/// Memory stays at one chunk whatever the size of the file or the length of its lines.
struct ChunkedFile {
  /// The size of a chunk: 1 MiB.
  static let chunkSize = 1 << 20

  private let path: String
  private let descriptor: Int32
  private let buffer: UnsafeMutablePointer<UInt8>

  /// Opens `path` for reading.
  ///
  /// - Throws: ``SurveyReadError/cannotOpen(file:reason:)``.
  init(path: String) throws(SurveyReadError) {
    var descriptor: Int32
    repeat { descriptor = open(path, O_RDONLY | O_CLOEXEC) } while descriptor < 0 && errno == EINTR
    guard descriptor >= 0 else { throw .cannotOpen(file: path, reason: Self.systemMessage(errno)) }
    self.path = path
    self.descriptor = descriptor
    self.buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.chunkSize)
  }

  /// The next chunk (full unless it is the last), or `nil` at the end of the file. The bytes are
  /// valid until the next call.
  ///
  /// - Throws: ``SurveyReadError/cannotRead(file:reason:)``.
  func nextChunk() throws(SurveyReadError) -> UnsafeBufferPointer<UInt8>? {
    var filled = 0
    while filled < Self.chunkSize {
      let got = read(descriptor, buffer + filled, Self.chunkSize - filled)
      if got < 0 {
        if errno == EINTR { continue }
        throw .cannotRead(file: path, reason: Self.systemMessage(errno))
      }
      if got == 0 { break }
      filled += got
    }
    return filled == 0 ? nil : UnsafeBufferPointer(start: buffer, count: filled)
  }

  /// Closes the file and releases the buffer.
  func close() {
    _ = Glibc.close(descriptor)
    buffer.deallocate()
  }

  static func systemMessage(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}
