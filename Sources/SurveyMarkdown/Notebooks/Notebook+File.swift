internal import Foundation

extension Notebook {
  /// The notebook in the file at `path`, which must be UTF-8 text (a byte order mark is allowed).
  ///
  /// - Throws: ``NotebookError`` when there is no such file, it is a folder or cannot be read, or
  ///   at the line of the first byte that is not UTF-8.
  package init(contentsOf path: String) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw NotebookError(file: path, line: nil, message: "cannot read the notebook: there is no such file; check the path.")
    }
    guard !isFolder.boolValue, let data = FileManager.default.contents(atPath: path) else {
      throw NotebookError(
        file: path, line: nil,
        message: "cannot read the notebook: \(isFolder.boolValue ? "it is a folder" : "it is not readable"); check the path.")
    }
    var line = 1
    var iterator = data.makeIterator()
    var decoder = UTF8()
    decoding: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
      case .emptyInput: break decoding
      case .error:
        throw NotebookError(
          file: path, line: line,
          message: "the notebook is not UTF-8 text (it was probably saved as Windows-1252 or UTF-16). "
            + "Save it again with the UTF-8 encoding.")
      }
    }
    self.init(parsing: String(decoding: data, as: UTF8.self))
  }
}
