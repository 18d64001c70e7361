internal import Glibc

/// Writes output files all at once: a reader of the file sees either the old contents or the
/// new, never a half-written file, and a failure leaves nothing behind.
///
/// The contents go to a temporary file in the same folder (`.report.md.confiance-1f3a…`), which
/// is flushed to disk and then renamed over the destination. An existing file is replaced only
/// when `overwrite` is set (the commands' `--force`); without it the final step is a hard link,
/// which fails if the destination appeared in the meantime, so a file is never replaced by
/// accident even when two commands race.
///
/// ```swift
/// try AtomicFile.write(report, to: "reports/privacy.md", overwrite: force)
/// ```
public enum AtomicFile {
  /// Writes `text` as UTF-8 to `path`.
  ///
  /// - Parameters:
  ///   - text: The contents.
  ///   - path: The destination, named in messages as given.
  ///   - overwrite: Whether an existing file may be replaced.
  /// - Throws: ``OutputFileError``; the destination is then unchanged and no temporary file is left.
  public static func write(_ text: String, to path: String, overwrite: Bool) throws(OutputFileError) {
    try write(Array(text.utf8), to: path, overwrite: overwrite)
  }

  /// Writes `bytes` to `path`.
  ///
  /// The new file gets the permissions of the file it replaces, or `0666` less the umask.
  ///
  /// - Parameters:
  ///   - bytes: The contents.
  ///   - path: The destination, named in messages as given.
  ///   - overwrite: Whether an existing file may be replaced.
  /// - Throws: ``OutputFileError``; the destination is then unchanged and no temporary file is left.
  public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(OutputFileError) {
    do {
      try write(to: path, overwrite: overwrite) { writer in
        try bytes.withUnsafeBytes { buffer in try writer.write(buffer) }
      }
    } catch let error as OutputFileError {
      throw error
    } catch {
      preconditionFailure("writing bytes throws only OutputFileError")
    }
  }

  /// Appends bytes to the temporary file of ``write(to:overwrite:_:)``.
  public struct Writer {
    fileprivate let descriptor: Int32
    fileprivate let path: String

    /// Writes `bytes` after those written before.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputFileError) {
      var offset = 0
      while offset < bytes.count {
        let written = Glibc.write(descriptor, bytes.baseAddress.unsafelyUnwrapped + offset, bytes.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          throw .cannotWrite(file: path, reason: AtomicFile.systemMessage())
        }
        offset += written
      }
    }
  }

  /// Writes to `path` whatever `produce` hands its ``Writer``, piece by piece (a large copy need
  /// not be held in memory), with the guarantees of ``write(_:to:overwrite:)``: if `produce` or a
  /// write throws, the destination is unchanged and no temporary file is left.
  ///
  /// - Throws: ``OutputFileError``, or what `produce` throws.
  public static func write(to path: String, overwrite: Bool, _ produce: (Writer) throws -> Void) throws {
    var existing = stat()
    let exists = lstat(path, &existing) == 0
    if exists {
      if (existing.st_mode & S_IFMT) == S_IFDIR {
        throw OutputFileError.cannotCreate(file: path, reason: "it is a folder")
      }
      if !overwrite { throw OutputFileError.alreadyExists(file: path) }
    }
    let (temporary, descriptor) = try createTemporary(besides: path)
    var keepTemporary = false
    defer { if !keepTemporary { _ = unlink(temporary) } }
    do {
      defer { _ = close(descriptor) }
      try produce(Writer(descriptor: descriptor, path: path))
      if exists { _ = fchmod(descriptor, existing.st_mode & 0o7777) }
      if fsync(descriptor) != 0 { throw OutputFileError.cannotWrite(file: path, reason: systemMessage()) }
    }
    if overwrite {
      guard rename(temporary, path) == 0 else { throw OutputFileError.cannotCreate(file: path, reason: systemMessage()) }
      keepTemporary = true
    } else if link(temporary, path) != 0 {
      let code = errno
      if code == EEXIST { throw OutputFileError.alreadyExists(file: path) }
      // Filesystems without hard links: check, then rename (a race remains only there).
      guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == EXDEV else {
        throw OutputFileError.cannotCreate(file: path, reason: systemMessage(code))
      }
      if access(path, F_OK) == 0 { throw OutputFileError.alreadyExists(file: path) }
      guard rename(temporary, path) == 0 else { throw OutputFileError.cannotCreate(file: path, reason: systemMessage()) }
      keepTemporary = true
    }
    syncFolder(of: path)
  }

  /// Opens a new temporary file in the destination's folder.
  private static func createTemporary(besides path: String) throws(OutputFileError) -> (String, Int32) {
    let (folder, name) = split(path)
    for _ in 0..<100 {
      let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
      let temporary = folder + "." + name + ".confiance-" + suffix
      var descriptor: Int32
      repeat {
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      } while descriptor < 0 && errno == EINTR
      if descriptor >= 0 { return (temporary, descriptor) }
      if errno != EEXIST { throw .cannotCreate(file: path, reason: systemMessage()) }
    }
    throw .cannotCreate(file: path, reason: "no temporary file name was free")
  }

  /// Flushes the folder entry of the renamed file, so that the rename survives a crash.
  private static func syncFolder(of path: String) {
    let (folder, _) = split(path)
    let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    _ = close(descriptor)
  }

  /// The folder part (with its final `/`, or empty) and the file name of a path.
  private static func split(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return ("", path) }
    return (String(path[...slash]), String(path[path.index(after: slash)...]))
  }

  fileprivate static func systemMessage(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
  }
}

/// An output file that could not be written; the destination is unchanged.
public enum OutputFileError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The destination exists and replacing it was not asked for.
  case alreadyExists(file: String)
  /// The file (or its temporary neighbour) could not be created.
  case cannotCreate(file: String, reason: String)
  /// Writing the contents failed (a full disk, a quota).
  case cannotWrite(file: String, reason: String)

  /// A readable sentence with advice.
  public var description: String {
    switch self {
    case .alreadyExists(let file):
      return "\(file): the file already exists, and confiance does not replace files unless asked. "
        + "Add --force to replace it, or choose another name."
    case .cannotCreate(let file, let reason):
      return "\(file): cannot create the file (\(reason)). Check that the folder exists and that you may write in it."
    case .cannotWrite(let file, let reason):
      return "\(file): writing the file failed (\(reason)); nothing was written. Check the free space on the disk."
    }
  }
}
