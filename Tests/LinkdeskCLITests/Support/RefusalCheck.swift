import Foundation
import LinkdeskTestSupport
import Testing

extension CLIWorkspace {
    /// Runs a command that a rule (or bad input) must refuse: exit 2, nothing on stdout, exactly
    /// one line "linkdesk: <reason>" on stderr containing `reason`, and the database unchanged
    /// (bookings, one-time links, activity and pages compared before and after).
    @discardableResult
    func expectRefused(_ arguments: [String], _ reason: String, exact: Bool = false, now: String? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> Finished {
        let before = try snapshot()
        let result = try run(arguments, now: now)
        #expect(result.status == 2, "linkdesk \(arguments): \(result)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "stdout must stay empty on refusal: \(result)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "exactly one line on stderr: \(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasSuffix("\n"), sourceLocation: sourceLocation)
        let line = result.stderrLines.first ?? ""
        #expect(line.hasPrefix("linkdesk: "), "\(result)", sourceLocation: sourceLocation)
        if exact {
            #expect(line == "linkdesk: " + reason, sourceLocation: sourceLocation)
        } else {
            #expect(line.contains(reason), "expected \"\(reason)\" in \"\(line)\"", sourceLocation: sourceLocation)
        }
        let after = try snapshot()
        #expect(before == after, "the refused command changed the database", sourceLocation: sourceLocation)
        return result
    }
}
