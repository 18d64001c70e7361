// swift-tools-version: 6.1
// Benchmarks for confiance: a nested package, so that `swift build` and `swift test` of the root
// package never build it. `run.sh` builds it in release.
import PackageDescription

let package = Package(
  name: "confiance-benchmarks",
  dependencies: [.package(name: "confiance", path: "../")],
  targets: [
    .executableTarget(
      name: "IngestBenchmark",
      dependencies: [.product(name: "Confiance", package: "confiance")]
    )
  ]
)
