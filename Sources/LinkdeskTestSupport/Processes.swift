import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a finished process said and how it ended.
public struct Finished: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var seconds: Double
}

/// Runs `program` to its end (killed after `timeout` s, which the caller's expectations then catch).
/// posix_spawn and waitpid rather than Foundation's `Process`, whose `waitUntilExit` can miss the
/// exit of a program that starts daemons (`su … pg_ctl start`) and wait forever.
public func run(_ program: String, _ arguments: [String], environment: [String: String] = [:], timeout: Double = 60) throws -> Finished {
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-run-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let outPath = folder + "/out", errPath = folder + "/err"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let cArgs = ([program] + arguments).map { strdup($0) } + [nil]
    let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
    var child: pid_t = 0
    let started = Date()
    let rc = posix_spawn(&child, program, &actions, nil, cArgs, cEnv)
    guard rc == 0 else { throw PostgresServerError("cannot run \(program): \(String(cString: strerror(rc)))") }
    var status: Int32 = 0
    while true {
        let reaped = waitpid(child, &status, WNOHANG)
        if reaped == child { break }
        if reaped < 0 && errno != EINTR { throw PostgresServerError("waitpid: \(errno)") }
        if Date().timeIntervalSince(started) > timeout { kill(child, SIGKILL) }
        usleep(5_000)
    }
    let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    func text(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    return Finished(status: exited, stdout: text(outPath), stderr: text(errPath), seconds: Date().timeIntervalSince(started))
}

/// A TCP socket bound to 127.0.0.1 on a port the kernel picked (not listening yet): the caller
/// closes `fd`.
public func loopbackSocket() -> (fd: Int32, port: Int) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
}

/// A free TCP port on 127.0.0.1 (bound once to port 0, then released).
public func freePort() -> Int {
    let bound = loopbackSocket()
    close(bound.fd)
    return bound.port
}
