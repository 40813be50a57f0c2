// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "PocDojoKit",
    defaultLocalization: "en",
    platforms: [.iOS(.v17), .macOS(.v14)],
    products: [
        .library(name: "PocDojoKit", targets: ["PocDojoKit"]),
    ],
    dependencies: [
        // Automerge's Rust core as an XCFramework: Apple platforms only (docs/protocol.md §6).
        .package(url: "https://github.com/automerge/automerge-swift.git", from: "0.6.1"),
    ],
    targets: [
        .target(
            name: "PocDojoKit",
            dependencies: [.product(name: "Automerge", package: "automerge-swift")]
        ),
        .testTarget(
            name: "PocDojoKitTests",
            dependencies: ["PocDojoKit", .product(name: "Automerge", package: "automerge-swift")]
        ),
    ]
)
