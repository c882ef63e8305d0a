import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal

/// What a key does in a confirmation, a prompt or help.
public enum ModalAction: Equatable, Sendable {
    /// Confirmation: yes. Prompt: use what is typed.
    case confirm
    /// Close the modal, doing nothing.
    case dismiss
}

/// Each modal has its own keys as data (lazygit's popups are contexts with their own key
/// bindings): dispatch reads them, the hint bar shows them instead of the view's (whose keys
/// don't work while the modal is open), and the dialog footers are generated from them.
extension Modal {
    /// Empty for the Share pop-up, which draws its own hint bar from its own bindings.
    public var bindings: [KeyBinding<ModalAction>] {
        switch self {
        case .share: []
        case .confirm(let confirmation): confirmation.bindings
        case .prompt(let prompt): prompt.bindings
        case .help: Self.helpBindings
        }
    }

    static let helpBindings: [KeyBinding<ModalAction>] = [
        KeyBinding([.esc, .enter, .char("?"), .char("q"), .function(1), .ctrl("c")], hint: "close", help: "Close this list",
                   action: .dismiss, priority: 9),
    ]
}

extension Confirmation {
    public var bindings: [KeyBinding<ModalAction>] {
        [KeyBinding([.char("y"), .char("Y"), .enter], hint: confirmLabel, help: "Yes: \(confirmLabel)", action: .confirm,
                    priority: 9, label: "y"),
         KeyBinding([.char("n"), .char("N"), .esc, .ctrl("c")], hint: "keep as is", help: "No: keep everything as it is",
                    action: .dismiss, priority: 8, label: "n/Esc")]
    }
}

extension PromptState {
    /// Enter and Esc; every other key edits the field.
    public var bindings: [KeyBinding<ModalAction>] {
        [KeyBinding(.enter, hint: "ok", help: "Use what is typed", action: .confirm, priority: 9),
         KeyBinding([.esc, .ctrl("c")], hint: "cancel", help: "Close without doing anything", action: .dismiss, priority: 8,
                    label: "Esc")]
    }
}

/// "y revoke   n/Esc keep as is": a dialog's footer, from the same bindings as its hint bar.
func dialogFooter(_ bindings: [KeyBinding<ModalAction>]) -> String {
    bindings.map { $0.keyLabels + " " + $0.hint }.joined(separator: "   ")
}

extension ConsoleState {
    mutating func handleModal(_ current: Modal, _ key: Key, data: ConsoleData) -> ConsoleEffect? {
        switch current {
        case .share(var share):
            let effect = share.handle(key)
            modal = .share(share)
            switch effect {
            case .cancel?: modal = nil
            case .copy?:
                guard let page = share.page else { return nil }
                return .share(page: page.id, personalization: share.personalization, oneTime: share.oneTime,
                              token: share.token, campaignURL: share.campaign == nil ? nil : share.url)
            case nil: break
            }
        case .confirm(let confirmation):
            guard case .action(let action) = confirmation.bindings.dispatch(key) else { return nil }
            modal = nil
            switch action {
            case .confirm: return confirmation.effect
            case .dismiss: break
            }
        case .prompt(var prompt):
            switch prompt.bindings.dispatch(key) {
            case .action(.confirm):
                switch prompt.submit() {
                case .success(let effect): modal = nil; return effect
                case .failure(let refusal): prompt.problem = refusal.message; modal = .prompt(prompt)
                }
            case .action(.dismiss): modal = nil
            case .disabled, .unbound:
                prompt.problem = nil
                prompt.field.handle(key)
                modal = .prompt(prompt)
            }
        case .help:
            if case .action = Modal.helpBindings.dispatch(key) { modal = nil }
        }
        return nil
    }

    /// An effect's result (or news from outside), shown where the user is looking. The data a
    /// message carries is merged into the snapshot by `ConsoleProgram`; this is the state's part.
    public mutating func receive(_ message: ConsoleMessage) {
        switch message {
        case .storeChanged:
            // The stream is back (a store's stream says "changed" once it can read again).
            storeProblem = nil
        case .reloaded, .rescheduleSlotsLoaded, .bookingsLoaded, .messagesLoaded: break
        case .messageResent(let item):
            show("the \(item.notice.kind.rawValue) of booking #\(item.bookingID) will be sent again on the sender's next round", failed: false)
        case .changeCheckFailed(let reason):
            storeProblem = reason
            status = nil
        case let .linkShared(url, copied, token):
            nextToken = token
            if case .share? = modal { modal = nil }
            recentURLs.insert(url, at: 0)
            customer.recentURLs = recentURLs
            links.recentURLs = recentURLs
            show("\(copied): \(url)", failed: false)
        case .revoked(let linkID): show("revoked \(linkID)", failed: false)
        case let .rulesChanged(ruleType, stopped):
            show("\(ruleType.title) now; \(stopped) one-time link\(stopped == 1 ? "" : "s") stopped working", failed: false)
        case .slugChanged(let url): show("link changed to \(url); the former link no longer works", failed: false)
        case .bookingCanceled(let booking): show("booking #\(booking.id) canceled", failed: false)
        case .bookingMoved(let booking): show("booking #\(booking.id) moved", failed: false)
        case let .bookingMarked(booking, status): show("booking #\(booking.id) marked \(status.rawValue.lowercased())", failed: false)
        case .booked(let booking):
            customer.bookingFinished(.booked(booking))
            show("booked #\(booking.id)", failed: false)
        case .customerLinkOpened(let snapshot):
            customer.linkOpened(failed: snapshot.refusal != nil)
            show(snapshot.refusal?.message ?? "opened \(snapshot.page?.name ?? snapshot.url)", failed: snapshot.refusal != nil)
        case .reportExported(let path): show("report written to \(path)", failed: false)
        case let .textCopied(label, copied): show("\(copied): \(label)", failed: false)
        case .setupApplied(let summary):
            setup.saved(.success(()))
            show("saved: \(summary)", failed: false)
        case let .failed(effect, reason): failed(effect, reason: reason)
        }
    }

    private mutating func failed(_ effect: ConsoleEffect, reason: String) {
        switch effect {
        case .share:
            if case .share(var share)? = modal {
                share.message = reason  // nothing typed is lost: the pop-up stays open
                modal = .share(share)
                return
            }
        case .book: customer.bookingFinished(.failed(reason))
        case .applySetup: setup.saved(.failure(Refusal(reason)))
        case .openCustomerLink: customer.linkOpened(failed: true)
        case .reload:
            show("could not refresh: \(reason)", failed: true)
            return
        default: break
        }
        show(reason, failed: true)
    }
}
