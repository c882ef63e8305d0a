import Foundation

/// Header text (RFC 5322, RFC 2047): what customers typed (their names, the page's name in a
/// subject) goes into headers only through here, so that a CR, an LF or other control text can
/// never end a header and start another (`Bcc:` smuggled in a name).
public enum MailHeader {
    /// Control characters (CR and LF among them) become spaces.
    public static func singleLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    /// A display name: printable ASCII as a quoted string; otherwise its plain words as they are
    /// and each run of other words (non-ASCII, quotes, dashes) as encoded words. Readers differ
    /// on the space between two encoded words in a name (RFC 2047 drops it, Python's `email`
    /// keeps it), so a run is one encoded word whenever it fits; only a run longer than one
    /// word holds (45 bytes of UTF-8) is split, its spaces inside the encoded text.
    static func phrase(_ text: String) -> String {
        let line = singleLine(text)
        if line.unicodeScalars.allSatisfy({ $0.isASCII }) && line.utf8.count <= 60 {
            return "\"" + line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var items: [String] = []
        var run: [Substring] = []
        func flush() {
            if !run.isEmpty { items.append(encodedWords(run.joined(separator: " "))) }
            run = []
        }
        for word in line.split(separator: " ") {
            if word.unicodeScalars.allSatisfy(isAtext) {
                flush()
                items.append(String(word))
            } else {
                run.append(word)
            }
        }
        flush()
        return folded(items)
    }

    /// RFC 5322 atext: what a word of a name may hold unquoted.
    private static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
    }

    /// Items joined by spaces, a line folded before one that would pass 70 characters.
    private static func folded(_ items: [String]) -> String {
        var out = ""
        var column = 0
        for item in items {
            let first = item.split(separator: "\r\n", omittingEmptySubsequences: false).first.map(\.count) ?? item.count
            if !out.isEmpty {
                if column + 1 + first > 70 {
                    out += "\r\n "
                    column = 1
                } else {
                    out += " "
                    column += 1
                }
            }
            out += item
            column = item.contains("\r\n") ? (item.components(separatedBy: "\r\n").last?.count ?? 0) : column + item.count
        }
        return out
    }

    /// An unstructured value (a subject): short printable ASCII as it is, anything else as
    /// encoded words, folded.
    public static func unstructured(_ text: String) -> String {
        let line = singleLine(text)
        if line.unicodeScalars.allSatisfy({ $0.isASCII }) && line.utf8.count <= 66 { return line }
        return encodedWords(line)
    }

    /// RFC 2047 "B" encoded words of UTF-8, each at most 75 characters and never splitting a
    /// character, joined by folding whitespace (which a reader drops between encoded words).
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {  // 45 bytes → 60 base64 characters + 12 of framing
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// The date as a header holds it (RFC 5322 §3.3), in UTC.
    public static func date(_ date: Date) -> String {
        let wall = DateText.WallClock(date, DateText.utc)
        let time = wall.secondOfDay
        return "\(DateText.shortWeekdays[wall.weekday]), \(two(wall.day)) \(DateText.shortMonths[wall.month - 1]) \(wall.year) "
            + "\(two(time / 3_600)):\(two(time / 60 % 60)):\(two(time % 60)) +0000"
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
