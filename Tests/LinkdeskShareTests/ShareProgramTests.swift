import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal
import Testing

/// The pop-up in the shared loop, as `linkdesk share` runs it, and the focus after Personalize.
@Suite("Share pop-up: the loop and Personalize's focus")
struct ShareProgramTests {
    /// Issue §5: with the focus left on the page field, the letters of "Smythe" fired shortcuts
    /// (the `m` switched the campaign to Mailchimp).
    @Test("p moves the focus to Customer name: a name typed right away is the name")
    func personalizeFocusesName() throws {
        var state = try Demo.state()
        state.offersCampaigns = true
        state.press(.char("p"))
        #expect(state.focus == .name)
        state.type("Jane Smythe")
        #expect(state.name.text == "Jane Smythe")
        #expect(state.campaign == nil && state.personalize && !state.oneTime && state.dropdown == nil)
    }

    @Test("Space on the Personalize toggle also moves the focus to Customer name; off keeps it")
    func toggleFocusesName() throws {
        var state = try Demo.state()
        state.focus(on: .personalize)
        state.press(.space)
        #expect(state.personalize && state.focus == .name)
        state.focus(on: .personalize)
        state.press(.space)
        #expect(!state.personalize && state.focus == .personalize)
    }

    typealias Made = String

    @Test("Copy & close runs as an effect; its result ends the pop-up with the link made")
    func copyThroughTheLoop() async throws {
        let backend = TestBackend(script: [.key(.ctrl("y")), .pause(milliseconds: 5_000)])
        let program = Program(model: ShareProgram<Made>(state: try Demo.state()), backend: backend,
                              perform: { effect in
                                  guard case .copy(let state) = effect else { return .copyFailed("?") }
                                  return .copied(state.url)
                              })
        let outcome = try await program.runOnThread()
        guard case .copied(let url) = outcome else { Issue.record("not copied: \(outcome)"); return }
        #expect(url == program.model.state.url)
    }

    @Test("a failed Copy & close shows in the pop-up, which stays open with its inputs; Esc cancels")
    func copyFails() async throws {
        var state = try Demo.state()
        state.press(.char("p"))
        state.type("Jane")
        let backend = TestBackend(script: [.key(.ctrl("y")), .waitFor(text: "database is busy"), .key(.esc)])
        let program = Program(model: ShareProgram<Made>(state: state), backend: backend,
                              perform: { _ in .copyFailed("database is busy") })
        let outcome = try await program.runOnThread()
        guard case .cancelled = outcome else { Issue.record("\(outcome)"); return }
        #expect(program.model.state.name.text == "Jane")
    }

    @Test("Esc cancels through the loop; nothing is performed")
    func cancel() async throws {
        let program = Program(model: ShareProgram<Made>(state: try Demo.state()), backend: TestBackend(script: [.key(.esc)]),
                              perform: { _ in .copyFailed("must not run") })
        guard case .cancelled = try await program.runOnThread() else { Issue.record("not cancelled"); return }
    }
}
