import Foundation

/// Scratch space for tests. Every folder a test asks for lives under one folder per test process,
/// which is removed when the process exits: a test run leaves nothing in the temporary directory,
/// even when a test hands its folder to code that writes more files there (a report's charts, an
/// atomic write's temporary file) or fails before cleaning up.
public enum ScratchFolder {
  /// This process's folder of scratch folders, created on first use and removed at exit.
  private static let root: URL = {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("confiance-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    atexit { try? FileManager.default.removeItem(at: ScratchFolder.root) }
    return root
  }()

  /// A new, empty folder named after `purpose` (such as `"report-writing"`), unique in this run.
  public static func make(_ purpose: String) throws -> URL {
    let folder = root.appendingPathComponent("\(purpose)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }
}
