import Foundation

/// Running the external programs these tests use (zbarimg, sqlite3). Whether they are
/// installed is LinkdeskTestSupport's `Tools`: a test that needs one carries `.tools("zbarimg")`
/// (skipped where it is missing, failing when CI=true) and gets its path from `Tools.require`.
enum RequiredTool {
    /// Runs a tool to completion: (exit status, stdout). stderr is dropped (zbarimg chats there).
    static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, out: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
