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
}
