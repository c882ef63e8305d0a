import Foundation
import LinkdeskTestSupport
import Testing

/// The gate every test here sits behind: a missing tool skips (CI unset) or fails (CI=true).
@Suite("Tool gating")
struct ToolGatingTests {
    static let absent = "linkdesk-no-such-tool"

    @Test("LINKDESK_TEST_HIDE_TOOLS lists names separated by commas or spaces")
    func hiddenList() {
        #expect(Tools.hidden(environment: [:]).isEmpty)
        #expect(Tools.hidden(environment: [Tools.hideVariable: "tmux"]) == ["tmux"])
        #expect(Tools.hidden(environment: [Tools.hideVariable: "tmux,xclip Xvfb"]) == ["tmux", "xclip", "Xvfb"])
    }

    @Test("a tool that is not installed is missing, and the trait skips for it unless CI=true")
    func missingTool() async throws {
        #expect(Tools.path(Self.absent) == nil)
        #expect(Tools.missing(["sh", Self.absent]) == [Self.absent])
        let trait = ConditionTrait.tools("sh", Self.absent)
        #expect(try await trait.evaluate() == Tools.onCI)
        #expect(trait.comments.map(\.rawValue) == ["\(Self.absent) not installed (with CI=true this test fails instead)"])
        #expect(try await ConditionTrait.tools("sh").evaluate(), "/bin/sh is always there")
    }

    @Test("require fails the test, naming the missing tool")
    func requireFails() throws {
        try withKnownIssue {
            try Tools.require("sh", Self.absent)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.hasPrefix("\(Self.absent) not installed") }
        }
    }
}
