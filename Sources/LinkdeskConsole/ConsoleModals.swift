import LinkdeskCore
import LinkdeskShare
import LinkdeskTerminal

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
            switch key {
            case .char("y"), .char("Y"), .enter: modal = nil; return confirmation.effect
            case .char("n"), .char("N"), .esc, .ctrl("c"): modal = nil
            default: break
            }
        case .prompt(var prompt):
            switch key {
            case .esc, .ctrl("c"): modal = nil
            case .enter:
                switch prompt.submit() {
                case .success(let effect): modal = nil; return effect
                case .failure(let refusal): prompt.problem = refusal.message; modal = .prompt(prompt)
                }
            default:
                prompt.problem = nil
                prompt.field.handle(key)
                modal = .prompt(prompt)
            }
        case .help:
            if [.esc, .enter, .char("?"), .char("q"), .function(1), .ctrl("c")].contains(key) { modal = nil }
        }
        return nil
    }

    /// The runner reports how an effect went; the console shows it where the user is looking.
    public mutating func apply(_ result: EffectResult, of effect: ConsoleEffect, nextToken token: String) {
        nextToken = token
        if case .share = effect, case .share(var share)? = modal {
            if result.failed {
                share.message = result.message  // nothing typed is lost: the pop-up stays open
                modal = .share(share)
                return
            }
            modal = nil
            if let url = result.url { recentURLs.insert(url, at: 0) }
            customer.recentURLs = recentURLs
            links.recentURLs = recentURLs
        }
        if case .book = effect { customer.bookingFinished(result) }
        if case .openCustomerLink = effect { customer.linkOpened(result) }
        show(result.message, failed: result.failed)
    }
}
