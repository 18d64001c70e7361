/// Guesses the field delimiter of a CSV file from its first bytes.
///
/// Each candidate (`,`, `;`, tab) is counted outside double quotes in the header record and in up
/// to ``sampledRecords`` − 1 further complete records. A candidate must occur in the header; among
/// those, one that gives every sampled record as many fields as the header wins over one that does
/// not, then the most frequent in the header, then the first in the order `,` `;` tab. With no
/// candidate in the header (a one-column file) the delimiter is `,`.
enum DelimiterDetection {
  /// The delimiters considered, in order of preference on ties.
  static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
  /// How many records are sampled, the header included.
  static let sampledRecords = 20

  /// The most likely delimiter of the text that starts with `sample`.
  static func detect(in sample: UnsafeBufferPointer<UInt8>) -> UInt8 {
    var records: [[Int]] = []  // per record, the count of each candidate
    var counts = [Int](repeating: 0, count: candidates.count)
    var inQuotes = false
    var recordHasContent = false
    for byte in sample {
      if byte == UInt8(ascii: "\"") {
        inQuotes.toggle()
        recordHasContent = true
      } else if !inQuotes, byte == 0x0A || byte == 0x0D {
        if recordHasContent { records.append(counts) }
        counts = [Int](repeating: 0, count: candidates.count)
        recordHasContent = false
        if records.count == sampledRecords { break }
      } else {
        if !inQuotes, let which = candidates.firstIndex(of: byte) { counts[which] += 1 }
        if byte != 0x20 { recordHasContent = true }
      }
    }
    // An unfinished last record is only used when it is the header.
    if records.isEmpty, recordHasContent { records.append(counts) }
    guard let header = records.first else { return candidates[0] }

    var best: (candidate: Int, score: (consistent: Int, headerCount: Int))?
    for candidate in candidates.indices where header[candidate] > 0 {
      let consistent = records.dropFirst().allSatisfy { $0[candidate] == header[candidate] }
      let score = (consistent: consistent ? 1 : 0, headerCount: header[candidate])
      if let best, best.score >= score { continue }
      best = (candidate, score)
    }
    return candidates[best?.candidate ?? 0]
  }
}
