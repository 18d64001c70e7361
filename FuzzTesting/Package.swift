// swift-tools-version: 6.1
// libFuzzer targets for Confiance's parsers of untrusted files. A nested package, so that the root
// package's `swift build` and `swift test` never build it. See README.md for how to run them.
//
// The library sources are linked in (Sources/Linked/* are symbolic links to ../Sources/*) rather
// than used through a package dependency: SwiftPM instruments only the root package's targets
// for coverage, and a fuzzer that cannot see the reader's branches finds nothing.
import PackageDescription

let package = Package(
  name: "FuzzTesting",
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    .systemLibrary(name: "CLibCSV", path: "Sources/Linked/CLibCSV"),
    .systemLibrary(name: "CReadStat", path: "Sources/Linked/CReadStat"),
    .target(
      name: "SurveyStatistics", dependencies: [.product(name: "RealModule", package: "swift-numerics")],
      path: "Sources/Linked/SurveyStatistics"),
    .target(
      name: "SurveyIO", dependencies: ["SurveyStatistics", "CLibCSV", "CReadStat", .product(name: "Yams", package: "Yams")],
      path: "Sources/Linked/SurveyIO"),
    .target(name: "SurveyMarkdown", dependencies: ["SurveyStatistics", "SurveyIO"], path: "Sources/Linked/SurveyMarkdown"),
    .executableTarget(name: "FuzzCSV", dependencies: ["SurveyIO"]),
    .executableTarget(name: "FuzzCodebook", dependencies: ["SurveyIO"]),
    .executableTarget(name: "FuzzTargets", dependencies: ["SurveyIO"]),
    .executableTarget(name: "FuzzNotebook", dependencies: ["SurveyMarkdown"]),
  ]
)
