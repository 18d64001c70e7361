package import SurveyStatistics

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
package enum AtomicFile {
  /// Writes `text` as UTF-8 to `path`.
  ///
  /// - Parameters:
  ///   - text: The contents.
  ///   - path: The destination, named in messages as given.
  ///   - overwrite: Whether an existing file may be replaced.
  /// - Throws: ``OutputFileError``; the destination is then unchanged and no temporary file is left.
  package static func write(_ text: String, to path: String, overwrite: Bool) throws(OutputFileError) {
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
  package static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(OutputFileError) {
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
  package struct Writer {
    fileprivate let descriptor: Int32
    fileprivate let path: String

    /// Writes `bytes` after those written before.
    package func write(_ bytes: [UInt8]) throws(OutputFileError) {
      var failure: OutputFileError?
      bytes.withUnsafeBytes { buffer in
        do throws(OutputFileError) { try write(buffer) } catch { failure = error }
      }
      if let failure { throw failure }
    }

    /// Writes `bytes` after those written before.
    package func write(_ bytes: UnsafeRawBufferPointer) throws(OutputFileError) {
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
  /// not be held in memory), with the guarantees of ``write(_:to:overwrite:)-([UInt8],_,_)``: if `produce` or a
  /// write throws, the destination is unchanged and no temporary file is left.
  ///
  /// - Throws: ``OutputFileError``, or what `produce` throws.
  package static func write(to path: String, overwrite: Bool, _ produce: (Writer) throws -> Void) throws {
    let mode = try existingMode(of: path, overwrite: overwrite)
    let (temporary, descriptor) = try createTemporary(besides: path)
    var keepTemporary = false
    defer { if !keepTemporary { _ = unlink(temporary) } }
    do {
      defer { _ = close(descriptor) }
      try produce(Writer(descriptor: descriptor, path: path))
      try finish(descriptor, path: path, mode: mode)
    }
    keepTemporary = try place(temporary, at: path, overwrite: overwrite)
    syncFolder(of: path)
  }

  /// Writes several files that make one output (a report and its charts): every file is first
  /// written in full to a temporary file next to it, and only once all of them are written are
  /// they moved to their destinations, in the order given (put the file that refers to the others
  /// last). A failure while writing (a full disk) leaves no file behind, new or temporary, and
  /// the destinations as they were.
  ///
  /// Without `overwrite`, nothing is written when one of the destinations exists; should one
  /// appear while the files are moved in place, the files already moved are removed again.
  ///
  /// - Parameters:
  ///   - files: The destinations, named in messages as given, and their contents. Their folders
  ///     must exist.
  ///   - overwrite: Whether existing files may be replaced.
  /// - Throws: ``OutputFileError``.
  package static func write(_ files: [(path: String, bytes: [UInt8])], overwrite: Bool) throws(OutputFileError) {
    var modes: [mode_t?] = []
    for file in files { modes.append(try existingMode(of: file.path, overwrite: overwrite)) }
    var temporaries: [String] = []
    var kept = Set<String>()
    defer { for temporary in temporaries where !kept.contains(temporary) { _ = unlink(temporary) } }
    for (file, mode) in zip(files, modes) {
      let (temporary, descriptor) = try createTemporary(besides: file.path)
      temporaries.append(temporary)
      defer { _ = close(descriptor) }
      try Writer(descriptor: descriptor, path: file.path).write(file.bytes)
      try finish(descriptor, path: file.path, mode: mode)
    }
    var placed: [String] = []
    for (file, temporary) in zip(files, temporaries) {
      do throws(OutputFileError) {
        if try place(temporary, at: file.path, overwrite: overwrite) { kept.insert(temporary) }
        placed.append(file.path)
      } catch {
        // New files already in place go again, so that a failed write adds nothing.
        if !overwrite { for path in placed { _ = unlink(path) } }
        throw error
      }
    }
    var folders = Set<String>()
    for file in files where folders.insert(split(file.path).folder).inserted { syncFolder(of: file.path) }
  }

  /// The permissions of the file at `path` when it exists and may be replaced, `nil` when there is
  /// none.
  ///
  /// - Throws: ``OutputFileError`` when `path` is a folder, or exists and `overwrite` is not set.
  private static func existingMode(of path: String, overwrite: Bool) throws(OutputFileError) -> mode_t? {
    var existing = stat()
    guard lstat(path, &existing) == 0 else { return nil }
    if (existing.st_mode & S_IFMT) == S_IFDIR { throw .cannotCreate(file: path, reason: "it is a folder") }
    if !overwrite { throw .alreadyExists(file: path) }
    return existing.st_mode & 0o7777
  }

  /// Gives a written temporary file the permissions of the file it replaces, and flushes it to disk.
  private static func finish(_ descriptor: Int32, path: String, mode: mode_t?) throws(OutputFileError) {
    if let mode { _ = fchmod(descriptor, mode) }
    if fsync(descriptor) != 0 { throw .cannotWrite(file: path, reason: systemMessage()) }
  }

  /// Moves a written temporary file to `path`: renamed over it with `overwrite`; otherwise hard
  /// linked, which fails if `path` exists, so a file is never replaced by accident even when two
  /// commands race.
  ///
  /// - Returns: Whether the temporary name is gone (renamed); a linked one is for the caller to remove.
  private static func place(_ temporary: String, at path: String, overwrite: Bool) throws(OutputFileError) -> Bool {
    if overwrite {
      guard rename(temporary, path) == 0 else { throw .cannotCreate(file: path, reason: systemMessage()) }
      return true
    }
    if link(temporary, path) == 0 { return false }
    let code = errno
    if code == EEXIST { throw .alreadyExists(file: path) }
    // Filesystems without hard links: check, then rename (a race remains only there).
    guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == EXDEV else {
      throw .cannotCreate(file: path, reason: systemMessage(code))
    }
    if access(path, F_OK) == 0 { throw .alreadyExists(file: path) }
    guard rename(temporary, path) == 0 else { throw .cannotCreate(file: path, reason: systemMessage()) }
    return true
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
package enum OutputFileError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The destination exists and replacing it was not asked for.
  case alreadyExists(file: String)
  /// The file (or its temporary neighbour) could not be created.
  case cannotCreate(file: String, reason: String)
  /// Writing the contents failed (a full disk, a quota).
  case cannotWrite(file: String, reason: String)

  /// A readable sentence with advice.
  package var description: String {
    switch self {
    case .alreadyExists(let file):
      return "\(file): the file already exists, and confiance does not replace files unless asked. "
        + "Ask for it to be replaced, or choose another name."
    case .cannotCreate(let file, let reason):
      return "\(file): cannot create the file (\(reason)). Check that the folder exists and that you may write in it."
    case .cannotWrite(let file, let reason):
      return "\(file): writing the file failed (\(reason)); nothing was written. Check the free space on the disk."
    }
  }
}

extension OutputFileError: ConfianceError {
  /// Always ``ErrorKind/output``.
  package var kind: ErrorKind { .output }
  /// Replacing the file, when it exists.
  package var remedy: Remedy? {
    if case .alreadyExists = self { return .replaceExisting }
    return nil
  }
}
