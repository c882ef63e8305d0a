import LinkdeskTerminal

/// How the Share pop-up ended: the link Copy & close made, or cancelled.
public enum ShareOutcome<Made: Sendable>: Sendable {
    case copied(Made)
    case cancelled
}

/// What the pop-up asks its host to do: make the link of this state live and copy it.
public enum ShareProgramEffect: Sendable {
    case copy(ShareState)
}

/// How Copy & close went.
public enum ShareMessage<Made: Sendable>: Sendable {
    case copied(Made)
    /// Nothing is lost: the pop-up stays open with its inputs and says what failed.
    case copyFailed(String)
}

/// The Share pop-up as a `ProgramModel`, for `linkdesk share`: the same loop as the console.
/// `Made` is whatever the host's Copy & close returns (the store's made link).
public struct ShareProgram<Made: Sendable>: ProgramModel {
    public var state: ShareState
    public private(set) var outcome: ShareOutcome<Made>?
    /// True while Copy & close runs. Keys are still read (the screen stays live) but ignored, so
    /// a second Ctrl-Y can't make a second link and Esc can't cancel a link already being made.
    public private(set) var copying = false

    public init(state: ShareState) {
        self.state = state
    }

    public mutating func handle(_ key: Key, size: ScreenSize) -> [ShareProgramEffect] {
        guard !copying else { return [] }
        switch state.handle(key) {
        case nil: return []
        case .cancel?:
            outcome = .cancelled
            return []
        case .copy?:
            copying = true
            return [.copy(state)]
        }
    }

    public mutating func receive(_ message: ShareMessage<Made>) -> [ShareProgramEffect] {
        copying = false
        switch message {
        case .copied(let made): outcome = .copied(made)
        case .copyFailed(let reason): state.message = reason
        }
        return []
    }

    public func render(into buffer: inout CellBuffer) {
        state.render(into: &buffer)
    }
}
