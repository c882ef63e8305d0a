import Foundation
import LinkdeskCore

/// A calendar's source as both databases store it, in one place: its kind, URL, user, and
/// where its password is read from (never the password).
public struct CalendarColumns: Sendable, Equatable {
    public var kind: String
    public var url: String
    public var user: String?
    public var passwordEnv: String?
    public var passwordFile: String?

    public init(_ source: CalendarSource) {
        kind = source.kind
        url = source.url
        switch source {
        case .caldav(_, let user, let password):
            self.user = user
            if case .environment(let name) = password { passwordEnv = name }
            if case .file(let path) = password { passwordFile = path }
        case .ics:
            break
        }
    }

    public init(kind: String, url: String, user: String?, passwordEnv: String?, passwordFile: String?) {
        self.kind = kind
        self.url = url
        self.user = user
        self.passwordEnv = passwordEnv
        self.passwordFile = passwordFile
    }

    /// The source the row describes; a kind this linkdesk does not know is refused by name.
    public func source() throws -> CalendarSource {
        switch kind {
        case "caldav":
            let password: CalendarPassword? = passwordEnv.map(CalendarPassword.environment) ?? passwordFile.map(CalendarPassword.file)
            return .caldav(url: url, user: user, password: password)
        case "ics":
            return .ics(url: url)
        default:
            throw StoreError("the calendar table holds a kind this linkdesk does not know (\(kind)): is the database from a newer version?")
        }
    }
}
