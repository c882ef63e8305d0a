import CSV
import Foundation
import LinkdeskService

/// A CSV file (RFC 4180) read into records that know the line they start on.
///
/// The fields are decoded by yaslab/CSV.swift. What that library does not do is said where
/// things go wrong: it reports no line numbers, accepts broken quoting silently (`"ab"c` reads as
/// `ab"c`, a quote that never closes swallows the rest of the file) and has no way to skip one bad
/// record and go on. So the bytes are walked once first: every record's first line, its field
/// count, and its quoting are checked here, a broken record ends at the end of its line (so one
/// bad row costs that row only), and runs of well-formed records are then given to the library
/// exactly as they stand in the file. The library's field count is checked against this walk's.
struct CSVRecords {
    struct Record {
        /// 1-based line of the file the record starts on.
        var line: Int
        var fields: [String]
        /// Why the record can't be read; `fields` is empty then.
        var problem: String?
        /// An empty line: no customer, skipped quietly.
        var isBlank: Bool
    }

    let data: [UInt8]
    /// Every record of the file, found by one walk over its bytes (fast); decoded on demand.
    let spans: [Span]
    private let allUTF8: Bool

    init(_ data: [UInt8]) {
        self.data = data
        var start = 0
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }  // a UTF-8 byte order mark (Excel writes one)
        spans = Self.scan(data, from: start)
        allUTF8 = String(validating: data[start...], as: UTF8.self) != nil
    }

    /// The records of `spans[range]`, decoded (in stretches of up to 4,096, on every core).
    func records(_ range: Range<Int>) -> [Record] {
        let pieces = stride(from: range.lowerBound, to: range.upperBound, by: 4_096).map { $0..<min($0 + 4_096, range.upperBound) }
        let (data, spans, allUTF8) = (self.data, self.spans, self.allUTF8)
        return pieces.parallelMap(minimumPerSlice: 1) { Self.records(spans[$0], in: data, allUTF8: allUTF8) }.flatMap { $0 }
    }

    private static func records(_ spans: ArraySlice<Span>, in data: [UInt8], allUTF8: Bool) -> [Record] {
        var records: [Record] = []
        records.reserveCapacity(spans.count)
        var run: [Span] = []
        func flush() {
            guard let first = run.first, let last = run.last else { return }
            records += decode(run, text: String(decoding: data[first.range.lowerBound..<last.range.upperBound], as: UTF8.self))
            run.removeAll(keepingCapacity: true)
        }
        for var span in spans {
            if span.problem == nil, !allUTF8, String(validating: data[span.range], as: UTF8.self) == nil {
                span.problem = "not UTF-8 text (save the file as CSV UTF-8)"
            }
            if let problem = span.problem {
                flush()
                records.append(Record(line: span.line, fields: [], problem: problem, isBlank: false))
            } else {
                run.append(span)
            }
        }
        flush()
        return records
    }

    /// One record as the walk found it.
    struct Span {
        var line: Int
        var range: Range<Int>
        var fieldCount: Int
        var problem: String?
        var isBlank: Bool
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","),
                       lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// Splits the bytes into records: a line ending outside quotes ends a record.
    static func scan(_ b: [UInt8], from start: Int = 0) -> [Span] {
        enum State { case fieldStart, unquoted, quoted, afterQuote }
        var spans: [Span] = []
        var i = start, line = 1
        let n = b.count
        /// Index just past the line ending at or after `j` (and whether one was there).
        func endOfLine(_ j: Int) -> Int {
            var j = j
            while j < n, b[j] != lf, b[j] != cr { j += 1 }
            if j < n { j += (b[j] == cr && j + 1 < n && b[j + 1] == lf) ? 2 : 1 }
            return j
        }
        while i < n {
            let recordStart = i, recordLine = line
            var state = State.fieldStart
            var fields = 1
            var problem: String?
            var quoteLine = line
            record: while true {
                guard i < n else {
                    if state == .quoted {
                        // The quote never closes: take back everything after this record's first
                        // line, which is read again as the next records.
                        problem = "the quote that opens field \(fields) on line \(quoteLine) never closes"
                        i = endOfLine(recordStart)
                        line = recordLine + 1
                    }
                    break record
                }
                let c = b[i]
                switch state {
                case .quoted:
                    if c == quote {
                        state = .afterQuote
                    } else if c == lf || (c == cr && !(i + 1 < n && b[i + 1] == lf)) {
                        line += 1
                    }
                    i += 1
                case .fieldStart, .unquoted, .afterQuote:
                    if c == lf || c == cr {
                        i = endOfLine(i)
                        line += 1
                        break record
                    }
                    if c == comma {
                        fields += 1
                        state = .fieldStart
                        i += 1
                    } else if state == .fieldStart {
                        state = c == quote ? .quoted : .unquoted
                        quoteLine = line
                        i += 1
                    } else if state == .afterQuote && c == quote {
                        state = .quoted  // "" inside a quoted field: an escaped quote
                        i += 1
                    } else if state == .afterQuote || c == quote {
                        problem = state == .afterQuote
                            ? "field \(fields) has text after its closing quote (a quote inside a quoted field is written \"\")"
                            : "field \(fields) has a quote inside an unquoted field (quote the field and double the quote)"
                        i = endOfLine(i)
                        line += 1
                        break record
                    } else {
                        i += 1
                    }
                }
            }
            let blank = problem == nil && fields == 1
                && b[recordStart..<i].allSatisfy { $0 == 32 || $0 == 9 || $0 == lf || $0 == cr }
            spans.append(Span(line: recordLine, range: recordStart..<i, fieldCount: fields, problem: problem,
                              isBlank: blank))
        }
        return spans
    }

    /// Decodes a run of well-formed records, given as the one stretch of text they occupy.
    private static func decode(_ run: [Span], text: String) -> [Record] {
        var out: [Record] = []
        out.reserveCapacity(run.count)
        let reader = try? CSVReader(string: text, hasHeaderRow: false)
        for span in run {
            guard let fields = reader?.next(), fields.count == span.fieldCount else {
                // Cannot happen for records the walk accepted; if it does, say so rather than guess.
                out.append(Record(line: span.line, fields: [], problem: "could not be read as CSV", isBlank: false))
                continue
            }
            out.append(Record(line: span.line, fields: fields, problem: nil, isBlank: span.isBlank))
        }
        return out
    }
}

/// CSV output: RFC 4180 quoting (a field with a comma, a quote or a line break is quoted, quotes
/// doubled), one record per line ending in "\n". Written here rather than with the library's
/// CSVWriter, which writes byte by byte through an OutputStream (2.5 s for 100,000 rows) and
/// holds each row's line ending back until the next row starts, while `batch` must hand every
/// row of a committed chunk to stdout whole.
enum CSVOutput {
    /// One record: `fields`, then `extra` fields that are present, then "\n".
    static func append(_ fields: [String], then extra: String?..., to out: inout [UInt8]) {
        var first = true
        for field in fields {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            appendField(field, to: &out)
        }
        for case let field? in extra {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            appendField(field, to: &out)
        }
        out.append(10)
    }

    private static func appendField(_ field: String, to out: inout [UInt8]) {
        let utf8 = field.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else {
            out.append(contentsOf: utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}
