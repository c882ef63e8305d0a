import Foundation
import GRDB
import LinkdeskCore
import LinkdeskService
#if canImport(Glibc)
import Glibc
#endif

extension SQLiteStore {
    public func login() async throws -> String { actingLogin }

    public func staff() async throws -> [StaffMember] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT login, name, email, role FROM staff ORDER BY login").map { row in
                guard let role = StaffRole(rawValue: row["role"]) else {
                    throw StoreError("the staff table holds a role this linkdesk does not know (\(row["role"] ?? "?")): is the database from a newer version?")
                }
                return StaffMember(login: row["login"], name: row["name"], email: row["email"], role: role)
            }
        }
    }

    public func saveStaff(_ member: StaffMember, password: String?, events: [ActivityEvent]) async throws {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO staff (login, name, email, role) VALUES (?, ?, ?, ?)
                ON CONFLICT (login) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role
                """, arguments: [member.login, member.name, member.email, member.role.rawValue])
            try ActivityRows.append(events, to: db, by: self.actingLogin)
        }
    }

    public func removeStaff(login: String, events: [ActivityEvent]) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM staff WHERE login = ?", arguments: [login])
            guard db.changesCount == 1 else { return false }
            // Their calendars go with them: nobody would sync them for a page, and a later staff
            // member given the same login must not inherit them.
            try db.execute(sql: "DELETE FROM calendar_busy WHERE staff_login = ?", arguments: [login])
            try db.execute(sql: "DELETE FROM calendar WHERE staff_login = ?", arguments: [login])
            try ActivityRows.append(events, to: db, by: self.actingLogin)
            return true
        }
    }

    public func settings() async throws -> [String: String] {
        try await read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT name, value FROM setting").map { ($0["name"], $0["value"]) },
                       uniquingKeysWith: { first, _ in first })
        }
    }

    public func saveSettings(_ changes: [String: String?], events: [ActivityEvent]) async throws {
        try await write { db in
            for (name, value) in changes {
                if let value {
                    try db.execute(sql: "INSERT INTO setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                                   arguments: [name, value])
                } else {
                    try db.execute(sql: "DELETE FROM setting WHERE name = ?", arguments: [name])
                }
            }
            try ActivityRows.append(events, to: db, by: self.actingLogin)
        }
    }

    /// The operating-system user running this process: who acts on a SQLite workspace (SPEC §8).
    /// Its name from the user database, else `$USER`, else the numeric id.
    public static func operatingSystemLogin() -> String {
        let uid = geteuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name {
            let login = String(cString: name)
            if !login.isEmpty { return login }
        }
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        return "uid\(uid)"
    }
}
