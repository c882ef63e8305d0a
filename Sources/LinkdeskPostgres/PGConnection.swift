import CLibpq
import Foundation

/// A failure reported by libpq or by the server, with what the store needs to tell them apart.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// The five-character SQLSTATE, when the server sent one (e.g. "23P01").
    public let sqlState: String?
    /// The server's primary message, or libpq's first line.
    public let message: String
    /// The constraint a violation named, if any (e.g. "booking_no_overlap").
    public let constraint: String?
    /// True when the connection is gone (the server closed it, restarted, or can't be reached).
    public let connectionLost: Bool

    public var description: String { sqlState.map { "\(message) (SQLSTATE \($0))" } ?? message }
}

/// A value bound to a `$n` parameter. Numbers, booleans and times go over in libpq's binary
/// format (exact: a time is an int64 of microseconds, as the server keeps it); text in text format.
struct PGValue {
    enum Format { case text, binary }
    let type: Oid
    let bytes: [UInt8]
    let format: Format

    static func text(_ s: String) -> PGValue { PGValue(type: 0, bytes: Array(s.utf8), format: .text) }
    static func int(_ i: Int64) -> PGValue { PGValue(type: PGType.int8, bytes: bigEndian(UInt64(bitPattern: i)), format: .binary) }
    static func int(_ i: Int) -> PGValue { int(Int64(i)) }
    static func bool(_ b: Bool) -> PGValue { PGValue(type: PGType.bool, bytes: [b ? 1 : 0], format: .binary) }
    static func date(_ d: Date) -> PGValue {
        PGValue(type: PGType.timestamptz, bytes: bigEndian(UInt64(bitPattern: PGType.microseconds(d))), format: .binary)
    }

    private static func bigEndian(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> (56 - 8 * $0)) } }
}

/// Builds parameter lists: `[.of("x"), .of(3), nil]`.
protocol PGBindable { var pgValue: PGValue { get } }
extension String: PGBindable { var pgValue: PGValue { .text(self) } }
extension Int: PGBindable { var pgValue: PGValue { .int(self) } }
extension Int64: PGBindable { var pgValue: PGValue { .int(self) } }
extension Bool: PGBindable { var pgValue: PGValue { .bool(self) } }
extension Date: PGBindable { var pgValue: PGValue { .date(self) } }

/// The type OIDs the store binds and reads (pg_type.h), and the timestamp epoch.
enum PGType {
    static let bool: Oid = 16, int8: Oid = 20, int2: Oid = 21, int4: Oid = 23, text: Oid = 25, json: Oid = 114
    static let float8: Oid = 701, varchar: Oid = 1043, timestamptz: Oid = 1184, timestamp: Oid = 1114, jsonb: Oid = 3802
    static let name: Oid = 19, unknown: Oid = 705

    /// Microseconds between the Unix epoch and PostgreSQL's (2000-01-01 UTC).
    static let epochOffset: Int64 = 946_684_800_000_000

    /// A time as the server stores it: whole microseconds since 2000-01-01 UTC.
    static func microseconds(_ d: Date) -> Int64 { Int64((d.timeIntervalSince1970 * 1_000_000).rounded()) - epochOffset }

    /// The nearest `Date` to the stored microsecond: a time with at most six decimals (every
    /// time linkdesk makes) reads back equal to the one written.
    static func date(microseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(microseconds + epochOffset) / 1_000_000) }
}

/// One result, read in binary format, freed when released. Cells are decoded by the column's type.
final class PGResult {
    let raw: OpaquePointer
    let rowCount: Int
    private var columns: [String: Int32] = [:]

    init(_ raw: OpaquePointer) {
        self.raw = raw
        rowCount = Int(pq.PQntuples(raw))
        for i in 0..<pq.PQnfields(raw) { columns[pq.PQfname(raw, i).map { String(cString: $0) } ?? ""] = i }
    }

    deinit { pq.PQclear(raw) }

    /// Rows the command changed (`UPDATE … ` / `INSERT …`), from its command tag.
    var affectedRows: Int { pq.PQcmdTuples(raw).flatMap { Int(String(cString: $0)) } ?? 0 }

    var rows: [PGRow] { (0..<rowCount).map { PGRow(result: self, index: Int32($0)) } }

    func column(_ name: String) -> Int32 {
        guard let c = columns[name] else { preconditionFailure("no column \(name) in the result") }
        return c
    }
}

/// One row of a `PGResult`; columns by name or position.
struct PGRow {
    let result: PGResult
    let index: Int32

    private func bytes(_ c: Int32) -> UnsafeRawBufferPointer? {
        guard pq.PQgetisnull(result.raw, index, c) == 0 else { return nil }
        let length = Int(pq.PQgetlength(result.raw, index, c))
        return UnsafeRawBufferPointer(start: pq.PQgetvalue(result.raw, index, c), count: length)
    }

    private func integer(_ b: UnsafeRawBufferPointer) -> Int64 {
        var v: Int64 = 0
        for byte in b { v = (v << 8) | Int64(byte) }
        // Sign-extend 2- and 4-byte integers.
        let bits = 64 - 8 * b.count
        return bits > 0 ? (v << bits) >> bits : v
    }

    func optionalInt(_ c: Int32) -> Int64? {
        guard let b = bytes(c) else { return nil }
        switch pq.PQftype(result.raw, c) {
        case PGType.int8, PGType.int4, PGType.int2: return integer(b)
        case PGType.bool: return Int64(b.first ?? 0)
        default: preconditionFailure("column \(c) is not an integer (type \(pq.PQftype(result.raw, c)))")
        }
    }

    func optionalString(_ c: Int32) -> String? {
        guard var b = bytes(c) else { return nil }
        // Binary jsonb is a version byte (1) and the text.
        if pq.PQftype(result.raw, c) == PGType.jsonb, !b.isEmpty { b = UnsafeRawBufferPointer(rebasing: b.dropFirst()) }
        return String(decoding: b, as: UTF8.self)
    }

    func optionalDate(_ c: Int32) -> Date? {
        guard let b = bytes(c) else { return nil }
        precondition(pq.PQftype(result.raw, c) == PGType.timestamptz, "column \(c) is not a timestamptz")
        return PGType.date(microseconds: integer(b))
    }

    func optionalDouble(_ c: Int32) -> Double? {
        guard let b = bytes(c) else { return nil }
        if pq.PQftype(result.raw, c) == PGType.float8 { return Double(bitPattern: UInt64(bitPattern: integer(b))) }
        return optionalInt(c).map(Double.init)
    }

    func int(_ name: String) -> Int64 { optionalInt(result.column(name)) ?? 0 }
    func optionalInt(_ name: String) -> Int64? { optionalInt(result.column(name)) }
    func int(_ c: Int32) -> Int64 { optionalInt(c) ?? 0 }
    func string(_ name: String) -> String { optionalString(result.column(name)) ?? "" }
    func string(_ c: Int32) -> String { optionalString(c) ?? "" }
    func optionalString(_ name: String) -> String? { optionalString(result.column(name)) }
    func date(_ name: String) -> Date { optionalDate(result.column(name)) ?? Date(timeIntervalSince1970: 0) }
    func optionalDate(_ name: String) -> Date? { optionalDate(result.column(name)) }
    func isNull(_ c: Int32) -> Bool { pq.PQgetisnull(result.raw, index, c) != 0 }
}

/// One libpq connection. Not thread-safe: each is used by one thread at a time (the pool's
/// serial queue that owns it, or the change listener's thread). Every call blocks that thread.
final class PGConnection: @unchecked Sendable {
    let raw: OpaquePointer
    /// The client-side bound on one round trip (send, and wait for the whole answer): beyond it
    /// the connection is given up as broken (`connectionLost`), so that nothing ever hangs on a
    /// server that stopped answering (a network cut, a frozen host). The server's own
    /// `statement_timeout` (`PostgresDeadlines`) is shorter and fires first for a slow
    /// statement; this one catches what it can't. The store sets it from its deadlines.
    var answerTimeout: TimeInterval = PostgresDeadlines.production.answer
    /// Set once a round trip outlived `answerTimeout`: the connection is out of step, never reused.
    private(set) var timedOut = false

    /// Connects (blocking, up to `connect_timeout`). `url` is anything libpq takes as a
    /// connection string: `postgres://` and `postgresql://` URLs, `key=value` strings, or "" for
    /// the PG* environment variables alone; ~/.pgpass and PGPASSFILE work as in psql.
    init(url: String, defaults: [(String, String)]) throws {
        if case .failure(let error) = LibPQ.loaded { throw error }
        // Keywords first, the URL last with expand_dbname: what the URL says wins over the defaults.
        let keys = defaults.map(\.0) + ["dbname"]
        let values = defaults.map(\.1) + [url]
        let conn: OpaquePointer? = withCStrings(keys) { k in withCStrings(values) { v in pq.PQconnectdbParams(k, v, 1) } }
        guard let conn else { throw PostgresError(sqlState: nil, message: "out of memory", constraint: nil, connectionLost: true) }
        raw = conn
        // libpq's default prints the server's notices on stderr ("WARNING:  terminating connection
        // due to immediate shutdown command" as a server restarts): over the console or the Share
        // pop-up that text lands in the middle of the screen. What matters of them reaches the
        // user as the store's own one-line errors; the notices themselves are dropped.
        _ = pq.PQsetNoticeProcessor(conn, { _, _ in }, nil)
        guard pq.PQstatus(conn) == CONNECTION_OK else {
            // `deinit` finishes the failed connection (every property is set, so it runs).
            throw PostgresError(sqlState: nil, message: Self.reason(pq.PQerrorMessage(conn)), constraint: nil, connectionLost: true)
        }
    }

    deinit { pq.PQfinish(raw) }

    var isOK: Bool { !timedOut && pq.PQstatus(raw) == CONNECTION_OK }

    /// False when the server closed this connection while it sat idle (a restart, a
    /// terminated backend): a poll that costs no round trip. A statement sent alone (no BEGIN
    /// before it) is thus not sent into a connection known dead, where a lost answer could not
    /// tell whether it ran.
    ///
    /// Anything readable on an idle connection counts as dead: a terminated backend sends its
    /// FATAL message before it closes, and one read may see the message but not yet the end of
    /// the stream. (A pooled connection listens to nothing, so a stray notice costs at most a
    /// reconnect.)
    var stillOpen: Bool {
        guard isOK else { return false }
        var fd = pollfd(fd: pq.PQsocket(raw), events: Int16(POLLIN), revents: 0)
        return poll(&fd, 1, 0) == 0
    }

    /// Where this connection went, for messages: host:port/database.
    var place: String { Self.place(raw) }

    static func place(_ conn: OpaquePointer) -> String {
        let host = pq.PQhost(conn).map { String(cString: $0) } ?? "?"
        let port = pq.PQport(conn).map { String(cString: $0) } ?? "?"
        let db = pq.PQdb(conn).map { String(cString: $0) } ?? "?"
        return "\(host):\(port)/\(db)"
    }

    /// Runs one statement with `$n` parameters and returns its result in binary format.
    @discardableResult
    func execute(_ sql: String, _ parameters: [PGBindable?] = []) throws -> PGResult {
        let values = parameters.map { $0?.pgValue }
        let types = values.map { $0?.type ?? 0 }
        let lengths = values.map { Int32($0?.bytes.count ?? 0) }
        let formats = values.map { $0?.format == .binary ? Int32(1) : Int32(0) }
        // Each value's bytes, NUL-terminated for the text format, alive for the call.
        let buffers: [UnsafeMutablePointer<CChar>?] = values.map { value in
            guard let value else { return nil }
            let p = UnsafeMutablePointer<CChar>.allocate(capacity: value.bytes.count + 1)
            value.bytes.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress, b.count > 0 else { return }
                UnsafeMutableRawPointer(p).copyMemory(from: base, byteCount: b.count)
            }
            p[value.bytes.count] = 0
            return p
        }
        defer { buffers.forEach { $0?.deallocate() } }
        let name = try preparedName(sql, types)
        let sent = buffers.map { UnsafePointer($0) }.withUnsafeBufferPointer { pointers in
            if let name {
                pq.PQsendQueryPrepared(raw, name, Int32(values.count), pointers.baseAddress, lengths, formats, 1)
            } else {
                pq.PQsendQueryParams(raw, sql, Int32(values.count), types, pointers.baseAddress, lengths, formats, 1)
            }
        }
        do {
            return try check(try answer(sent: sent == 1))
        } catch let error as PostgresError where name != nil && ["0A000", "26000"].contains(error.sqlState ?? "") {
            // The table changed shape under the prepared statement (a newer linkdesk migrated),
            // or the server lost it (a pooler): prepared afresh next time.
            prepared[PreparedKey(sql: sql, types: types)] = nil
            throw error
        }
    }

    /// Statements this connection has prepared, by their text and parameter types.
    private var prepared: [PreparedKey: String] = [:]
    /// Names are never reused on a connection (the server may still hold a dropped one).
    private var preparedCount = 0
    private struct PreparedKey: Hashable {
        let sql: String
        let types: [Oid]
    }
    /// Enough for every statement the store sends (bulk inserts of many sizes go unprepared
    /// once it is reached); a statement longer than `preparedLength` is a bulk one.
    static let preparedLimit = 200
    static let preparedLength = 8_192

    /// The name of `sql` prepared on this connection (preparing it now, one round trip, the
    /// first time): PostgreSQL then parses and plans it once per connection, not once per call
    /// — that was a third of the server's work per booking. Nil for statements not worth it.
    /// A named statement outlives the transaction it was prepared in, rolled back or not.
    private func preparedName(_ sql: String, _ types: [Oid]) throws -> String? {
        let key = PreparedKey(sql: sql, types: types)
        if let name = prepared[key] { return name }
        guard prepared.count < Self.preparedLimit, sql.utf8.count <= Self.preparedLength else { return nil }
        preparedCount += 1
        let name = "linkdesk_\(preparedCount)"
        _ = try check(try answer(sent: pq.PQsendPrepare(raw, name, sql, Int32(types.count), types) == 1))
        prepared[key] = name
        return name
    }

    /// Runs a script of statements with no parameters (migrations, BEGIN, COMMIT).
    func script(_ sql: String) throws {
        _ = try check(try answer(sent: pq.PQsendQuery(raw, sql) == 1))
    }

    /// Runs `sql` in text format and returns every row as text (tests, `linkdesk migrate`).
    func textRows(_ sql: String) throws -> [[String?]] {
        let result = try check(try answer(sent: pq.PQsendQuery(raw, sql) == 1))
        return (0..<Int32(result.rowCount)).map { r in
            (0..<pq.PQnfields(result.raw)).map { c in
                pq.PQgetisnull(result.raw, r, c) != 0 ? nil : pq.PQgetvalue(result.raw, r, c).map { String(cString: $0) }
            }
        }
    }

    /// Waits, within `answerTimeout`, for the whole answer to the query just sent and returns
    /// what `PQexec` would: the last result, or the first error (nil: libpq failed, see its
    /// message). libpq's asynchronous calls with `poll`, so the wait has a bound that a blocking
    /// `PQexec` lacks.
    private func answer(sent: Bool) throws -> OpaquePointer? {
        guard sent else { return nil }
        let deadline = Date().addingTimeInterval(answerTimeout)
        func wait(_ events: Int32) throws {
            let left = deadline.timeIntervalSinceNow
            var fd = pollfd(fd: pq.PQsocket(raw), events: Int16(events), revents: 0)
            let polled = left > 0 ? poll(&fd, 1, Int32(min(left * 1000, 60_000).rounded(.up))) : 0
            if polled == 0 {
                timedOut = true
                throw PostgresError(sqlState: nil, message: "no answer within \(Int(answerTimeout)) s", constraint: nil,
                                    connectionLost: true)
            }
        }
        // The query may not all have gone out yet (a large one on a slow link).
        while true {
            let flushed = pq.PQflush(raw)
            if flushed == 0 { break }
            if flushed < 0 { return nil }
            try wait(Int32(POLLIN | POLLOUT))
            if pq.PQconsumeInput(raw) == 0 { return nil }
        }
        var kept: OpaquePointer?
        while true {
            while pq.PQisBusy(raw) == 1 {
                do {
                    try wait(Int32(POLLIN))
                } catch {
                    if let kept { pq.PQclear(kept) }
                    throw error
                }
                if pq.PQconsumeInput(raw) == 0 { break }
            }
            guard let next = pq.PQgetResult(raw) else { return kept }
            if let previous = kept {
                let status = pq.PQresultStatus(previous)
                if status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR {
                    pq.PQclear(next)  // keep the first error, as PQexec does
                    continue
                }
                pq.PQclear(previous)
            }
            kept = next
            if pq.PQstatus(raw) != CONNECTION_OK && pq.PQisBusy(raw) == 1 { return kept }
        }
    }

    private func check(_ result: OpaquePointer?) throws -> PGResult {
        guard let result else {
            throw PostgresError(sqlState: nil, message: Self.reason(pq.PQerrorMessage(raw)), constraint: nil, connectionLost: !isOK)
        }
        let wrapped = PGResult(result)
        switch pq.PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return wrapped
        default:
            let field = { (code: Int32) in pq.PQresultErrorField(result, code).map { String(cString: $0) } }
            let state = field(Int32(UInt8(ascii: "C")))
            let message = field(Int32(UInt8(ascii: "M"))) ?? Self.reason(pq.PQresultErrorMessage(result))
            // Class 08 (connection exception) and 57P01–57P03 (shut down, crashed, starting) end the session.
            let lost = !isOK || state?.hasPrefix("08") == true || ["57P01", "57P02", "57P03"].contains(state ?? "")
            throw PostgresError(sqlState: state, message: message, constraint: field(Int32(UInt8(ascii: "n"))), connectionLost: lost)
        }
    }

    /// libpq's message, on one line: its first line, without the "connection to server … failed:" lead.
    static func reason(_ message: UnsafePointer<CChar>?) -> String {
        let text = message.map { String(cString: $0) } ?? ""
        var line = text.split(separator: "\n").first.map(String.init) ?? "unknown error"
        if let range = line.range(of: "failed: "), line.hasPrefix("connection to server") { line = String(line[range.upperBound...]) }
        return line.trimmingCharacters(in: .whitespaces)
    }
}

/// A NULL-terminated array of C strings for the duration of `body`.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
