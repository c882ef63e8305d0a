import Foundation

/// An address a message is sent from or to, fit for a header whatever text it came with: the
/// address itself validated as the booking site validates customers' (`EmailAddress`), the
/// display name written so that no text can end the header early or start another one
/// (printable ASCII as a quoted string, anything else as RFC 2047 encoded words).
public struct MailAddress: Sendable, Equatable {
    public let address: String
    public let name: String?

    /// Refuses an address the site would refuse (with CR, LF or spaces in it among them).
    public init(_ address: String, name: String? = nil) throws(Refusal) {
        guard EmailAddress.isValid(address) else { throw Refusal(.input("not a valid email address: \(Self.shown(address))")) }
        self.address = address
        let trimmed = name.map(MailHeader.singleLine)?.trimmingCharacters(in: .whitespaces)
        self.name = trimmed.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `Name <address>` as a header holds it (an address alone when there is no name).
    public var header: String {
        guard let name else { return address }
        return MailHeader.phrase(name) + " <" + address + ">"
    }

    /// The domain after the `@`: where message ids are made.
    public var domain: String {
        address.split(separator: "@").last.map(String.init) ?? "linkdesk.invalid"
    }

    /// An address as a refusal quotes it: on one line, shortened.
    private static func shown(_ text: String) -> String {
        let line = MailHeader.singleLine(text)
        return "\"" + (line.count > 60 ? String(line.prefix(60)) + "…" : line) + "\""
    }
}

extension MailAddress {
    /// `bookings@example.com` or `Name <bookings@example.com>` (the name may be quoted), as
    /// people write an address in a file, a flag or a variable.
    public static func parse(_ text: String) throws(Refusal) -> MailAddress {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let name = trimmed[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            return try MailAddress(String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]),
                                   name: name.isEmpty ? nil : name)
        }
        return try MailAddress(trimmed)
    }

    /// The address as people write it (`parse` reads it back): `Name <address>`, not encoded.
    public var text: String {
        guard let name else { return address }
        return name + " <" + address + ">"
    }
}
