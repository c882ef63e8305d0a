import Foundation

/// What one run of the binary did.
struct RunResult: Sendable, CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String
    let timedOut: Bool
    let seconds: Double

    var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
    var stdoutTrimmed: String { stdout.trimmingCharacters(in: .whitespacesAndNewlines) }

    var description: String {
        "exit \(status)\(timedOut ? " (timed out)" : "") after \(String(format: "%.2f", seconds)) s\n"
            + "--- stdout:\n\(stdout)--- stderr:\n\(stderr)---"
    }
}

struct BinaryNotFound: Error, CustomStringConvertible {
    let searched: [String]
    var description: String {
        "the linkdesk binary was not found next to the test bundle; build it first "
            + "(swift build --build-tests) or set LINKDESK_TEST_BINARY. Searched: " + searched.joined(separator: ", ")
    }
}

/// The `linkdesk` executable of the same build as this test bundle.
///
/// SwiftPM puts the test bundle (`linkdeskPackageTests.xctest`, a file on Linux, a bundle
/// directory on macOS) in the products directory beside the `linkdesk` executable, so the binary
/// is looked for in the directories enclosing the running test (argv[0], Bundle.main, and every
/// loaded bundle), never by guessing a scratch path.
enum Binary {
    static let located: Result<URL, BinaryNotFound> = locate()

    static func url() throws -> URL {
        try located.get()
    }

    private static func locate() -> Result<URL, BinaryNotFound> {
        let fm = FileManager.default
        if let override = ProcessInfo.processInfo.environment["LINKDESK_TEST_BINARY"], !override.isEmpty {
            return fm.isExecutableFile(atPath: override) ? .success(URL(fileURLWithPath: override))
                : .failure(BinaryNotFound(searched: [override]))
        }
        var starts: [URL] = [URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath(),
                             Bundle.main.bundleURL, Bundle.main.executableURL ?? Bundle.main.bundleURL]
        starts += Bundle.allBundles.map(\.bundleURL)
        var searched: [String] = []
        for start in starts {
            var dir = start.deletingLastPathComponent()
            if (try? dir.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true { continue }
            // Walk up a few levels: covers `<products>/X.xctest` and `<products>/X.xctest/Contents/MacOS/X`.
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("linkdesk")
                searched.append(candidate.path)
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   fm.isExecutableFile(atPath: candidate.path) {
                    return .success(candidate)
                }
                dir.deleteLastPathComponent()
            }
        }
        return .failure(BinaryNotFound(searched: Array(Set(searched)).sorted()))
    }

    /// The checkout this test file belongs to: its Assets/ holds the demo workspace.
    static let assetsFolder: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Assets").path
}

/// A started process whose stdout and stderr are drained on background threads from the start,
/// so a chatty child can never block on a full pipe while we wait for it.
final class Running: @unchecked Sendable {
    private let process: Process
    private let started: Date
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    init(executable: URL, arguments: [String], environment: [String: String]) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        started = Date()
        try process.run()
        drain(outPipe.fileHandleForReading) { self.out = $0 }
        drain(errPipe.fileHandleForReading) { self.err = $0 }
    }

    private func drain(_ handle: FileHandle, into store: @escaping @Sendable (Data) -> Void) {
        group.enter()
        Thread.detachNewThread { [self] in
            let data = handle.readDataToEndOfFile()
            lock.lock()
            store(data)
            lock.unlock()
            group.leave()
        }
    }

    /// Waits for the process (killing it after `timeout` seconds) and returns what it did.
    func finish(timeout: TimeInterval = 30) -> RunResult {
        var timedOut = false
        if group.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            _ = group.wait(timeout: .now() + 5)
        }
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(2_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        lock.lock()
        defer { lock.unlock() }
        return RunResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                         stderr: String(decoding: err, as: UTF8.self), timedOut: timedOut,
                         seconds: Date().timeIntervalSince(started))
    }
}
