import ArgumentParser
import Foundation
import LinkdeskCore
import LinkdeskPostgres
import LinkdeskService

/// `linkdesk staff add|set|list|remove` and `linkdesk whoami` (SPEC §8): who may do what.
struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Manage the workspace's staff members and their roles.",
        discussion: """
            Roles: administrator (everything), member (shares any page's links; changes the bookings, hours, \
            dates off and policy of the booking pages they own; revokes the one-time links they made), site (the \
            booking site's own login in team mode: acts for customers only). Who is acting is the PostgreSQL login \
            in team mode and the operating-system user on a SQLite file. A workspace with no staff lets whoever runs \
            it do everything; the first staff member added must be yourself, as an administrator. Only an \
            administrator manages staff.
            """,
        subcommands: [Add.self, Set.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a staff member (their pages, if any, with --owns).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Their login: the PostgreSQL login in team mode, the system user on a SQLite file.") var login: String
        @Option(help: "Their name, as customers see it.") var name: String
        @Option(help: "Their email address (for notifications).") var email: String
        @Option(help: "administrator, member or site.") var role: StaffRole
        @Option(help: ArgumentHelp("A booking page they own (slug or name; repeatable).", valueName: "page")) var owns: [String] = []
        @Flag(help: "Team mode: read their PostgreSQL password from stdin's first line.") var passwordStdin = false

        func run() async throws {
            try await reporting {
                let app = try await global.staffContext()
                let member = try StaffMember.validated(login: login, name: name, email: email, role: role)
                let password = try passwordStdin ? StaffCommand.password(app) : nil
                guard try await !app.linkdesk.staff().contains(where: { $0.login == member.login }) else {
                    throw Refusal("\"\(member.login)\" is a staff member already: change them with `linkdesk staff set`")
                }
                try await StaffCommand.save(member, owns: owns, password: password, app)
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Change a staff member's name, email, role or pages.",
            discussion: "--owns replaces the pages they own: the pages named become theirs, and any other page of theirs is nobody's until an administrator gives it on.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Their login.") var login: String
        @Option(help: "Their name.") var name: String?
        @Option(help: "Their email address.") var email: String?
        @Option(help: "administrator, member or site.") var role: StaffRole?
        @Option(help: ArgumentHelp("A booking page they own (slug or name; repeatable).", valueName: "page")) var owns: [String] = []
        @Flag(help: "Team mode: read their new PostgreSQL password from stdin's first line.") var passwordStdin = false

        func run() async throws {
            try await reporting {
                let app = try await global.staffContext()
                let password = try passwordStdin ? StaffCommand.password(app) : nil
                guard let current = try await app.linkdesk.staff().first(where: { $0.login == login }) else {
                    throw Refusal("\"\(login)\" is not a staff member: add them with `linkdesk staff add`")
                }
                let member = try StaffMember.validated(login: current.login, name: name ?? current.name,
                                                       email: email ?? current.email, role: role ?? current.role)
                try await StaffCommand.save(member, owns: owns, password: password, app)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The staff members, with the pages they own.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await reporting {
                let app = try await global.staffContext()
                let staff = try await app.linkdesk.staff()
                let workspace = try await app.linkdesk.workspace()
                let rows = staff.map { member in
                    StaffJSON(member, owns: workspace.bookingPages.filter { $0.ownerLogin == member.login }.map(\.slug))
                }
                if json { Output.json(rows); return }
                guard !rows.isEmpty else {
                    Output.note("no staff yet: whoever runs linkdesk may do everything (add yourself first with `linkdesk staff add`)")
                    return
                }
                Output.line(TextTable.render(["LOGIN", "NAME", "EMAIL", "ROLE", "OWNS"], rows.map {
                    [$0.login, Display.clean($0.name, max: 40), $0.email, $0.role, $0.owns.joined(separator: ", ")]
                }))
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove a staff member: their pages, links and bookings stay.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Their login.") var login: String

        func run() async throws {
            try await reporting {
                let app = try await global.staffContext()
                try await app.linkdesk.removeStaff(login: login)
                Output.line("\(login) removed")
            }
        }
    }

    /// The password on stdin's first line: only in team mode, where PostgreSQL keeps it (a SQLite
    /// workspace has no passwords: who acts is the system user).
    static func password(_ app: AppContext) throws -> String {
        guard app.linkdesk.store is PostgresStore else {
            throw Refusal("--password-stdin is for team mode (PostgreSQL keeps the password); a SQLite workspace has none")
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw Refusal("--password-stdin: stdin's first line is the password, and it was empty")
        }
        return line
    }

    /// What add and set end with: the member saved (with the pages named, when any), then printed.
    static func save(_ member: StaffMember, owns: [String], password: String?, _ app: AppContext) async throws {
        let pages = owns.isEmpty ? nil : try await pageIDs(owns, app)
        try await app.linkdesk.saveStaff(member, owns: pages, password: password)
        Output.line("\(member.login): \(member.name) <\(member.email)>, \(member.role.rawValue)")
    }

    /// The booking pages named (slug or name), resolved as every command resolves a page.
    static func pageIDs(_ names: [String], _ app: AppContext) async throws -> [PageID] {
        let workspace = try await app.linkdesk.workspace()
        return try names.map { try workspace.resolvePage($0).id }
    }
}

/// `linkdesk whoami`: the login linkdesk acts as here, and its role.
struct WhoamiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "Who linkdesk acts as here (login and role).",
        discussion: "The PostgreSQL login in team mode, the system user on a SQLite file. Exit 2 when the workspace has staff and this login is not one of them.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await reporting {
            let app = try await global.staffContext()
            let viewer = try await app.linkdesk.viewer()
            let member = try await app.linkdesk.staff().first { $0.login == viewer.login }
            if json {
                Output.json(WhoamiJSON(login: viewer.login, role: viewer.role.rawValue, staff: viewer.isStaffMember, name: member?.name))
                return
            }
            Output.line(viewer.isStaffMember ? "\(viewer.login): \(member?.name ?? viewer.login), \(viewer.role.rawValue)"
                        : "\(viewer.login): administrator (the workspace has no staff yet)")
        }
    }
}

struct StaffJSON: JSONShape {
    let login: String, name: String, email: String, role: String
    let owns: [String]

    init(_ m: StaffMember, owns: [String]) {
        login = m.login
        name = m.name
        email = m.email
        role = m.role.rawValue
        self.owns = owns
    }

    var json: JSONValue {
        .object([JSONMember("login", .string(login)), JSONMember("name", .string(name)), JSONMember("email", .string(email)),
                 JSONMember("role", .string(role)), JSONMember("owns", .array(owns.map(JSONValue.string)))])
    }
}

struct WhoamiJSON: JSONShape {
    let login: String, role: String
    let staff: Bool
    let name: String?

    var json: JSONValue {
        .object([JSONMember("login", .string(login)), JSONMember("role", .string(role)), JSONMember("staff", .bool(staff)),
                 JSONMember("name", .string(orNull: name))])
    }
}

extension StaffRole: ExpressibleByArgument {}
