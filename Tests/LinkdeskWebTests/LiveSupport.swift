import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService
import LinkdeskStore
import LinkdeskTestSupport
import Testing

/// A tiny HTTP/1.1 client over a socket (one request per connection), so that hundreds of
/// requests can race from threads without a client library's connection pooling in the way.
enum RawHTTP {
    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    static func send(port: Int, method: String = "GET", path: String, headers: [String: String] = [:], body: String = "",
                     timeout: Int = 30) throws -> Reply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(errno)") }
        defer { close(fd) }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect: errno \(errno)") }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.utf8.count)\r\n" }
        let request = Array((head + "\r\n" + body).utf8)
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure(description: "write: errno \(errno)") }
            sent += n
        }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        // Until the peer closes, or the body its Content-Length announces is in (chromedriver
        // keeps the connection open whatever `Connection: close` asks).
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0 { throw Failure(description: "read: errno \(errno)") }
            if n == 0 { break }
            data += buffer[0..<n]
            if let end = Self.headerEnd(data) {
                let head = String(decoding: data[..<end], as: UTF8.self).lowercased()
                if let line = head.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
                   let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)),
                   data.count >= end + 4 + length {
                    break
                }
            }
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure(description: "no response (\(data.count) bytes)") }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var bodyText = String(text[split.upperBound...])
        if fields["transfer-encoding"]?.lowercased() == "chunked" { bodyText = dechunk(bodyText) }
        return Reply(status: status, headers: fields, body: bodyText)
    }

    static func headerEnd(_ data: [UInt8]) -> Int? {
        guard data.count >= 4 else { return nil }
        for i in 0...(data.count - 4) where data[i] == 13 && data[i + 1] == 10 && data[i + 2] == 13 && data[i + 3] == 10 { return i }
        return nil
    }

    static func dechunk(_ text: String) -> String {
        var rest = Substring(text)
        var out = ""
        while let lineEnd = rest.range(of: "\r\n") {
            guard let size = Int(rest[..<lineEnd.lowerBound].split(separator: ";")[0], radix: 16), size > 0 else { break }
            let start = rest.utf8.index(lineEnd.upperBound, offsetBy: 0)
            let bytes = Array(rest[start...].utf8)
            out += String(decoding: bytes.prefix(size), as: UTF8.self)
            rest = Substring(String(decoding: bytes.dropFirst(size + 2), as: UTF8.self))
        }
        return out
    }

    /// Runs `count` requests at once from threads, released together.
    static func race(_ count: Int, _ request: @escaping @Sendable (Int) -> Result<Reply, Error>) -> [Result<Reply, Error>] {
        final class Box: @unchecked Sendable {
            let lock = NSLock()
            var results: [Result<Reply, Error>?]
            init(_ count: Int) { results = Array(repeating: nil, count: count) }
        }
        let box = Box(count)
        let group = DispatchGroup()
        let gate = DispatchSemaphore(value: 0)
        var threads: [Thread] = []
        for index in 0..<count {
            group.enter()
            let thread = Thread {
                gate.wait()
                let result = request(index)
                box.lock.lock()
                box.results[index] = result
                box.lock.unlock()
                group.leave()
            }
            thread.stackSize = 256 * 1024
            threads.append(thread)
            thread.start()
        }
        for _ in 0..<count { gate.signal() }
        group.wait()
        return box.results.map { $0! }
    }
}

/// A real `linkdesk-serve` on a workspace of its own (the demo pages), at a fixed clock, over
/// either store: a SQLite file of its own, or a PostgreSQL database of its own on the
/// `LINKDESK_TEST_PG` server (team mode, SPEC §6; the case is skipped where there is none).
final class LiveServer: @unchecked Sendable {
    let kind: RuntimeStore
    /// What `--db` says to every process on this server's data: the file's path or the database's URL.
    let db: String
    /// The tests' own connection to that data.
    let store: any LinkStore
    let serve: ServeProcess
    private let sqlite: WebFixture?
    private let postgres: PostgresDatabase?
    var port: Int { serve.port }
    var base: String { serve.base }
    var process: Process { serve.process }
    var output: Pipe { serve.output }

    init(_ kind: RuntimeStore = .sqlite, now: String = "2026-12-07T12:00:00Z", quiet: Bool = true) throws {
        self.kind = kind
        switch kind {
        case .sqlite:
            let fixture = try WebFixture()
            (sqlite, postgres, db, store) = (fixture, nil, fixture.path, fixture.store)
        case .postgres:
            let database = try PostgresDatabase()
            (sqlite, postgres, db, store) = (nil, database, database.url, database.store)
        }
        do {
            serve = try ServeProcess(db: db, now: now, quiet: quiet)
        } catch {
            sqlite?.remove()
            postgres?.remove()
            throw error
        }
    }

    /// The use cases over the server's database, at the server's clock.
    var linkdesk: Linkdesk {
        Linkdesk(store: store, base: (try? BaseURL(base)) ?? .default, time: FixedTime(WebFixture.now))
    }

    /// Another `linkdesk-serve` on the same database, with this one's origin (as behind a load balancer).
    func second() throws -> ServeProcess {
        try ServeProcess(db: db, base: base)
    }

    /// A connection of its own to the database, as a new process opens it.
    func freshStore() throws -> any LinkStore {
        switch kind {
        case .sqlite: try SQLiteStore(path: db)
        case .postgres: try PostgresStore(url: db)
        }
    }

    /// The bookings stored, every status, counted by a fresh connection (on PostgreSQL, plain SQL
    /// on the database `--db` named).
    func storedBookings() async throws -> Int {
        if let postgres { return try postgres.count("SELECT count(*) FROM booking") }
        return try await freshStore().countBookings(BookingQuery())
    }

    func stop() { serve.stop() }

    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func remove() {
        stop()
        sqlite?.remove()
        postgres?.remove()
    }
}

/// The URL-encoded body of a booking form.
func formText(_ fields: [(String, String)]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._")
    return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
}

let formHeaderFields = ["Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"]

/// Salescall555's 15-minute slots from Tuesday 8 December 2026 on (09:00–17:00 New York, weekdays).
func slots(_ count: Int) -> [String] {
    var result: [String] = []
    var day = ISO8601.date("2026-12-08T14:00:00Z")!
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    while result.count < count {
        let weekday = calendar.component(.weekday, from: day)
        if weekday != 1 && weekday != 7 {
            for i in 0..<32 where result.count < count { result.append(ISO8601.string(day.addingTimeInterval(Double(i) * 900))) }
        }
        day = day.addingTimeInterval(86_400)
    }
    return result
}
