import Foundation
import SurveyStatistics

/// `Fixtures/models/models.json`, written by `make-models.R`: the data columns and R survey 4.1's
/// results for each model case.
struct ModelFixtures: @unchecked Sendable {
  static let shared = ModelFixtures()

  let root: [String: Any]

  private init() {
    guard
      let url = Bundle.module.url(forResource: "models", withExtension: "json", subdirectory: "Fixtures/models"),
      let data = try? Data(contentsOf: url),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else {
      root = [:]
      return
    }
    root = object
  }

  var cases: [[String: Any]] { root["cases"] as? [[String: Any]] ?? [] }

  func `case`(_ name: String) -> [String: Any]? { cases.first { $0["name"] as? String == name } }

  /// A survey from JSON columns: numbers (or null) make a numeric variable, anything else text.
  static func survey(columns: [String: Any]) throws -> Survey {
    let variables = columns.keys.sorted().map { name -> Variable in
      let values = columns[name] as? [Any] ?? []
      if values.allSatisfy({ $0 is NSNull || ($0 is NSNumber && !($0 is String)) }) {
        return Variable(name: name, numbers: values.map { ($0 as? NSNumber)?.doubleValue })
      }
      return Variable(name: name, categories: values.map { $0 as? String })
    }
    return try Survey(variables: variables)
  }

  /// The design of a case: its dataset, design variables, lonely-PSU policy and raking.
  func design(of entry: [String: Any]) throws -> SurveyDesign {
    let spec = entry["design"] as? [String: Any] ?? [:]
    let datasets = root["datasets"] as? [String: Any] ?? [:]
    let survey = try Self.survey(columns: datasets[spec["dataset"] as? String ?? ""] as? [String: Any] ?? [:])
    let policy = LonelyPSUPolicy(rawValue: spec["lonelyPSU"] as? String ?? "fail") ?? .fail
    var design = try SurveyDesign(
      survey, weights: spec["weights"] as? String, strata: spec["strata"] as? String,
      clusters: spec["clusters"] as? String, fpc: spec["fpc"] as? String, lonelyPSU: policy)
    if let replicates = spec["replicates"] as? [String: Any] {
      let method: ReplicateMethod = replicates["type"] as? String == "JKn" ? .stratifiedJackknife : .jackknife
      let meanSquaredError = replicates["mse"] as? Bool ?? false
      if let pattern = replicates["columns"] as? String {
        design = try design.replicated(ReplicateDeclaration(
          source: .columns(matching: pattern), method: method, meanSquaredError: meanSquaredError))
      } else {
        design = try design.replicated(method, meanSquaredError: meanSquaredError)
      }
    }
    if let rake = spec["rake"] as? [[String: Any]] {
      let margins = rake.map { margin -> Margin in
        let categories = margin["categories"] as? [String] ?? []
        let targets = (margin["targets"] as? [NSNumber] ?? []).map(\.doubleValue)
        return Margin(
          variable: margin["variable"] as? String ?? "",
          targets: zip(categories, targets).map { (category: $0, target: $1) })
      }
      design = try design.raked(to: PopulationMargins(margins))
    }
    return design
  }

  /// The domain of a case (`{variable, value}`), or the whole sample.
  static func domain(of entry: [String: Any]) -> Domain {
    guard let domain = entry["domain"] as? [String: Any] else { return .wholeSample }
    return Domain(levels: [
      Domain.Level(variable: domain["variable"] as? String ?? "", value: domain["value"] as? String ?? "")
    ])
  }

  /// The family of a case.
  static func family(of entry: [String: Any]) -> ModelFamily {
    ModelFamily(rawValue: entry["family"] as? String ?? "") ?? .gaussian
  }
}

extension Dictionary where Key == String, Value == Any {
  /// A number field (NaN when absent or null).
  func number(_ key: String) -> Double { (self[key] as? NSNumber)?.doubleValue ?? .nan }
  /// A list of numbers.
  func numbers(_ key: String) -> [Double] { (self[key] as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
  /// A list of objects.
  func objects(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
}

/// |ours − R| / max(|R|, floor): the relative error, with a floor for values near zero.
func relativeError(_ ours: Double, _ reference: Double, floor: Double = 1e-12) -> Double {
  if ours.isNaN && reference.isNaN { return 0 }
  return abs(ours - reference) / max(abs(reference), floor)
}
