import Foundation
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService
import LinkdeskStore
import LinkdeskWeb

// The booking site's program. `linkdesk serve` execs it (so the CLI never links NIO); it takes
// the same options: --host, --port, --base-url, --db (the CLI passes the resolved path, or the
// postgres:// URL as given).

/// One line on stdout, written at once (stdout may be a pipe: nothing waits in a buffer).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String, _ code: Int32) -> Never {
    FileHandle.standardError.write(Data("linkdesk serve: \(message)\n".utf8))
    exit(code)
}

var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst()
var quiet = false
var trustedProxies: [String] = []  // --trusted-proxy, repeatable
while let argument = arguments.popFirst() {
    if argument == "--quiet" { quiet = true; continue }
    if argument == "-h" || argument == "--help" {
        say("usage: linkdesk-serve [--host 127.0.0.1] [--port 8080] [--base-url URL] [--trusted-proxy ADDRESS ...] --db PATH|postgres://… [--quiet]")
        exit(0)
    }
    let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
    guard ["--host", "--port", "--base-url", "--db", "--trusted-proxy"].contains(parts[0]) else { fail("unknown option \(argument)", 2) }
    if parts[0] == "--trusted-proxy" {
        guard let value = parts.count == 2 ? parts[1] : arguments.popFirst() else { fail("--trusted-proxy needs a value", 2) }
        guard ClientAddress.normalized(Substring(value)) != nil else {
            fail("--trusted-proxy takes an IP address (the proxy's, as this server sees it), not \"\(value)\"", 2)
        }
        trustedProxies.append(value)
    } else if parts.count == 2 {
        options[parts[0]] = parts[1]
    } else if let value = arguments.popFirst() {
        options[parts[0]] = value
    } else {
        fail("\(argument) needs a value", 2)
    }
}

let env = ProcessInfo.processInfo.environment
guard let dbPath = options["--db"] ?? env["LINKDESK_DB"], !dbPath.isEmpty else {
    fail("no database: pass --db PATH (linkdesk serve does)", 2)
}
let isPostgres = PostgresStore.handles(dbPath)
guard isPostgres || FileManager.default.fileExists(atPath: dbPath) else {
    fail("no workspace at \(dbPath): run `linkdesk serve` (which creates it) or `linkdesk pages --db \(dbPath)` first", 3)
}
let host = options["--host"] ?? "127.0.0.1"
let explicitBase = options["--base-url"] ?? env["LINKDESK_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
var base: BaseURL
do {
    base = try BaseURL(explicitBase ?? BaseURL.default.text)
} catch {
    fail(error.message, 2)
}
// The port: --port, else the base URL's own (http://localhost:8080 → 8080).
let basePort = base.text.split(separator: ":").last.flatMap { Int($0.split(separator: "/").first ?? "") }
let defaultPort = explicitBase == nil ? 8080 : (basePort ?? (base.text.hasPrefix("https") ? 443 : 80))
let port: Int
if let given = options["--port"] {
    guard let number = Int(given), (0...65535).contains(number) else { fail("--port takes a number from 0 to 65535", 2) }
    port = number
} else {
    port = defaultPort
}
if explicitBase == nil {
    // The links and the served address agree by default.
    let shown = ["127.0.0.1", "0.0.0.0", "::", "::1", "localhost"].contains(host) ? "localhost" : host
    base = try! BaseURL("http://\(shown):\(port)")
}
var time: any TimeSource = SystemTime()
if let fixed = env["LINKDESK_NOW"], !fixed.isEmpty {
    guard let date = ISO8601.date(fixed) else { fail("LINKDESK_NOW is not an ISO 8601 time: \(fixed)", 2) }
    time = FixedTime(date)
}

// A postgres:// URL is the team's PostgreSQL (SPEC §6), opened as the CLI opens it (the same
// one-line errors for a bad URL or a server that can't be reached), with more connections: a
// server has many requests in flight.
let store: any LinkStore
do {
    store = isPostgres ? try PostgresStore(url: dbPath, connections: PostgresStore.serverConnections) : try SQLiteStore(path: dbPath)
} catch let error as StoreError {
    fail(error.message, 3)
} catch {
    fail("\(error)", 3)
}
let linkdesk = Linkdesk(store: store, base: base, time: time)
let requestLog: @Sendable (String) -> Void = { line in
    say(ISO8601.string(Date()) + " " + line)
}
let configuration = WebConfiguration(host: host, port: port, log: quiet ? nil : requestLog, trustedProxies: trustedProxies)
let baseText = base.text
do {
    try await runSite(linkdesk: linkdesk, configuration: configuration, onRunning: { [host, baseText] bound in
        say("linkdesk serve: listening on http://\(host):\(bound), links start with \(baseText) (Ctrl-C stops)")
    })
    say("linkdesk serve: stopped")
} catch let refusal as Refusal {
    fail(refusal.message, 3)
} catch let error as StoreError {
    fail(error.message, 3)
} catch {
    fail("\(error)", 3)
}
