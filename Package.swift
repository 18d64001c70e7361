// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "confiance",
  products: [
    .library(name: "Confiance", targets: ["Confiance"]),
    // The same library, linked as libConfianceDynamic.so, for scripts: `confiance script analysis.swift`.
    .library(name: "ConfianceDynamic", type: .dynamic, targets: ["Confiance"]),
    .library(name: "SurveyStatistics", targets: ["SurveyStatistics"]),
    .executable(name: "confiance", targets: ["ConfianceCLI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
  ],
  targets: [
    // MARK: - Public API
    .target(
      name: "Confiance",
      dependencies: ["SurveyStatistics", "SurveyIO", "SurveyMarkdown"]
    ),
    .target(
      name: "SurveyStatistics",
      dependencies: [.product(name: "RealModule", package: "swift-numerics")]
    ),
    .target(
      name: "SurveyIO",
      dependencies: ["SurveyStatistics", "CLibCSV", "CReadStat", .product(name: "Yams", package: "Yams")]
    ),

    .target(
      name: "SurveyMarkdown",
      dependencies: ["SurveyStatistics"]
    ),

    // Estimates where the data lives: group sums computed by PostgreSQL (postgres-nio), finished
    // by SurveyStatistics. Kept apart so that the statistics targets do not depend on SwiftNIO.
    .target(
      name: "SurveyDatabase",
      dependencies: [
        "SurveyStatistics",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]
    ),

    // MARK: - Implementation details
    .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
    .systemLibrary(name: "CReadStat", providers: [.apt(["libreadstat-dev"])]),

    // MARK: - Command-line tool
    .executableTarget(
      name: "ConfianceCLI",
      dependencies: [
        "Confiance",
        "SurveyDatabase",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        // SHA-256 of a report's input files (already built for postgres-nio's authentication).
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),

    // MARK: - Tests
    // Scratch folders removed when the test process exits (shared by the test targets that write files).
    .target(name: "ScratchFolders", path: "Tests/ScratchFolders"),
    .testTarget(
      name: "SurveyStatisticsTests",
      dependencies: ["SurveyStatistics"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "SurveyIOTests",
      dependencies: ["SurveyIO", "ScratchFolders"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "SurveyMarkdownTests",
      dependencies: ["SurveyMarkdown"],
      exclude: ["Snapshots", "Fixtures"]
    ),
    .testTarget(
      name: "SurveyDatabaseTests",
      dependencies: ["SurveyDatabase", "Confiance"]
    ),
    .testTarget(
      name: "ConfianceTests",
      dependencies: ["Confiance", "ScratchFolders"]
    ),
    .testTarget(
      name: "ConfianceCLITests",
      dependencies: ["ConfianceCLI", "Confiance", "ScratchFolders"],
      exclude: ["Fixtures"]
    ),
  ]
)
