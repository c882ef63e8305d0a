import Foundation
import LinkdeskCore
import LinkdeskMail
import LinkdeskPostgres
import LinkdeskService
import LinkdeskStore

/// Where the workspace lives, as the options and the environment name it.
public enum DatabaseLocation: Sendable, Equatable {
    /// A SQLite file. `named` is false for the default file, which is created quietly.
    case sqlite(path: String, named: Bool)
    /// A team's PostgreSQL (SPEC §6); libpq reads the PG* variables and ~/.pgpass as psql does.
    case postgres(url: String)

    /// The text to hand to another program's `--db`.
    public var text: String {
        switch self {
        case .sqlite(let path, _): path
        case .postgres(let url): url
        }
    }
}

/// The one composition root of both programs: `linkdesk` (every command) and `linkdesk-serve`
/// turn their options and the environment into a store, a clock and a base URL here, so that the
/// two agree on every default and every error. A flag wins over its environment variable, and an
/// empty variable counts as unset.
public struct Composition: Sendable {
    public let environment: Environment

    public init(environment: Environment = Environment()) {
        self.environment = environment
    }

    /// `--base-url`, else LINKDESK_BASE_URL; nil when neither names one (the caller picks the
    /// default: the CLI `http://localhost:8080`, the server its own address).
    public func namedBaseURL(_ option: String?) throws(Refusal) -> BaseURL? {
        guard let text = option ?? environment.nonEmpty("LINKDESK_BASE_URL") else { return nil }
        return try BaseURL(text)
    }

    /// LINKDESK_NOW fixes the clock (ISO 8601), for demos and tests of time-bound rules.
    public func clock() throws(Refusal) -> any TimeSource {
        guard let text = environment.nonEmpty("LINKDESK_NOW") else { return SystemTime() }
        guard let date = ISO8601.date(text) else { throw Refusal("LINKDESK_NOW is not an ISO 8601 time: \(text)") }
        return FixedTime(date)
    }

    /// Booking emails: on when a mail server is named (`smtpURL`, else LINKDESK_SMTP_URL); then the
    /// manage-link secret must be readable from LINKDESK_SECRET_FILE (at least 32 bytes, kept
    /// outside the database and backed up with it). nil (off) when no mail server is named.
    public func notifications(smtpURL: String? = nil) throws(Refusal) -> Notifications? {
        guard smtpURL ?? environment.nonEmpty("LINKDESK_SMTP_URL") != nil else { return nil }
        guard let path = environment.nonEmpty("LINKDESK_SECRET_FILE") else {
            throw Refusal(.input("booking emails need a manage-link secret: set LINKDESK_SECRET_FILE to a file of at least "
                                 + "\(Token.secretBytes) random bytes (head -c 32 /dev/urandom > FILE), kept outside the database"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Refusal(.input("cannot read the manage-link secret at \(path) (LINKDESK_SECRET_FILE)"))
        }
        return try Notifications(secret: Array(data))
    }

    /// The team's mail server: `smtpURL` (a `--smtp` flag), else LINKDESK_SMTP_URL; nil when
    /// neither names one. LINKDESK_SMTP_CA_FILE adds a CA bundle to trust.
    public func mailServer(_ smtpURL: String?) throws(Refusal) -> SMTPServer? {
        guard let url = smtpURL ?? environment.nonEmpty("LINKDESK_SMTP_URL") else { return nil }
        return try SMTPServer(url: url, caFile: environment.nonEmpty("LINKDESK_SMTP_CA_FILE"))
    }

    /// The sender's addresses from flags (`from`, `replyTo`) and, for when the workspace's
    /// `notifications:` names none, LINKDESK_MAIL_FROM and LINKDESK_MAIL_REPLY_TO
    /// (`Linkdesk.mailSettings` decides between them).
    public func mailOverrides(from: String?, replyTo: String?) throws(Refusal) -> MailOverrides {
        func address(_ text: String?, _ what: String) throws(Refusal) -> MailAddress? {
            guard let text else { return nil }
            do {
                return try MailAddress.parse(text)
            } catch {
                throw Refusal(.input("\(what): \(error.message)"))
            }
        }
        return MailOverrides(from: try address(from, "--from"), replyTo: try address(replyTo, "--reply-to"),
                             fallbackFrom: try address(environment.nonEmpty("LINKDESK_MAIL_FROM"), "LINKDESK_MAIL_FROM"),
                             fallbackReplyTo: try address(environment.nonEmpty("LINKDESK_MAIL_REPLY_TO"), "LINKDESK_MAIL_REPLY_TO"))
    }

    /// `--db`, else LINKDESK_DB, else `$XDG_DATA_HOME/linkdesk/linkdesk.sqlite` (its folders
    /// created). An explicit path must be in an existing folder, so that a typo fails loudly
    /// instead of quietly starting an empty workspace elsewhere.
    public func database(_ option: String?) throws -> DatabaseLocation {
        if let named = option.flatMap({ $0.isEmpty ? nil : $0 }) ?? environment.nonEmpty("LINKDESK_DB") {
            return PostgresStore.handles(named) ? .postgres(url: named) : .sqlite(path: named, named: true)
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let dataHome = environment.nonEmpty("XDG_DATA_HOME") ?? home + "/.local/share"
        let folder = dataHome + "/linkdesk"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError("cannot create \(folder): \(error.localizedDescription)")
        }
        return .sqlite(path: folder + "/linkdesk.sqlite", named: false)
    }

    /// A command's store: `seed` fills a new workspace (the demo pages). `reads`: one read
    /// connection for a command, a pool for a screen (ReadConnections).
    public func commandStore(_ location: DatabaseLocation, reads: ReadConnections,
                             seed: @escaping () throws -> Workspace) throws -> any LinkStore {
        switch location {
        case .postgres(let url): try PostgresStore(url: url, seed: seed)
        case .sqlite(let path, _): try SQLiteStore(path: path, seed: seed, reads: reads)
        }
    }

    /// The booking site's store: more PostgreSQL connections (a server has many requests in
    /// flight), and a SQLite file that must exist already (`linkdesk serve` creates it; a server
    /// that made an empty one would serve nothing and hide the typo).
    public func serverStore(_ location: DatabaseLocation) throws -> any LinkStore {
        switch location {
        case .postgres(let url):
            return try PostgresStore(url: url, connections: PostgresStore.serverConnections)
        case .sqlite(let path, _):
            guard FileManager.default.fileExists(atPath: path) else {
                throw StoreError("no workspace at \(path): run `linkdesk serve` (which creates it) or `linkdesk pages --db \(path)` first")
            }
            return try SQLiteStore(path: path)
        }
    }
}
