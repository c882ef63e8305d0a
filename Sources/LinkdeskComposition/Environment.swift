import Foundation

/// The process's environment, one variable at a time through `getenv`. A command reads five or
/// six variables; `ProcessInfo.processInfo.environment` sets up ProcessInfo and copies every
/// variable into a dictionary first, which was a twentieth of `linkdesk pages --json`.
struct Environment: Sendable {
    subscript(name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
