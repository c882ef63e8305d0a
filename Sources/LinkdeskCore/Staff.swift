import Foundation

/// A staff member of the workspace (SPEC §8): who may do what is decided by `role`
/// (`StaffRules`), and the booking pages whose `ownerLogin` is `login` are theirs.
///
/// The login is the name the system knows them by: the PostgreSQL login in team mode
/// (`session_user`), the operating-system user on a SQLite workspace. No secret is kept here:
/// passwords stay with PostgreSQL.
public struct StaffMember: Codable, Equatable, Sendable {
    public var login: String
    public var name: String
    public var email: String
    public var role: StaffRole

    public init(login: String, name: String, email: String, role: StaffRole) {
        self.login = login
        self.name = name
        self.email = email
        self.role = role
    }

    /// A staff member as entered: the login's form and the email checked, the name trimmed.
    public static func validated(login: String, name: String, email: String, role: StaffRole) throws(Refusal) -> StaffMember {
        let login = try StaffLogin.validated(login)
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, !name.contains(where: \.isNewline) else { throw Refusal("a staff member needs a name on one line") }
        let email = email.trimmingCharacters(in: .whitespaces)
        guard EmailAddress.isValid(email) else { throw Refusal("\"\(email)\" is not a valid email address") }
        return StaffMember(login: login, name: name, email: email, role: role)
    }
}

/// What a staff member may do (SPEC §8). `site` is the booking site's own login in team mode:
/// it acts for customers only, never as staff.
public enum StaffRole: String, Codable, Sendable, CaseIterable {
    case administrator, member, site
}

/// The form of a login: what PostgreSQL accepts as a role name and a shell user can have, with
/// nothing that needs quoting in a message (letters, digits, `_`, `.`, `-`; at most 63 bytes,
/// PostgreSQL's limit; starting with a letter or `_`). Logins compare as written: PostgreSQL's
/// role names and Unix user names are both case-sensitive.
public enum StaffLogin {
    public static let maximumLength = 63

    public static func validated(_ text: String) throws(Refusal) -> String {
        let login = text.trimmingCharacters(in: .whitespaces)
        guard let first = login.unicodeScalars.first, login.utf8.count <= maximumLength,
              first == "_" || (first.isASCII && first.properties.isAlphabetic),
              login.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0)) })
        else {
            throw Refusal("\"\(text)\" is not a login: letters, digits, _ . - only, starting with a letter or _, at most \(maximumLength) characters")
        }
        return login
    }
}
