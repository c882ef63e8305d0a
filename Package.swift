// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "linkdesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "linkdesk", targets: ["linkdesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        // CSV decoding for `linkdesk batch` (see Sources/LinkdeskCLI/CSVRecords.swift).
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
    ],
    targets: [
        // Pure domain: no terminal, database or network. Clock and randomness are injected.
        .target(name: "LinkdeskCore", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Use cases above the store: every action owned once (rules from Core), and the async
        // `LinkStore` persistence protocol they use. No database, terminal or network.
        .target(name: "LinkdeskService", dependencies: ["LinkdeskCore"]),
        // SQLite store (GRDB) implementing `LinkStore`.
        .target(name: "LinkdeskStore", dependencies: [
            "LinkdeskCore", "LinkdeskService",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // libpq's header (PostgreSQL's C client); not linked but loaded on first use, see Sources/CLibpq/shim.h.
        .systemLibrary(name: "CLibpq", path: "Sources/CLibpq", providers: [.apt(["libpq-dev"])]),
        // PostgreSQL store (team mode, SPEC §6) implementing `LinkStore`, over libpq.
        .target(name: "LinkdeskPostgres", dependencies: ["LinkdeskCore", "LinkdeskService", "CLibpq"]),
        // Command line (swift-argument-parser), kept in a library so the executable stays a shim.
        .target(name: "LinkdeskCLI", dependencies: [
            "LinkdeskCore", "LinkdeskService", "LinkdeskStore", "LinkdeskPostgres", "LinkdeskClipboard", "LinkdeskShare", "LinkdeskTerminal", "LinkdeskConsole",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            "LinkdeskQR", .product(name: "CSV", package: "CSV.swift"),
        ]),
        // ncursesw (wide characters); see Sources/CNcursesw/shim.h for the macros Swift can't import.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // Terminal layer: cell buffer with display widths, sanitising, key bindings (pure), and an
        // ncurses backend that only shows a buffer and reads keys.
        .target(name: "LinkdeskTerminal", dependencies: ["CNcursesw"]),
        // The Share pop-up as a pure screen: state value, key → update, render into a buffer.
        .target(name: "LinkdeskShare", dependencies: ["LinkdeskCore", "LinkdeskTerminal", "LinkdeskQR"]),
        // The console (SPEC §2.2–2.7): views as values over a data snapshot the runner loads.
        .target(name: "LinkdeskConsole", dependencies: ["LinkdeskCore", "LinkdeskTerminal", "LinkdeskShare", "LinkdeskQR"]),
        // libqrencode (QR Code encoder) and the QR renderings: terminal half blocks, PNG.
        .systemLibrary(name: "CQRencode", path: "Sources/CQRencode", providers: [.apt(["libqrencode-dev"]), .brew(["qrencode"])]),
        .target(name: "LinkdeskQR", dependencies: ["CQRencode"]),
        // Clipboard helpers (xclip, xsel, wl-copy, pbcopy, tmux) and OSC 52.
        .target(name: "LinkdeskClipboard"),
        .executableTarget(name: "linkdesk", dependencies: ["LinkdeskCLI"]),
        .executableTarget(name: "linkdesk-bench", dependencies: []),
        // Test support, used only by test targets: the golden-screen check and tool gating.
        .target(name: "LinkdeskTestSupport", dependencies: ["LinkdeskTerminal"]),
        .testTarget(name: "LinkdeskCoreTests", dependencies: [
            "LinkdeskCore",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "LinkdeskStoreTests", dependencies: ["LinkdeskCore", "LinkdeskService", "LinkdeskStore", "LinkdeskPostgres"]),
        .testTarget(name: "LinkdeskTerminalTests", dependencies: ["LinkdeskTerminal", "LinkdeskTestSupport"]),
        .testTarget(name: "LinkdeskShareTests", dependencies: ["LinkdeskShare", "LinkdeskCore", "LinkdeskTerminal", "LinkdeskQR", "LinkdeskTestSupport"]),
        // Drives the real binary in tmux (and xclip under Xvfb); needs tmux, xclip, Xvfb (CI=true: required).
        .testTarget(name: "LinkdeskE2ETests", dependencies: ["LinkdeskCore", "LinkdeskTestSupport"]),
        .testTarget(name: "LinkdeskConsoleTests", dependencies: ["LinkdeskConsole", "LinkdeskShare", "LinkdeskCore", "LinkdeskTerminal", "LinkdeskQR", "LinkdeskTestSupport"]),
        // The console's loop as the CLI runs it, over a real store, through TestBackend (no tmux).
        .testTarget(name: "LinkdeskRuntimeTests", dependencies: ["LinkdeskCLI", "LinkdeskConsole", "LinkdeskCore", "LinkdeskService",
                                                                 "LinkdeskStore", "LinkdeskTerminal"]),
        .testTarget(name: "LinkdeskCLITests", dependencies: ["LinkdeskCore", "LinkdeskService", "LinkdeskStore", "LinkdeskQR", "LinkdeskTestSupport"]),
    ]
)
