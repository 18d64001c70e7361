internal import Glibc

/// A regular file (not a pipe, a terminal or a folder) opened for reading anywhere: the parts of a
/// large file are read from it at the same time, each through its own ``FileRange``.
struct RegularFile {
  /// The open file.
  let descriptor: Int32
  /// Its size in bytes when it was opened.
  let size: Int

  /// Opens `path`, or returns `nil` when it cannot be opened or is not a regular file.
  init?(path: String) {
    var descriptor: Int32
    repeat { descriptor = open(path, O_RDONLY | O_CLOEXEC) } while descriptor < 0 && errno == EINTR
    guard descriptor >= 0 else { return nil }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
      _ = Glibc.close(descriptor)
      return nil
    }
    self.descriptor = descriptor
    self.size = Int(status.st_size)
  }

  /// Its size now, or `nil` when it cannot be taken.
  func currentSize() -> Int? {
    var status = stat()
    return fstat(descriptor, &status) == 0 ? Int(status.st_size) : nil
  }

  /// Closes the file.
  func close() {
    _ = Glibc.close(descriptor)
  }
}
