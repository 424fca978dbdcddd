// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Backstop",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "BackstopCore", targets: ["BackstopCore"]),
        .library(name: "BackstopEngine", targets: ["BackstopEngine"]),
        .library(name: "BackstopJournal", targets: ["BackstopJournal"]),
        .library(name: "BackstopSimulation", targets: ["BackstopSimulation"]),
        .library(name: "BackstopServer", targets: ["BackstopServer"]),
        .executable(name: "backstop", targets: ["backstop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .target(name: "BackstopCore"),
        .target(
            name: "BackstopEngine",
            dependencies: [
                "BackstopCore",
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "BackstopJournal",
            dependencies: [
                "BackstopCore",
                "BackstopEngine",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .target(
            name: "BackstopSimulation",
            dependencies: [
                "BackstopCore",
                "BackstopEngine",
                "BackstopJournal",
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]
        ),
        .target(
            name: "BackstopServer",
            dependencies: [
                "BackstopCore",
                "BackstopEngine",
                "BackstopJournal",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "backstop",
            dependencies: [
                "BackstopCore",
                "BackstopEngine",
                "BackstopJournal",
                "BackstopSimulation",
                "BackstopServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "BackstopCoreTests",
            dependencies: ["BackstopCore", .product(name: "BigInt", package: "BigInt")]
        ),
        .testTarget(
            name: "BackstopEngineTests",
            dependencies: ["BackstopCore", "BackstopEngine"]
        ),
        .testTarget(
            name: "BackstopJournalTests",
            dependencies: [
                "BackstopCore", "BackstopEngine", "BackstopJournal",
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "BackstopServerTests",
            dependencies: [
                "BackstopCore", "BackstopEngine", "BackstopJournal", "BackstopServer",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
            ]
        ),
        .testTarget(
            name: "BackstopSimulationTests",
            dependencies: ["BackstopCore", "BackstopEngine", "BackstopSimulation"]
        ),
    ]
)
