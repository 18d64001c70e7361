/// The name among `candidates` closest to `name`, when it is close enough to be a likely typo.
///
/// Like `closestName(to:among:)` of `SurveyStatistics`, but a swap of two neighbouring letters
/// (`lable` for `label`) counts as one edit: keys are short, and swaps are the commonest typo.
func closestKey(to name: String, among candidates: [String]) -> String? {
  var best: (name: String, distance: Int)?
  let lowered = Array(name.lowercased())
  for candidate in candidates {
    let distance = transpositionEditDistance(lowered, Array(candidate.lowercased()))
    if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
  }
  guard let best else { return nil }
  let allowed = min(3, max(1, max(name.count, best.name.count) / 3))
  return best.distance <= allowed ? best.name : nil
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbouring characters each count as one edit.
func transpositionEditDistance(_ a: [Character], _ b: [Character]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var distance = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
  for i in 0...a.count { distance[i][0] = i }
  for j in 0...b.count { distance[0][j] = j }
  for i in 1...a.count {
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      distance[i][j] = min(distance[i - 1][j] + 1, distance[i][j - 1] + 1, distance[i - 1][j - 1] + cost)
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        distance[i][j] = min(distance[i][j], distance[i - 2][j - 2] + 1)
      }
    }
  }
  return distance[a.count][b.count]
}
