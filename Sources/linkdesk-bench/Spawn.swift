import Foundation

/// Runs a program to completion and returns its wall time in milliseconds and its stdout.
/// Both sides of a comparison go through this same function, so its own cost cancels out.
func timed(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) -> (ms: Double, out: String, status: Int32) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    let start = DispatchTime.now().uptimeNanoseconds
    do { try process.run() } catch {
        FileHandle.standardError.write(Data("linkdesk-bench: cannot run \(executable): \(error)\n".utf8))
        exit(2)
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    return (ms, String(decoding: data, as: UTF8.self), process.terminationStatus)
}

func which(_ program: String) -> String? {
    (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        .map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// The linkdesk binary built next to this one.
func siblingBinary(_ name: String) -> String {
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    return me.deletingLastPathComponent().appendingPathComponent(name).path
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func fmt(_ value: Double) -> String { String(format: "%.2f", value) }
