import Foundation
import LinkdeskTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// "Runs anywhere": the release binary (README's install build: Package.swift and the toolset)
/// copied to a folder of its own works with the checkout out of reach — the demo workspace and the
/// buttons gallery come from inside the binary. `.ci/run` builds that binary and names it in
/// LINKDESK_RELEASE_BINARY; elsewhere the test is skipped unless `CI=true`.
///
/// "Out of reach" is a private mount namespace (`unshare -m`, which needs root, as CI has) in which
/// an empty tmpfs covers the checkout and the Swift toolchain: a read of either finds nothing.
@Suite("The release binary, installed elsewhere")
struct InstalledBinaryTests {
    static let variable = "LINKDESK_RELEASE_BINARY"
    static var releaseBinary: String? {
        ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The checkout this file belongs to.
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The toolchain's root (…/usr/bin/swift → …), when it is a folder of its own that can be hidden.
    static var toolchain: String? {
        guard let swift = Tools.path("swift") else { return nil }
        let root = URL(fileURLWithPath: swift).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        return ["/", "/usr", ""].contains(root) ? nil : root
    }

    static var runnable: Bool { (releaseBinary != nil && getuid() == 0) || Tools.onCI }

    @Test("copied to an empty folder, checkout and toolchain hidden: it creates the demo workspace, lists it, opens the console, and linkdesk-serve starts",
          .tools("tmux", "unshare"), .enabled(if: runnable, "needs LINKDESK_RELEASE_BINARY (.ci/run builds it) and root for unshare -m"))
    func runsWithoutTheCheckout() throws {
        try Tools.require("tmux", "unshare")
        let built = try #require(Self.releaseBinary, "\(Self.variable) is not set: .ci/run builds the release binary and sets it")
        try #require(getuid() == 0, "unshare -m needs root (CI runs as root)")
        let workspace = try Workspace()
        defer { workspace.remove() }
        let installed = workspace.file("bin/linkdesk")
        try FileManager.default.createDirectory(atPath: workspace.file("bin"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: workspace.file("empty"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: built, toPath: installed)
        // The server is installed beside it, as README says; it carries its Swift runtime too.
        let server = URL(fileURLWithPath: built).deletingLastPathComponent().appendingPathComponent("linkdesk-serve").path
        try FileManager.default.copyItem(atPath: server, toPath: workspace.file("bin/linkdesk-serve"))

        // The command line every run goes through: hide, go to the empty folder, run the copy.
        let hidden = [Self.checkout] + (Self.toolchain.map { [$0] } ?? [])
        let mounts = hidden.map { "mount -t tmpfs none \(shellQuoted($0))" }.joined(separator: " && ")
        func sealed(_ arguments: [String], program: String? = nil) -> String {
            let line = ([program ?? installed] + arguments).map(shellQuoted).joined(separator: " ")
            let script = "\(mounts) && test ! -e \(shellQuoted(Self.checkout + "/Package.swift")) && cd \(shellQuoted(workspace.file("empty"))) && exec \(line)"
            return "unset LINKDESK_DB LINKDESK_ASSETS; unshare -m /bin/sh -c \(shellQuoted(script))"
        }
        var environment = workspace.environment()
        environment["LINKDESK_DB"] = nil
        environment["LINKDESK_ASSETS"] = nil
        func run(_ arguments: [String], program: String? = nil) throws -> Finished {
            try Processes.run("/bin/sh", ["-c", sealed(arguments, program: program)], environment: .exactly(environment), timeout: 30)
        }

        let pages = try run(["pages"])
        #expect(pages.status == 0, "\(pages)")
        for name in ["Cactus Co Main", "Sales call", "Support desk", "Marketing"] {
            #expect(pages.stdout.contains(name), "the demo's page \(name) is listed: \(pages)")
        }
        let database = workspace.file("home/.local/share/linkdesk/linkdesk.sqlite")
        #expect(FileManager.default.fileExists(atPath: database), "the default database was created at \(database)")
        let buttons = try run(["button", "--list"])
        #expect(buttons.status == 0 && buttons.stdout.contains("Classic") && buttons.stdout.contains("Calendar icon"), "\(buttons)")
        let link = try run(["link", "salescall", "--one-time"])
        #expect(link.status == 0 && link.stdout.contains("/."), "a one-time link from the built-in demo: \(link)")
        // With the toolchain hidden a server linked to the shared Swift runtime would not load.
        let serverHelp = try run(["--help"], program: workspace.file("bin/linkdesk-serve"))
        #expect(serverHelp.status == 0 && serverHelp.stdout.contains("USAGE: linkdesk-serve"), "\(serverHelp)")
        let serverRefusal = try run(["--db", workspace.file("empty/none.sqlite")], program: workspace.file("bin/linkdesk-serve"))
        #expect(serverRefusal.status == 3 && serverRefusal.stderr.hasPrefix("linkdesk serve: no workspace at "), "\(serverRefusal)")

        let tmux = try Tmux(sealed([]) + "; echo exited $? > \(shellQuoted(workspace.file("console.rc")))", workspace: workspace)
        defer { tmux.kill() }
        try tmux.waitFor(text: "Pages", "Cactus Co Main", "Support desk", timeout: 20)
        try tmux.keys("q")
        let status = File.waitFor(workspace.file("console.rc"), timeout: 10)
        #expect(status?.trimmingCharacters(in: .whitespacesAndNewlines) == "exited 0", "the console quits cleanly: \(tmux.currentScreen)")
    }

    /// Start-up (issue 8): SQLite, ncurses and libstdc++ are linked in (Sources/linkdesk/
    /// StaticLibraries), and the executable exports no Swift symbols, so the dynamic loader maps
    /// five small libraries and resolves a few hundred symbols instead of 10 libraries and 16,000.
    @Test("links SQLite, ncurses and libstdc++ statically and exports no Swift symbols",
          .tools("readelf"), .enabled(if: releaseBinary != nil || Tools.onCI, "needs LINKDESK_RELEASE_BINARY (.ci/run builds it)"))
    func startsWithFewSharedLibraries() throws {
        try Tools.require("readelf")
        let readelf = try #require(Tools.path("readelf"))
        let built = try #require(Self.releaseBinary, "\(Self.variable) is not set: .ci/run builds the release binary and sets it")
        let dynamic = try Processes.run(readelf, ["-dW", built], timeout: 30)
        #expect(dynamic.status == 0, "\(dynamic)")
        let needed = dynamic.stdout.split(separator: "\n").filter { $0.contains("(NEEDED)") }
            .compactMap { $0.split(separator: "[").last?.split(separator: "]").first.map(String.init) }
        #expect(!needed.isEmpty, "readelf lists the shared libraries: \(dynamic.stdout)")
        for linkedIn in ["libsqlite3", "libncursesw", "libtinfo", "libstdc++"] {
            #expect(!needed.contains { $0.hasPrefix(linkedIn) }, "\(linkedIn) is linked in, not loaded: \(needed)")
        }
        let symbols = try Processes.run(readelf, ["--dyn-syms", "-W", built], timeout: 30)
        let swiftSymbols = symbols.stdout.split(separator: "\n").filter { $0.contains(" $s") }
        #expect(symbols.status == 0 && swiftSymbols.isEmpty, "no Swift symbol is exported: \(swiftSymbols.prefix(5))")
    }

    /// Start-up: built with `-disable-concrete-type-metadata-mangled-name-accessors`
    /// (Sources/linkdesk/release.toolset.json), linkdesk's and GRDB's code reach a concrete generic type through its
    /// metadata accessor, not by demangling its name at run time; the demangler looked up each
    /// conformance the name needs by scanning every conformance record of the binary (half of
    /// `pages --json`). Each name still demangled has a cache variable whose symbol ends in `MD`.
    @Test("linkdesk's and GRDB's code look up no type metadata by mangled name",
          .tools("nm"), .enabled(if: releaseBinary != nil || Tools.onCI, "needs LINKDESK_RELEASE_BINARY (.ci/run builds it)"))
    func noMetadataByMangledName() throws {
        try Tools.require("nm")
        let nm = try #require(Tools.path("nm"))
        let built = try #require(Self.releaseBinary, "\(Self.variable) is not set: .ci/run builds the release binary and sets it")
        let listed = try Processes.run(nm, [built], timeout: 60)
        #expect(listed.status == 0, "\(listed.stderr)")
        let caches = listed.stdout.split(separator: "\n").filter { $0.hasSuffix("MD") }
        #expect(!caches.isEmpty, "the prebuilt standard library and Foundation still demangle: nm lists their caches")
        let ours = caches.filter { $0.contains("4GRDB") || $0.contains("Linkdesk") }
        #expect(ours.isEmpty, "\(ours.count) demangling caches in linkdesk's or GRDB's code, e.g. \(ours.prefix(3))")
    }
}
