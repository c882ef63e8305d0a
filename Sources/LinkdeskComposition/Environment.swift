import Foundation

/// The process's environment, one variable at a time through `getenv`. A command reads five or
/// six variables; `ProcessInfo.processInfo.environment` sets up ProcessInfo and copies every
/// variable into a dictionary first, which was a twentieth of `linkdesk pages --json`.
public struct Environment: Sendable {
    public init() {}

    public subscript(name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The variable's value, with an empty one counted as unset (`LINKDESK_DB= linkdesk …`).
    public func nonEmpty(_ name: String) -> String? {
        self[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}
