import Foundation

/// The relative difference |actual − expected| / |expected| (absolute when expected is 0).
func relativeDifference(_ actual: Double, _ expected: Double) -> Double {
  if actual == expected { return 0 }
  let scale = abs(expected)
  return scale == 0 ? abs(actual) : abs(actual - expected) / scale
}

/// A fixture file of this test target.
func fixtureURL(_ path: String) -> URL {
  Bundle.module.url(forResource: "Fixtures/" + path, withExtension: nil)!
}

/// Largest relative differences seen, per quantity, printed once at the end of a run so the
/// closing note can quote them.
final class DifferenceLog: @unchecked Sendable {
  static let shared = DifferenceLog()
  private var largest: [String: Double] = [:]
  private let lock = NSLock()

  func record(_ quantity: String, _ difference: Double) {
    lock.lock()
    largest[quantity] = max(largest[quantity] ?? 0, difference)
    lock.unlock()
  }

  var summary: String {
    lock.lock()
    defer { lock.unlock() }
    return largest.keys.sorted().map { "\($0): \(largest[$0]!)" }.joined(separator: "\n")
  }
}
