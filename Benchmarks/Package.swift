// swift-tools-version: 6.1
import PackageDescription

// The package-benchmark suite: a package of its own, so that building and testing Backstop never
// builds the benchmark library, its plugins or its malloc interposer.
let package = Package(
    name: "BackstopBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Backstop", path: ".."),
        // The malloc interposer counts allocations without jemalloc; the default traits would also
        // pull in a runtime interposer for retain and release counts, which this suite does not measure.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BackstopBenchmarkSupport",
            dependencies: [.product(name: "Benchmark", package: "benchmark")]
        ),
        benchmark("OrderFlow", using: ["BackstopSimulation"]),
        benchmark("MarkTick", using: ["BackstopCore", "BackstopEngine", "BackstopSimulation"]),
        benchmark("ADL", using: ["BackstopCore", "BackstopEngine", "BackstopSimulation"]),
        benchmark("Simulate", using: ["BackstopSimulation"]),
    ]
)

/// A benchmark executable in `Benchmarks/<name>/`, which `swift package benchmark` finds and runs.
func benchmark(_ name: String, using modules: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            "BackstopBenchmarkSupport",
            .product(name: "Benchmark", package: "benchmark"),
        ] + modules.map { .product(name: $0, package: "Backstop") },
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}
