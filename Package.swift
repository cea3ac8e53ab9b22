// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "gantry",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gantry", targets: ["CLI"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(name: "Diagnostics"),
        .target(name: "Expressions", dependencies: ["Diagnostics"]),
        .target(
            name: "Workflows",
            dependencies: ["Diagnostics", "Expressions", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "Persistence"),
        .target(
            name: "PersistenceSQLite",
            dependencies: ["Persistence", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "Lint", dependencies: ["Diagnostics", "Expressions", "Workflows"]),
        .target(name: "Gates", dependencies: ["Diagnostics", "Workflows", "Persistence"]),
        .target(name: "Execution", dependencies: ["Diagnostics", "Expressions", "Workflows", "Persistence", "Gates"]),
        .executableTarget(
            name: "CLI",
            dependencies: [
                "Diagnostics", "Expressions", "Workflows", "Execution", "Persistence", "PersistenceSQLite", "Lint", "Gates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ExpressionsTests", dependencies: ["Expressions"]),
        .testTarget(name: "WorkflowsTests", dependencies: ["Workflows"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ExecutionTests", dependencies: ["Execution", "Workflows"]),
        .testTarget(name: "LintTests", dependencies: ["Lint", "Workflows", "Diagnostics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GatesTests", dependencies: ["Gates", "Persistence", "PersistenceSQLite"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PersistenceSQLiteTests", dependencies: ["PersistenceSQLite", "Persistence"]),
        .testTarget(name: "CLITests", dependencies: ["CLI"]),
    ]
)
