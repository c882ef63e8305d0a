import Foundation

/// An executable of this package that is not where the tests look for it.
public struct ProductNotFound: Error, CustomStringConvertible {
    public let name: String
    public let searched: [String]

    public var description: String {
        let override = name == "linkdesk" ? " (or set \(Products.overrideVariable) to a linkdesk binary)" : ""
        return "the \(name) executable was not found next to the test bundle: it is built with the tests, "
            + "run swift build --build-tests first\(override). Searched: " + searched.joined(separator: ", ")
    }
}

/// The executables of the same build as the running tests (`linkdesk`, `linkdesk-serve`).
///
/// SwiftPM puts the test bundle (`<products>/linkdeskPackageTests.xctest`: a file on Linux, a
/// bundle on macOS) in the products directory beside them, so they are looked for in the folders
/// enclosing the running test (/proc/self/exe, argv[0], Bundle.main and every loaded bundle, up
/// to 4 folders up), never at a guessed scratch path. `LINKDESK_TEST_BINARY` names another
/// `linkdesk` to test instead.
public enum Products {
    /// The environment variable naming the `linkdesk` binary to test.
    public static let overrideVariable = "LINKDESK_TEST_BINARY"

    /// The absolute path of the executable `name`.
    public static func path(_ name: String) throws -> String {
        if let found = cache.get(name) { return found }
        let found = try locate(name).get()
        cache.set(name, found)
        return found
    }

    private static func locate(_ name: String) -> Result<String, ProductNotFound> {
        let fm = FileManager.default
        if name == "linkdesk", let override = ProcessInfo.processInfo.environment[overrideVariable], !override.isEmpty {
            return fm.isExecutableFile(atPath: override) ? .success(override)
                : .failure(ProductNotFound(name: name, searched: [override + " (\(overrideVariable))"]))
        }
        var starts: [URL] = []
        #if os(Linux)
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") { starts.append(URL(fileURLWithPath: exe)) }
        #endif
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath())
        starts.append(Bundle.main.bundleURL)
        if let executable = Bundle.main.executableURL { starts.append(executable) }
        starts += Bundle.allBundles.map(\.bundleURL)
        var searched: [String] = []
        for start in starts {
            var folder = start.deletingLastPathComponent()
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else { continue }
            // <products>/X.xctest (Linux) or <products>/X.xctest/Contents/MacOS/X (macOS).
            for _ in 0..<4 {
                let candidate = folder.appendingPathComponent(name).path
                if !searched.contains(candidate) { searched.append(candidate) }
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                   fm.isExecutableFile(atPath: candidate) {
                    return .success(candidate)
                }
                folder.deleteLastPathComponent()
            }
        }
        return .failure(ProductNotFound(name: name, searched: searched))
    }

    /// Paths found so far, by name.
    private static let cache = Cache()

    fileprivate final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String: String] = [:]

        func get(_ name: String) -> String? {
            lock.lock()
            defer { lock.unlock() }
            return paths[name]
        }

        func set(_ name: String, _ path: String) {
            lock.lock()
            defer { lock.unlock() }
            paths[name] = path
        }
    }
}
