import Foundation
import LinkdeskCore
import LinkdeskService

extension PostgresStore {
    public func login() async throws -> String { actingLogin }

    /// The site's login should hold the site role alone (`linkdesk staff add … --role site`).
    public func privilegesBeyondSite() async throws -> String? {
        try await readOne { c in
            let row = try c.execute("""
                SELECT r.rolsuper AS superuser, r.rolcreaterole AS createrole,
                       session_user = (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'page') AS owner,
                       coalesce(pg_has_role(session_user, linkdesk_role('administrator'), 'MEMBER'), false) AS administrator,
                       coalesce(pg_has_role(session_user, linkdesk_role('member'), 'MEMBER'), false) AS member
                FROM pg_roles r WHERE r.rolname = session_user
                """).rows.first
            guard let row else { return nil }
            let held = [("superuser", "superuser"), ("owner", "owner of the tables"), ("administrator", "administrator"),
                        ("member", "member"), ("createrole", "may create roles")]
                .filter { row.int($0.0) == 1 }.map(\.1)
            return held.isEmpty ? nil : held.joined(separator: ", ")
        }
    }

    /// For the caller alone, through `linkdesk_staff_status` (the site's login may not read the staff list).
    public func staffStatus() async throws -> StaffStatus {
        try await readOne { c in
            guard let row = try c.execute("SELECT * FROM linkdesk_staff_status()").rows.first else {
                return StaffStatus(member: nil, anyStaff: false)
            }
            let member = try row.optionalString("login").map { login in
                guard let role = StaffRole(rawValue: row.string("role")) else {
                    throw StoreError("the staff table holds a role this linkdesk does not know (\(row.string("role"))): is the database from a newer version?")
                }
                return StaffMember(login: login, name: row.string("name"), email: row.string("email"), role: role)
            }
            return StaffStatus(member: member, anyStaff: row.int("any_staff") == 1)
        }
    }

    /// Through `linkdesk_staff_member` (the site's login may not read the staff list).
    public func staffMember(login: String) async throws -> StaffMember? {
        try await readOne { c in
            try c.execute("SELECT login, name, email, role FROM linkdesk_staff_member($1)", [login]).rows.first.map { row in
                guard let role = StaffRole(rawValue: row.string("role")) else {
                    throw StoreError("the staff table holds a role this linkdesk does not know (\(row.string("role"))): is the database from a newer version?")
                }
                return StaffMember(login: row.string("login"), name: row.string("name"), email: row.string("email"), role: role)
            }
        }
    }

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

    public func saveStaff(_ member: StaffMember, password: String?, events: [ActivityEvent]) async throws {
        try await write { c in
            try PostgresRows.save(member, in: c)
            try Self.provision(member.login, role: member.role, password: password, in: c)
            try PostgresRows.append(events, to: c, by: self.actingLogin)
        }
    }

    public func removeStaff(login: String, events: [ActivityEvent]) async throws -> Bool {
        try await write { c in
            guard try c.execute("DELETE FROM staff WHERE login = $1 RETURNING login", [login]).rowCount == 1 else { return false }
            // Their calendars go with them (busy times by cascade): see the SQLite store.
            _ = try c.execute("DELETE FROM calendar WHERE staff_login = $1", [login])
            try Self.provision(login, role: nil, password: nil, in: c)
            try PostgresRows.append(events, to: c, by: self.actingLogin)
            return true
        }
    }
}

extension PostgresStore {
    public func settings() async throws -> [String: String] {
        try await readOne { c in
            Dictionary(try c.execute("SELECT name, value FROM setting").rows.map { ($0.string("name"), $0.string("value")) },
                       uniquingKeysWith: { first, _ in first })
        }
    }

    public func saveSettings(_ changes: [String: String?], events: [ActivityEvent]) async throws {
        try await write { c in
            for (name, value) in changes {
                if let value {
                    try c.execute("INSERT INTO setting (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                                  [name, value])
                } else {
                    try c.execute("DELETE FROM setting WHERE name = $1", [name])
                }
            }
            try PostgresRows.append(events, to: c, by: self.actingLogin)
        }
    }
}

extension PostgresStore {
    /// The login's PostgreSQL side: created when missing (adopted when it exists), its password
    /// set when given, and a member of its role's group alone (none for `role: nil`). Names and
    /// the password are quoted by the server (`format` with %I and %L). Needs a login that may
    /// create roles: an administrator set up with CREATEROLE, or a superuser.
    static func provision(_ login: String, role: StaffRole?, password: String?, in c: PGConnection) throws {
        func run(_ template: String, _ values: [String]) throws {
            let sql = try c.execute("SELECT format($1::text, " + values.indices.map { "$\($0 + 2)::text" }.joined(separator: ", ") + ")",
                                    [template] + values).rows[0].string(0)
            try c.script(sql)
        }
        let exists = try c.execute("SELECT 1 FROM pg_roles WHERE rolname = $1", [login]).rowCount > 0
        if !exists, role != nil { try run("CREATE ROLE %I LOGIN", [login]) }
        if let password, exists || role != nil { try run("ALTER ROLE %I PASSWORD %L", [login, password]) }
        guard exists || role != nil else { return }
        for kind in StaffRole.allCases {
            guard let group = try c.execute("SELECT linkdesk_role($1)", [kind.rawValue]).rows.first?.optionalString(0) else { continue }
            try run(kind == role ? "GRANT %I TO %I" : "REVOKE %I FROM %I", [group, login])
        }
        // A REVOKE by someone other than the grantor only warns and keeps the membership
        // (PostgreSQL 16 on): say so rather than leave a removed member their privileges.
        let kept = try c.execute("""
            SELECT string_agg(g.rolname, ', ') AS kept FROM pg_auth_members m
            JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
            WHERE u.rolname = $1 AND g.rolname IN (SELECT value FROM meta WHERE key LIKE 'role:%' AND key <> 'role:' || $2)
            """, [login, role?.rawValue ?? ""]).rows.first?.optionalString("kept")
        if let kept {
            throw StoreError("the login \"\(login)\" still belongs to \(kept): another login granted it; revoke it as that login "
                             + "(or a superuser, REVOKE … GRANTED BY): nothing was changed")
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
