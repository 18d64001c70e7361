internal import Glibc

/// A byte range of a regular file read front to back in chunks: several threads can each read
/// their part of one open file.
///
/// Each chunk is mapped into memory (`mmap`, pages populated at once) and unmapped when the next
/// one is asked for, so the bytes are not copied out of the page cache and no more than one chunk
/// per range counts towards the process's memory. Should mapping fail, the chunk is read with
/// `pread` into a buffer instead.
struct FileRange {
  private let path: String
  private let descriptor: Int32
  private let chunkSize: Int
  /// The offset of the next chunk.
  private(set) var position: Int
  /// The offset just past the range.
  private(set) var end: Int
  /// The current mapping, to unmap before the next chunk.
  private var mapping: (start: UnsafeMutableRawPointer, length: Int)?
  /// The buffer for `pread`, allocated when mapping fails.
  private var buffer: UnsafeMutablePointer<UInt8>?

  private static let pageSize = max(Int(sysconf(Int32(_SC_PAGESIZE))), 4096)

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
  /// - Throws: ``SurveyReadError/cannotRead(file:reason:)``.
  mutating func nextChunk() throws(SurveyReadError) -> UnsafeBufferPointer<UInt8>? {
    unmap()
    let wanted = min(chunkSize, end - position)
    guard wanted > 0 else { return nil }
    let alignedStart = position / Self.pageSize * Self.pageSize
    let length = position - alignedStart + wanted
    let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, off_t(alignedStart))
    if let mapped, mapped != MAP_FAILED {
      mapping = (mapped, length)
      let bytes = UnsafeBufferPointer(
        start: mapped.assumingMemoryBound(to: UInt8.self) + (position - alignedStart), count: wanted)
      position += wanted
      return bytes
    }
    return try readChunk(wanted)
  }

  /// Reads the next `wanted` bytes with `pread`.
  private mutating func readChunk(_ wanted: Int) throws(SurveyReadError) -> UnsafeBufferPointer<UInt8>? {
    let buffer = self.buffer ?? UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
    self.buffer = buffer
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
    if filled < wanted { end = position }  // the file is shorter than when it was opened
    return filled == 0 ? nil : UnsafeBufferPointer(start: buffer, count: filled)
  }

  private mutating func unmap() {
    if let mapping { munmap(mapping.start, mapping.length) }
    mapping = nil
  }

  /// Releases the mapping or buffer (the file stays open); the range must not be used afterwards.
  func release() {
    if let mapping { munmap(mapping.start, mapping.length) }
    buffer?.deallocate()
  }
}
