import ArgumentParser
import Foundation
import LinkdeskCore
import LinkdeskService

/// `linkdesk batch PAGE --customers FILE.csv`: one link per customer row, the CSV back out with a
/// `url` column (and `linkId` for one-time links).
///
/// Links are made a chunk at a time, each chunk in one transaction, and a chunk's rows reach
/// stdout (in one write) only after its commit: every URL ever printed is live, even when the
/// process is killed mid-batch. A kill can leave at most one chunk committed but unprinted; those
/// links are listed by `linkdesk links` (personalized for the customer) and can be revoked.
///
/// Two stages overlap: a background thread reads, checks and prepares the next chunk (decoding,
/// validation, tokens, hashes, URLs) while the main thread commits the current one and prints it.
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch", abstract: "Make one link per customer of a CSV file; print that CSV with a url column.",
        discussion: """
        The CSV needs a header row. Columns named name, email, phone, mobile, company, location, \
        subject, note (and skip: 0 shows the booking form) personalize each row's link; other \
        columns are passed through unchanged. Output: the input columns plus url, and linkId \
        with --one-time. A row with a bad email, a non-digit mobile, the wrong number of fields or \
        broken quoting is reported on stderr with its line number and skipped. \
        Exit status: 0 every row got a link; 2 some rows were skipped (the others got links and \
        were printed), or nothing could be made (bad header, page or options); 3 the database \
        failed (the URLs printed before that are live).
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Page slug or name.") var page: String
    @Option(help: ArgumentHelp("Customers: CSV (UTF-8) with a header row; - reads stdin.", valueName: "file.csv"))
    var customers: String
    @Flag(help: "One-time links (master pages with Dynamic rules only).") var oneTime = false
    @Option(help: "Bookings each one-time link allows (default 1).") var uses: Int?
    @Option(help: ArgumentHelp("When the one-time links expire: a duration (7d, 12h) or a date (2026-12-31); default and maximum 90 days.", valueName: "7d|date"))
    var expires: String?
    @Flag(help: "Show the booking form even where name and email are known (skip=0 on every row).") var showForm = false
    @Option(name: .customLong("chunk"), help: .hidden) var chunkSize = BatchCommand.defaultChunk

    /// Links per transaction: the first chunk is small, so output starts at once; each next one is
    /// twice as large, up to `largestChunk`. A commit costs an fsync plus every index page the
    /// chunk touched (one-time link ids and token hashes are random, so a chunk of 500 touches
    /// about 500 pages of each index): 200 commits of 500 took 3× as long as 11 growing ones.
    /// A kill leaves at most one chunk committed but unprinted.
    static let defaultChunk = 500
    static let largestChunk = 16_000

    func run() async throws {
        try await reporting {
            guard (1...100_000).contains(chunkSize) else { throw Refusal("--chunk takes 1 to 100000") }
            let input = try CustomerFile.read(customers)
            let app = try await global.staffContext()
            let now = app.now
            let target = try await app.linkdesk.workspace().resolvePage(page)
            let options = try ExpiryText.options(oneTime: oneTime, uses: uses, expires: expires, now: now)
            if let options {
                // Refused before the first chunk, not after it.
                if let refusal = target.oneTimeRefusal { throw refusal }
                _ = try options.expiry(from: now)
            }
            let file = try CustomerFile(input, name: customers == "-" ? "stdin" : customers, showForm: showForm)
            // One clock reading for the whole batch; tokens from a buffered secure source.
            let maker = Linkdesk(store: app.linkdesk.store, base: app.base, time: FixedTime(now), random: BufferedSecureRandom())
            let (made, skipped) = try await make(file, maker: maker, page: target, options: options)
            guard made > 0 else { throw Refusal("no links made: all \(skipped.count) rows of \(file.name) were skipped") }
            if !skipped.isEmpty {
                let lines = skipped.prefix(10).map(String.init).joined(separator: ", ") + (skipped.count > 10 ? ", …" : "")
                Output.note("made \(made) link\(made == 1 ? "" : "s"); skipped \(skipped.count) row\(skipped.count == 1 ? "" : "s") (line\(skipped.count == 1 ? "" : "s") \(lines))")
                throw ExitStatus.refused
            }
        }
    }

    /// One chunk as the preparing stage hands it over.
    struct Chunk: Sendable {
        var rows: [CustomerFile.Row]
        var prepared: PreparedLinks?
        /// Rows skipped since the previous chunk, reported before this one is committed.
        var skipped: [CustomerFile.Skipped]
        /// Records read so far (made or skipped), for the progress bar.
        var read: Int
    }

    /// Commits chunk after chunk, printing each one's rows after its commit. Returns how many
    /// links were made and the lines of the rows skipped; a failure says how many links were made
    /// (and printed) before it.
    private func make(_ file: CustomerFile, maker: Linkdesk, page: Page, options: OneTimeOptions?) async throws -> (Int, [Int]) {
        BatchInterrupt.install()
        let progress = BatchProgress(total: file.recordCount)
        defer {
            progress?.finish()
            BatchInterrupt.remove()
        }
        let chunks = Channel<Result<Chunk, any Error>>(capacity: 2)
        let (first, largest) = (chunkSize, max(chunkSize, Self.largestChunk))
        Thread.detachNewThread {
            Self.prepare(file, maker: maker, page: page, options: options, first: first, largest: largest, into: chunks)
        }
        defer { chunks.close() }  // an early return stops the preparing stage
        var header: [UInt8] = []
        CSVOutput.append(file.header + ["url"] + (options == nil ? [] : ["linkId"]), to: &header)
        var made = 0
        var skipped: [Int] = []
        while let next = chunks.receive() {
            if BatchInterrupt.requested != 0 { break }
            let links: [MadeLink]
            let chunk: Chunk
            do {
                chunk = try next.get()
                if !chunk.skipped.isEmpty { progress?.clear() }  // notes start on a line of their own
                for row in chunk.skipped { Output.note(row.message) }
                skipped += chunk.skipped.map(\.line)
                guard let prepared = chunk.prepared else { progress?.update(done: chunk.read); continue }
                links = try await maker.commit(prepared)
            } catch let refusal as Refusal {
                throw Refusal(Self.stopped(made, of: file.recordCount) + refusal.commandLineMessage)
            } catch let error as StoreError {
                throw StoreError(Self.stopped(made, of: file.recordCount) + error.message)
            }
            var out = made == 0 ? header : []
            out.reserveCapacity(out.count + chunk.rows.count * 200)
            for (row, link) in zip(chunk.rows, links) {
                CSVOutput.append(row.fields, then: link.url, link.oneTime?.linkID, to: &out)
            }
            try StandardOutput.write(out)
            made += links.count
            progress?.update(done: chunk.read)
        }
        if BatchInterrupt.requested != 0 {
            progress?.finish()
            Output.note("interrupted: made \(made) of \(file.recordCount) links (each one printed is live); the rest were not made")
            throw ExitCode(128 + BatchInterrupt.requested)
        }
        return (made, skipped)
    }

    /// The preparing stage: reads records, checks rows and prepares chunks of growing size.
    private static func prepare(_ file: CustomerFile, maker: Linkdesk, page: Page, options: OneTimeOptions?,
                                first: Int, largest: Int, into chunks: Channel<Result<Chunk, any Error>>) {
        var rows: [CustomerFile.Row] = [], skipped: [CustomerFile.Skipped] = []
        var cursor = 0, size = first
        repeat {
            while rows.count < size, cursor < file.spanCount {
                let range = cursor..<min(cursor + max(size - rows.count, 256), file.spanCount)
                let read = file.rows(range)
                rows += read.rows
                skipped += read.skipped
                cursor = range.upperBound
            }
            let take = Array(rows.prefix(size))
            rows.removeFirst(take.count)
            let done = file.recordsBefore(cursor) - rows.count
            do {
                let prepared = take.isEmpty ? nil
                    : try maker.prepareLinks(page: page, personalizations: take.map(\.personalization), oneTime: options)
                guard chunks.send(.success(Chunk(rows: take, prepared: prepared, skipped: skipped, read: done))) else { return }
            } catch {
                _ = chunks.send(.failure(error))
                break
            }
            skipped = []
            size = min(size * 2, largest)
        } while cursor < file.spanCount || !rows.isEmpty
        chunks.finish()
    }

    private static func stopped(_ made: Int, of total: Int) -> String {
        made == 0 ? "no links made: " : "stopped after \(made) of \(total) links (each one printed is live): "
    }
}

/// The customers CSV: its header checked at once, its rows read and checked a stretch at a time.
struct CustomerFile: Sendable {
    struct Row: Sendable {
        var line: Int
        var fields: [String]
        var personalization: Personalization
    }

    struct Skipped: Sendable {
        var line: Int
        var message: String
    }

    let name: String
    let header: [String]
    private let csv: CSVRecords
    /// Where the data records start in `csv.spans`, and which of them are blank (not counted).
    private let firstData: Int
    private let blankBefore: [Int]
    private let columns: [(index: Int, key: String)]
    private let showForm: Bool

    /// Column names that personalize the link (SPEC §1 parameters); `skip` takes 0 or 1.
    static let parameterColumns = Personalization.keys + ["skip"]

    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw Refusal("cannot read \(path): " + (!exists ? "no such file" : isDirectory.boolValue ? "it is a folder" : "permission denied"))
        }
        return Array(data)
    }

    init(_ bytes: [UInt8], name: String, showForm: Bool) throws {
        self.name = name
        self.showForm = showForm
        csv = CSVRecords(bytes)
        guard let headerIndex = csv.spans.firstIndex(where: { !$0.isBlank }) else {
            throw Refusal("\(name) is empty: expected a header row such as name,email")
        }
        let head = csv.records(headerIndex..<headerIndex + 1)[0]
        if let problem = head.problem { throw Refusal("\(name) line \(head.line) (the header row): \(problem)") }
        header = head.fields
        let names = header.map { Self.trimmed($0).lowercased() }
        var columns: [(index: Int, key: String)] = []
        for (index, key) in names.enumerated() where Self.parameterColumns.contains(key) {
            guard !columns.contains(where: { $0.key == key }) else {
                throw Refusal("\(name): the header row names the column \"\(key)\" twice")
            }
            columns.append((index, key))
        }
        if let taken = names.first(where: { $0 == "url" || $0 == "linkid" }) {
            throw Refusal("\(name) already has a column \"\(taken)\", which batch adds: rename or remove it")
        }
        guard !columns.isEmpty else {
            throw Refusal("\(name): the header row names none of the columns \(Self.parameterColumns.joined(separator: ", ")) (is it comma-separated?)")
        }
        self.columns = columns
        firstData = headerIndex + 1
        var blanks = 0
        blankBefore = [0] + csv.spans[firstData...].map { span in
            if span.isBlank { blanks += 1 }
            return blanks
        }
        guard recordCount > 0 else { throw Refusal("no customers in \(name): it has a header row only") }
    }

    /// Data records after the header (blank lines aside) and their spans (blank lines included).
    var recordCount: Int { spanCount - (blankBefore.last ?? 0) }
    var spanCount: Int { csv.spans.count - firstData }

    /// How many non-blank data records come before the span at `index`.
    func recordsBefore(_ index: Int) -> Int { index - blankBefore[index] }

    /// The customers and the skipped rows of data spans `range` (0 is the first after the header).
    func rows(_ range: Range<Int>) -> (rows: [Row], skipped: [Skipped]) {
        let (width, known, showForm, name) = (header.count, columns, self.showForm, self.name)
        let checked = csv.records(range.lowerBound + firstData..<range.upperBound + firstData).filter { !$0.isBlank }
            .parallelMap { record in (record.line, Self.row(record, width: width, columns: known, showForm: showForm)) }
        var rows: [Row] = [], skipped: [Skipped] = []
        rows.reserveCapacity(checked.count)
        for (line, result) in checked {
            switch result {
            case .success(let row): rows.append(row)
            case .failure(let why): skipped.append(Skipped(line: line, message: "\(name) line \(line): \(why.commandLineMessage) (row skipped)"))
            }
        }
        return (rows, skipped)
    }

    /// Without surrounding spaces and tabs (Foundation's trimmingCharacters costs 10% of a batch).
    static func trimmed(_ text: String) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.first, let last = text.last, blank(first) || blank(last) else { return text }
        guard let start = text.firstIndex(where: { !blank($0) }), let end = text.lastIndex(where: { !blank($0) }) else { return "" }
        return String(text[start...end])
    }

    /// One customer row, or why it is skipped.
    private static func row(_ record: CSVRecords.Record, width: Int, columns: [(index: Int, key: String)],
                            showForm: Bool) -> Result<Row, Refusal> {
        if let problem = record.problem { return .failure(Refusal(problem)) }
        guard record.fields.count == width else {
            return .failure(Refusal("\(record.fields.count) field\(record.fields.count == 1 ? "" : "s") where the header has \(width)"))
        }
        var personalization = Personalization(showForm: showForm)
        for (index, key) in columns {
            let value = trimmed(record.fields[index])
            guard key == "skip" else {
                personalization[key] = value
                continue
            }
            switch value {
            case "0": personalization.showForm = true
            case "1": personalization.showForm = false  // the row's own choice beats --show-form
            case "": break
            default: return .failure(Refusal("skip takes 0 (show the booking form) or 1, got \"\(Display.clean(value, max: 40))\""))
            }
        }
        // A row makeLinks would refuse is skipped and reported instead, so that one bad row does
        // not stop the batch (makeLinks checks every row again: no bad URL is made either way).
        switch Result(catching: { () throws(Refusal) -> Personalization in try personalization.validated() }) {
        case .success(let valid):
            return .success(Row(line: record.line, fields: record.fields, personalization: valid))
        case .failure(let refusal):
            return .failure(Refusal(Display.clean(refusal.commandLineMessage, max: 200)))
        }
    }
}

/// A bounded queue from one thread to another: `send` waits while `capacity` items are unread.
final class Channel<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [T] = []
    private var finished = false, closed = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// False once the receiver has closed the channel: stop producing.
    func send(_ item: T) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The sender is done: `receive` returns nil once the items are read.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    func receive() -> T? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished && !closed { condition.wait() }
        guard !items.isEmpty, !closed else { return nil }
        condition.broadcast()
        return items.removeFirst()
    }

    /// The receiver is done (early): pending and future items are dropped.
    func close() {
        condition.lock()
        closed = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// stdout without buffering: each call is handed to the kernel before it returns, so what a batch
/// printed is out even if the process is killed a moment later.
enum StandardOutput {
    static func write(_ bytes: [UInt8]) throws {
        var offset = 0
        try bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let n = Foundation.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw StoreError("cannot write to stdout: \(String(cString: strerror(errno)))")
                }
                offset += n
            }
        }
    }
}
