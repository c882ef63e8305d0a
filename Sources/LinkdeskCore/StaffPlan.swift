/// What a workspace file's `staff:` list changes in the staff list as it is (SPEC §8): who is
/// added, changed and removed, shown as `workspace apply` shows a plan, then applied one member
/// at a time in an order that never leaves the list without an administrator on the way.
public struct StaffPlan: Equatable, Sendable {
    public let added: [StaffMember]
    public let changed: [StaffMember]
    public let removed: [StaffMember]

    public init(current: [StaffMember], proposed: [StaffMember]) {
        added = proposed.filter { member in !current.contains { $0.login == member.login } }
        changed = proposed.filter { member in current.contains { $0.login == member.login && $0 != member } }
        removed = current.filter { member in !proposed.contains { $0.login == member.login } }
    }

    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }
    public var count: Int { added.count + changed.count + removed.count }

    /// One line per change, as the workspace plan's own lines are written.
    public var lines: [String] {
        added.map { "+ staff \($0.login): \($0.name) <\($0.email)>, \($0.role.rawValue)" }
            + changed.map { "~ staff \($0.login): \($0.name) <\($0.email)>, \($0.role.rawValue)" }
            + removed.map { "- staff \($0.login)" }
    }

    public enum Step: Equatable, Sendable {
        case save(StaffMember)
        case remove(login: String)
    }

    /// The changes in an order each of whose intermediate lists `StaffRules.checkStaffList`
    /// accepts when the final one does: whoever applies it first (the first staff list must name
    /// them), then administrators, then everyone else; removals last.
    public func steps(by login: String) -> [Step] {
        let saves = (added + changed).sorted { a, b in
            func rank(_ m: StaffMember) -> Int { m.login == login ? 0 : m.role == .administrator ? 1 : 2 }
            return rank(a) < rank(b)
        }
        return saves.map(Step.save) + removed.map { .remove(login: $0.login) }
    }
}
