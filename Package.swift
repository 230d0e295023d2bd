// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "VendingPass",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vendingpass", targets: ["vendingpass"]),
        .library(name: "Loyalty", targets: ["Loyalty"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .target(name: "JSON", dependencies: ["Determinism"]),
        .target(name: "ProcessSettings", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(name: "Loyalty", dependencies: ["JSON", "Determinism"]),
        .target(name: "StatesLanguage", dependencies: ["JSON", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Determinism", dependencies: [.product(name: "HeapModule", package: "swift-collections"), .product(name: "DequeModule", package: "swift-collections")]),
        .target(name: "Workflows", dependencies: ["JSON", "StatesLanguage", "Determinism", .product(name: "HeapModule", package: "swift-collections")]),
        .target(name: "Fleet", dependencies: ["JSON", "Loyalty", "Determinism", .product(name: "HeapModule", package: "swift-collections")]),
        .target(name: "LegacyBackend", dependencies: ["Loyalty", "Storage", "Determinism"]),
        .target(
            name: "Simulation",
            dependencies: [
                "JSON", "Loyalty", "Fleet", "Storage", "LegacyBackend", "Workflows", "StatesLanguage", "Determinism",
                .product(name: "Yams", package: "Yams"), .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(
            name: "Storage",
            dependencies: [
                "JSON", "Loyalty", "Workflows", "Determinism", "StatesLanguage", "ProcessSettings", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "VendingPassCLI",
            dependencies: [
                "JSON", "Loyalty", "Fleet", "Storage", "Workflows", "StatesLanguage", "Determinism", "Simulation", "ProcessSettings",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(name: "vendingpass", dependencies: ["VendingPassCLI"]),
        .executableTarget(name: "vendingpass-bench", dependencies: ["JSON", "Workflows", "StatesLanguage", "Determinism", "Storage", "Fleet"]),
        .target(name: "TestSupport", dependencies: ["Loyalty", "Storage", "VendingPassCLI"]),
        .testTarget(
            name: "LoyaltyTests",
            dependencies: ["JSON", "Loyalty", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "JSONTests", dependencies: ["JSON", "Determinism"]),
        .testTarget(name: "FleetTests", dependencies: ["Determinism", "Fleet", "Loyalty", "TestSupport"]),
        .testTarget(
            name: "SimulationTests",
            dependencies: ["Simulation", "LegacyBackend", "Storage", "Loyalty", "Determinism", "TestSupport"]
        ),
        .testTarget(name: "WorkflowsTests", dependencies: ["JSON", "Workflows", "StatesLanguage", "Determinism", "TestSupport"]),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "Loyalty", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "VendingPassCLITests", dependencies: ["VendingPassCLI", "Loyalty", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
