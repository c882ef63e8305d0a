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

    /// The list as it will be once applied.
    public func final(from current: [StaffMember]) -> [StaffMember] {
        let touched = Set((added + changed + removed).map(\.login))
        return current.filter { !touched.contains($0.login) } + added + changed
    }

    /// The changes in an order each of whose intermediate lists `StaffRules.checkStaffList`
    /// accepts when the final one does, and in which the applier keeps the right to manage staff
    /// until their last step: their own entry first when it keeps them an administrator (the
    /// first staff list must name them), last when it takes that away; then administrators,
    /// then everyone else; removals after the saves, their own removal last of all.
    public func steps(by login: String) -> [Step] {
        func rank(_ m: StaffMember) -> Int {
            if m.login == login { return m.role == .administrator ? 0 : 3 }
            return m.role == .administrator ? 1 : 2
        }
        let saves = (added + changed).sorted { rank($0) < rank($1) }
        let (kept, ownDemotion) = (saves.filter { rank($0) < 3 }, saves.filter { rank($0) == 3 })
        let (others, own) = (removed.filter { $0.login != login }, removed.filter { $0.login == login })
        return kept.map(Step.save) + others.map { .remove(login: $0.login) } + ownDemotion.map(Step.save)
            + own.map { .remove(login: $0.login) }
    }
}
