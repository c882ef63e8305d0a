import Foundation
import LinkdeskCore
import LinkdeskService

extension PostgresStore {
    public func login() async throws -> String { actingLogin }

    public func staff() async throws -> [StaffMember] {
        try await readOne { c in
            try c.execute("SELECT login, name, email, role FROM staff ORDER BY login COLLATE \"C\"").rows.map { row in
                guard let role = StaffRole(rawValue: row.string("role")) else {
                    throw StoreError("the staff table holds a role this linkdesk does not know (\(row.string("role"))): is the database from a newer version?")
                }
                return StaffMember(login: row.string("login"), name: row.string("name"), email: row.string("email"), role: role)
            }
        }
    }

    public func saveStaff(_ member: StaffMember, events: [ActivityEvent]) async throws {
        try await write { c in
            try PostgresRows.save(member, in: c)
            try PostgresRows.append(events, to: c, by: self.actingLogin)
        }
    }

    public func removeStaff(login: String, events: [ActivityEvent]) async throws -> Bool {
        try await write { c in
            guard try c.execute("DELETE FROM staff WHERE login = $1 RETURNING login", [login]).rowCount == 1 else { return false }
            try PostgresRows.append(events, to: c, by: self.actingLogin)
            return true
        }
    }
}

extension PostgresRows {
    static func save(_ member: StaffMember, in c: PGConnection) throws {
        try c.execute("""
            INSERT INTO staff (login, name, email, role) VALUES ($1, $2, $3, $4)
            ON CONFLICT (login) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role
            """, [member.login, member.name, member.email, member.role.rawValue])
    }
}
