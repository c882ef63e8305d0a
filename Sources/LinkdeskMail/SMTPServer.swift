import Foundation
import LinkdeskCore

/// The team's mail server, from its URL: `smtp://user:password@host:587`
/// (STARTTLS when the server offers it, required when a password would otherwise cross the
/// network in the clear), `smtps://user:password@host:465` (TLS from the start), or
/// `smtp://127.0.0.1:25` for a local relay. User and password are percent-decoded (a password
/// with `@` or `:` is written `%40`, `%3A`).
public struct SMTPServer: Sendable, Equatable {
    public enum Security: Sendable, Equatable {
        /// `smtp://`: STARTTLS when offered; required before a password goes to another machine.
        case startTLS
        /// `smtps://`: TLS from the first byte.
        case implicitTLS
    }

    public var host: String
    public var port: Int
    public var user: String?
    public var password: String?
    public var security: Security
    /// A CA bundle to trust besides the system's: a team's own certificate authority, or a test's.
    public var caFile: String?

    public init(url text: String, caFile: String? = nil) throws(Refusal) {
        guard let url = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
              let scheme = url.scheme?.lowercased() else {
            throw Refusal(.input("not a mail server URL: expected smtp://[user:password@]host[:port] or smtps://…"))
        }
        switch scheme {
        case "smtp": security = .startTLS
        case "smtps": security = .implicitTLS
        default: throw Refusal(.input("a mail server URL starts with smtp:// or smtps://, not \(scheme)://"))
        }
        guard let host = url.host, !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } ?? false }) else {
            throw Refusal(.input("the mail server URL names no host: smtp://host:587"))
        }
        self.host = host
        if let port = url.port {
            guard (1...65_535).contains(port) else { throw Refusal(.input("the mail server URL's port must be 1–65535")) }
            self.port = port
        } else {
            self.port = security == .implicitTLS ? 465 : 25
        }
        user = url.percentEncodedUser.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
        password = url.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        if password != nil && user == nil { throw Refusal(.input("the mail server URL has a password but no user")) }
        self.caFile = caFile
    }

    /// True for 127.0.0.0/8, ::1 and localhost: a password may go there without TLS.
    public var isLoopback: Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return name == "localhost" || name == "::1" || name.hasPrefix("127.")
    }

    /// STARTTLS must succeed before anything is sent (a password to another machine); otherwise
    /// it is used when offered.
    public var requiresTLS: Bool { security == .startTLS && password != nil && !isLoopback }

    /// The URL libcurl is given: no user or password in it (they go in options of their own).
    var curlURL: String {
        let name = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return (security == .implicitTLS ? "smtps" : "smtp") + "://\(name):\(port)"
    }

    /// How the server is named in messages and logs: never with its password.
    public var redacted: String {
        (security == .implicitTLS ? "smtps" : "smtp") + "://" + (user.map { "\($0)@" } ?? "") + "\(host):\(port)"
    }
}
