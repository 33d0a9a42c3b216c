// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ebauth",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ebauth", targets: ["ebauth"]),
        // Libraries so that development packages can mount a service on the real server.
        .library(name: "EbauthCore", targets: ["HTTPServer", "Storage", "AWSCore", "Server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .target(name: "CSystemShims"),
        // Small text algorithms (glob, hex, percent-decoding) shared by every layer: no dependencies.
        .target(name: "TextAlgorithms"),
        .target(
            name: "HTTPServer",
            dependencies: ["CSystemShims", "TextAlgorithms", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "Storage",
            dependencies: ["CSQLite", "TextAlgorithms", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "AWSCore",
            dependencies: [
                "HTTPServer", "Storage", "CSystemShims", "TextAlgorithms",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "KMS",
            dependencies: ["AWSCore", "Storage", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "SSM",
            dependencies: ["AWSCore", "Storage", "KMS", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "SecretsManager",
            dependencies: ["AWSCore", "Storage", "KMS", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "IAM",
            dependencies: [
                "AWSCore", "Storage", "HTTPServer", "TextAlgorithms",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "S3",
            dependencies: [
                "AWSCore", "Storage", "HTTPServer", "IAM", "TextAlgorithms",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "CCrypt", linkerSettings: [.linkedLibrary("crypt")]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Beanstalk", dependencies: ["CZlib", "TextAlgorithms", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "Registry",
            dependencies: [
                "CCrypt", "AWSCore", "Storage", "HTTPServer", "TextAlgorithms",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ECR",
            dependencies: [
                "AWSCore", "Storage", "HTTPServer", "Registry", "IAM", "TextAlgorithms",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Replay",
            dependencies: [
                "Beanstalk", "Server", "Registry", "AWSCore", "HTTPServer", "Storage", "CSystemShims",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Server",
            dependencies: [
                "HTTPServer", "Storage", "AWSCore", "IAM", "KMS", "SSM", "SecretsManager", "S3", "Registry", "ECR",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "ebauth",
            dependencies: [
                "Server", "HTTPServer", "AWSCore", "Replay",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "ebauth-bench",
            dependencies: ["AWSCore", "HTTPServer", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // libFuzzer targets for the parsers (Fuzz/README.md). A plain build makes a corpus replayer;
        // scripts/fuzz.sh rebuilds it with -sanitize=fuzzer,address -DFUZZING in .build-fuzz.
        .executableTarget(
            name: "ebauth-fuzz",
            dependencies: [
                "HTTPServer", "AWSCore", "S3", "Registry", "Beanstalk",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Fuzz/Sources/ebauth-fuzz"
        ),
        // Shared by the test targets only (never a product): clock, authorizer, error checks, and
        // TestApp, which runs one test against the in-process server and the live binary.
        .target(
            name: "TestSupport",
            dependencies: [
                "AWSCore", "HTTPServer", "Storage", "Server", .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "TextAlgorithmsTests", dependencies: ["TextAlgorithms"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage"]),
        .testTarget(name: "AWSCoreTests", dependencies: ["AWSCore", "HTTPServer"]),
        .testTarget(
            name: "SSMTests",
            dependencies: [
                "SSM", "KMS", "AWSCore", "Storage", "HTTPServer", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "IAMTests",
            dependencies: [
                "IAM", "AWSCore", "Storage", "HTTPServer", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "RegistryTests",
            dependencies: [
                "Registry", "Server", "AWSCore", "HTTPServer", "Storage", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "S3Tests",
            dependencies: [
                "S3", "AWSCore", "Storage", "HTTPServer", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "ECRTests",
            dependencies: [
                "ECR", "Registry", "Server", "AWSCore", "HTTPServer", "Storage", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SecretsManagerTests", dependencies: ["SecretsManager", "KMS", "AWSCore", "Storage", "TestSupport"]
        ),
        .testTarget(
            name: "KMSTests",
            dependencies: [
                "KMS", "SSM", "SecretsManager", "Server", "AWSCore", "Storage", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(name: "ReplayTests", dependencies: ["Replay", "Beanstalk", "Registry"]),
        .testTarget(name: "BeanstalkTests", dependencies: ["Beanstalk", "CZlib"]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "AWSCore", "HTTPServer", "Storage", "TestSupport"]),
    ]
)
