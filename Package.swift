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
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-atomics", from: "1.3.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
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
        .target(
            name: "LoadGenerator",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .target(
            name: "MetricProviders",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .target(
            name: "Proxy",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(name: "Delivery", dependencies: ["Diagnostics", "Workflows"]),
        .target(
            name: "Server",
            dependencies: [
                "Delivery", "MetricProviders", "Persistence", "PersistenceSQLite", "Execution", "Proxy",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(name: "Lint", dependencies: ["Diagnostics", "Expressions", "Workflows"]),
        .target(
            name: "Gates",
            dependencies: [
                "Diagnostics", "Workflows", "Persistence", .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "Execution",
            dependencies: [
                "Diagnostics", "Expressions", "Workflows", "Persistence", "Gates",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .executableTarget(
            name: "CLI",
            dependencies: [
                "Diagnostics", "Expressions", "Workflows", "Execution", "Persistence", "PersistenceSQLite", "Lint", "Gates", "LoadGenerator", "Server", "Proxy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ExpressionsTests", dependencies: ["Expressions"]),
        .testTarget(name: "WorkflowsTests", dependencies: ["Workflows"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ExecutionTests", dependencies: ["Execution", "Workflows"]),
        .testTarget(
            name: "MetricProvidersTests",
            dependencies: [
                "MetricProviders",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ProxyTests",
            dependencies: [
                "Proxy",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "DeliveryTests", dependencies: ["Delivery", "Diagnostics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LintTests", dependencies: ["Lint", "Workflows", "Diagnostics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GatesTests", dependencies: ["Gates", "Persistence", "PersistenceSQLite"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PersistenceSQLiteTests", dependencies: ["PersistenceSQLite", "Persistence"]),
        .testTarget(name: "CLITests", dependencies: ["CLI"], exclude: ["Fixtures"]),
    ]
)
