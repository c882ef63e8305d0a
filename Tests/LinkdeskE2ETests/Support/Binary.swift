import Foundation
import Testing

struct BinaryNotFound: Error, CustomStringConvertible {
    let searched: [String]
    var description: String {
        "the linkdesk executable was not found next to the test bundle (it is built with the tests: "
            + "swift build --build-tests, or set LINKDESK_TEST_BINARY). Searched: " + searched.joined(separator: ", ")
    }
}

/// The `linkdesk` executable of the same build as this test bundle: SwiftPM puts the test
/// bundle (`<products>/linkdeskPackageTests.xctest`: a file on Linux, a bundle on macOS) in the
/// products directory beside it. Never a guessed scratch path.
enum Binary {
    static let located: Result<String, BinaryNotFound> = locate()

    static func path() throws -> String {
        try located.get()
    }

    private static func locate() -> Result<String, BinaryNotFound> {
        let fm = FileManager.default
        if let override = ProcessInfo.processInfo.environment["LINKDESK_TEST_BINARY"], !override.isEmpty {
            return fm.isExecutableFile(atPath: override) ? .success(override) : .failure(BinaryNotFound(searched: [override]))
        }
        var starts: [URL] = []
        #if os(Linux)
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") { starts.append(URL(fileURLWithPath: exe)) }
        #endif
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath())
        starts += Bundle.allBundles.map(\.bundleURL)
        var searched: [String] = []
        for start in starts {
            var folder = start.deletingLastPathComponent()
            // <products>/X.xctest (Linux) or <products>/X.xctest/Contents/MacOS/X (macOS).
            for _ in 0..<4 {
                let candidate = folder.appendingPathComponent("linkdesk").path
                if !searched.contains(candidate) { searched.append(candidate) }
                var isFolder: ObjCBool = false
                if fm.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue,
                   fm.isExecutableFile(atPath: candidate) {
                    return .success(candidate)
                }
                folder.deleteLastPathComponent()
            }
        }
        return .failure(BinaryNotFound(searched: searched))
    }

    /// Assets/ of the checkout this file belongs to (the demo workspace).
    static let assetsFolder: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Assets").path
}

/// External programs the tests drive. Missing ones fail the test when CI=true (CI installs
/// them), and skip it with a printed reason elsewhere.
enum Tools {
    static let searchPath = ProcessInfo.processInfo.environment["PATH"].flatMap { $0.isEmpty ? nil : $0 }
        ?? "/usr/local/bin:/usr/bin:/bin"

    static func path(_ name: String) -> String? {
        for folder in searchPath.split(separator: ":") + ["/usr/bin", "/bin", "/usr/local/bin"] {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static var onCI: Bool {
        ProcessInfo.processInfo.environment["CI"]?.lowercased() == "true"
    }

    /// True when every tool is installed. Otherwise records a failure (CI=true) or prints why
    /// the test is skipped, and returns false: the caller returns.
    static func require(_ names: String..., for test: String = #function,
                        sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let missing = names.filter { path($0) == nil }
        guard !missing.isEmpty else { return true }
        let list = missing.joined(separator: ", ")
        if onCI {
            Issue.record("\(list) not installed; required when CI=true (apt-get install tmux xclip xsel xvfb)",
                         sourceLocation: sourceLocation)
        } else {
            print("linkdesk e2e: skipping \(test): \(list) not installed (CI=true would make this a failure)")
        }
        return false
    }
}
