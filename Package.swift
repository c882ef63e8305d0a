// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "linkdesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "linkdesk", targets: ["linkdesk"]),
        .executable(name: "linkdesk-serve", targets: ["linkdesk-serve"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        // CSV decoding for `linkdesk batch` (see Sources/LinkdeskCLI/CSVRecords.swift).
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        // The workspace file (`linkdesk workspace export/apply`): YAML whose composed nodes carry
        // line and column, so errors found in the model are placed in the file (see WorkspaceFile.swift).
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        // The booking site (`linkdesk serve`): only LinkdeskWeb and linkdesk-serve link these, so
        // the CLI's start-up never pays for NIO's conformance records.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
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
            // SQLite's C API as GRDB links it, for the booking site's per-request stamp (SQLiteStore+Reads.swift).
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // libpq's header (PostgreSQL's C client); not linked but loaded on first use, see Sources/CLibpq/shim.h.
        .systemLibrary(name: "CLibpq", path: "Sources/CLibpq", providers: [.apt(["libpq-dev"])]),
        // libcurl's header (its SMTP client sends the booking emails); not linked but loaded on first use, see Sources/CCurl/shim.h.
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "LinkdeskMail", dependencies: ["LinkdeskCore", "CCurl"]),
        // libical's header (the iCalendar reference implementation: parsing and recurrence
        // expansion of staff calendars); not linked but loaded on first use, see Sources/CLibical/shim.h.
        .systemLibrary(name: "CLibical", path: "Sources/CLibical", providers: [.apt(["libical-dev"])]),
        // Staff calendars read over the network (CalDAV, ICS feeds) with libcurl, expanded with libical.
        .target(name: "LinkdeskCalendars", dependencies: ["LinkdeskCore", "LinkdeskService", "LinkdeskMail", "CCurl", "CLibical"]),
        // PostgreSQL store (team mode, SPEC §6) implementing `LinkStore`, over libpq.
        .target(name: "LinkdeskPostgres", dependencies: ["LinkdeskCore", "LinkdeskService", "CLibpq"]),
        // Assets/ built into the binary (demo workspace, buttons gallery), so an installed binary
        // never reads the checkout; LINKDESK_ASSETS may still point at a folder instead.
        .target(name: "LinkdeskAssets", plugins: ["EmbedAssets"]),
        .plugin(name: "EmbedAssets", capability: .buildTool(), dependencies: ["embed-assets"], path: "Sources/EmbedAssets"),
        .executableTarget(name: "embed-assets"),
        // The composition root of both programs: options and environment → store, clock, base URL.
        .target(name: "LinkdeskComposition", dependencies: ["LinkdeskCore", "LinkdeskService", "LinkdeskStore", "LinkdeskPostgres",
                                                           "LinkdeskMail"]),
        // Command line (swift-argument-parser), kept in a library so the executable stays a shim.
        .target(name: "LinkdeskCLI", dependencies: [
            "LinkdeskCore", "LinkdeskService", "LinkdeskStore", "LinkdeskPostgres", "LinkdeskComposition", "LinkdeskClipboard", "LinkdeskShare", "LinkdeskTerminal", "LinkdeskConsole",
            "LinkdeskAssets", "LinkdeskMail", "LinkdeskCalendars",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            "LinkdeskQR", .product(name: "CSV", package: "CSV.swift"), .product(name: "Yams", package: "Yams"),
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
        // Start-up: the C libraries linked statically through the linker scripts in
        // StaticLibraries/ (libstdc++ too in release, StaticCXX/), and none of the executable's
        // 16,000 Swift symbols exported to the dynamic loader. See StaticLibraries/README.md and
        // the StartupDecisions article: `swift build -c release` alone builds it as it ships.
        .executableTarget(name: "linkdesk", dependencies: ["LinkdeskCLI"],
                          exclude: ["StaticLibraries", "StaticCXX", "release.toolset.json"],
                          linkerSettings: [
                              .unsafeFlags(["-L\(Context.packageDirectory)/Sources/linkdesk/StaticLibraries",
                                            "-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux])),
                              // No PIE: 97,000 start-up relocations gone; needs the static runtime.
                              .unsafeFlags(["-L\(Context.packageDirectory)/Sources/linkdesk/StaticCXX",
                                            "-static-stdlib", "-Xlinker", "-no-pie"],
                                           .when(platforms: [.linux], configuration: .release)),
                          ]),
        .executableTarget(name: "linkdesk-bench", dependencies: [], exclude: ["README.md"]),
        // The booking site (SPEC §5): Hummingbird routes over the use cases, HTML rendering with
        // escaping everywhere, security headers, rate limiting. No GRDB, no CLI.
        .target(name: "LinkdeskWeb", dependencies: [
            "LinkdeskCore", "LinkdeskService",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // `linkdesk serve` execs this sibling binary, so only it links NIO/Hummingbird.
        // It faces the network, so it stays a PIE (address-space randomisation); it gets the
        // static Swift runtime so that the copied binary runs where Swift is not installed.
        .executableTarget(name: "linkdesk-serve", dependencies: ["LinkdeskWeb", "LinkdeskService", "LinkdeskStore", "LinkdeskPostgres", "LinkdeskCore",
                                                                 "LinkdeskComposition", "LinkdeskMail", "LinkdeskCalendars",
                                                                 .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]),
        // Test support, used only by test targets: the golden-screen check and tool gating.
        .target(name: "LinkdeskTestSupport", dependencies: ["LinkdeskTerminal"]),
        .testTarget(name: "LinkdeskCoreTests", dependencies: [
            "LinkdeskCore", "LinkdeskTestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "LinkdeskStoreTests", dependencies: ["LinkdeskCore", "LinkdeskService", "LinkdeskStore", "LinkdeskPostgres",
                                                                "LinkdeskTestSupport"]),
        .testTarget(name: "LinkdeskMailTests", dependencies: ["LinkdeskMail", "LinkdeskCore", "LinkdeskService", "LinkdeskTestSupport"]),
        // Staff calendars against real servers: Radicale (CalDAV) and an HTTP feed, compared with
        // python3-recurring-ical-events (CI=true: required).
        .testTarget(name: "LinkdeskCalendarsTests", dependencies: ["LinkdeskCalendars", "LinkdeskCore", "LinkdeskService",
                                                                   "LinkdeskStore", "LinkdeskPostgres", "LinkdeskTestSupport"]),
        .testTarget(name: "LinkdeskTerminalTests", dependencies: ["LinkdeskTerminal", "LinkdeskTestSupport"]),
        .testTarget(name: "LinkdeskShareTests", dependencies: ["LinkdeskShare", "LinkdeskCore", "LinkdeskTerminal", "LinkdeskQR", "LinkdeskTestSupport"]),
        // Drives the real binary in tmux (and xclip under Xvfb); needs tmux, xclip, Xvfb (CI=true: required).
        .testTarget(name: "LinkdeskE2ETests", dependencies: ["LinkdeskCore", "LinkdeskTestSupport"]),
        .testTarget(name: "LinkdeskConsoleTests", dependencies: ["LinkdeskConsole", "LinkdeskShare", "LinkdeskCore", "LinkdeskTerminal", "LinkdeskQR", "LinkdeskTestSupport"]),
        // The console's loop as the CLI runs it, over a real store, through TestBackend (no tmux).
        // The console's loop over a real store; web bookings reach it through the site's router.
        .testTarget(name: "LinkdeskRuntimeTests", dependencies: ["LinkdeskCLI", "LinkdeskConsole", "LinkdeskCore", "LinkdeskService",
                                                                 "LinkdeskStore", "LinkdeskPostgres", "LinkdeskTerminal", "LinkdeskWeb",
                                                                 "LinkdeskTestSupport",
                                                                 .product(name: "HummingbirdTesting", package: "hummingbird")]),
        // Router-level tests (HummingbirdTesting), and tests against a real linkdesk-serve: races
        // over HTTP, kill -9, and headless Chromium through chromedriver (CI=true: required).
        .testTarget(name: "LinkdeskWebTests", dependencies: [
            "LinkdeskWeb", "LinkdeskService", "LinkdeskStore", "LinkdeskPostgres", "LinkdeskCore", "LinkdeskTestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "LinkdeskCLITests", dependencies: ["LinkdeskCore", "LinkdeskService", "LinkdeskStore", "LinkdeskPostgres", "LinkdeskQR",
                                                              "LinkdeskTestSupport", "LinkdeskAssets"]),
    ]
)

// What the two shipped programs link, in release builds on Linux: `-static-stdlib` when
// compiling too, as `--static-swift-stdlib` does, so that the static Foundation's modules name
// the libraries it needs (CoreFoundation, ICU…) for the programs' static link. Not the build
// tools, the benchmark nor the test support, which link the shared runtime (Testing has no
// static one). The one compiler option that must reach GRDB too is in
// Sources/linkdesk/release.toolset.json (the StartupDecisions article).
let sharedRuntime: Set<String> = ["embed-assets", "linkdesk-bench", "LinkdeskTestSupport"]
for target in package.targets where (target.type == .regular || target.type == .executable) && !sharedRuntime.contains(target.name) {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release)),
    ]
}
