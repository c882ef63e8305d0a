import Foundation
import LinkdeskCore
import LinkdeskTerminal

/// Keys of the Customer view, step by step, and what they do.
extension CustomerScreen {
    public func bindings(_ data: ConsoleData) -> [KeyBinding<ConsoleAction>] {
        switch stage(data) {
        case .pick:
            return ListBindings.all + [
                KeyBinding(.enter, hint: "open", help: "Open the selected link as the customer would", action: .useRecentLink,
                           priority: 5),
                KeyBinding(.char("p"), hint: "paste a link", help: "Paste any booking link to open", action: .enterLink,
                           priority: 4),
            ]
        case .refused:
            return [KeyBinding(.enter, hint: "choose another link", help: "Go back to the links", action: .stepBack, priority: 5),
                    stepBackKey]
        case .form:
            return [
                KeyBinding([.tab, .down], hint: "next field", help: "Move to the next field", action: .down,
                           showsInHintBar: false),
                KeyBinding([.backTab, .up], hint: "previous field", help: "Move to the previous field", action: .up,
                           showsInHintBar: false),
                KeyBinding(.enter, hint: "continue", help: "Continue to the event types", action: .open,
                           disabledReason: formProblem(data), priority: 5),
                stepBackKey,
            ]
        case .event, .slot:
            let empty = stage(data) == .event ? offeredEvents(data).isEmpty : freeSlots(data).isEmpty
            let reason = stage(data) == .event ? "this page offers no event type" : "no free time in the next 7 days"
            return ListBindings.all + [
                KeyBinding(.enter, hint: "choose", help: "Choose the selected row", action: .open,
                           disabledReason: empty ? (filter.isEmpty ? reason : "nothing matches the filter") : nil, priority: 5),
                stepBackKey,
            ]
        case .confirm:
            return [KeyBinding([.enter, .char("b")], hint: "book", help: "Book this time as the customer", action: .book,
                               priority: 5),
                    stepBackKey]
        case .done:
            return [KeyBinding(.enter, hint: "start over", help: "Start over with another (or the same) link",
                               action: .startOver, priority: 5),
                    stepBackKey]
        }
    }

    /// Esc steps back through the flow; the global Esc (previous view) applies on the first step.
    /// Hidden from the hint bar, where the global "Esc back" already stands for it.
    private var stepBackKey: KeyBinding<ConsoleAction> {
        KeyBinding(.esc, hint: "back", help: "Go back one step of the booking flow", action: .stepBack, priority: 3,
                   showsInHintBar: false)
    }

    public mutating func perform(_ action: ConsoleAction, data: ConsoleData, rows: Int) -> ConsoleCommand? {
        sync(data)
        let visible = Self.listRows(rows)
        switch action {
        case .stepBack: stepBack(data); return nil
        case .startOver: restart(); return nil
        case .enterLink: return pastePrompt()
        default: break
        }
        switch step {
        case .pick: return performPick(action, data: data, visible: visible)
        case .form: return performForm(action, data: data)
        case .event:
            if events.apply(action, ids: offeredEvents(data).map(\.id), visible: visible) { return nil }
            guard action == .open, let chosen = events.selected(in: offeredEvents(data).map(\.id)) else { return nil }
            event = chosen
            advance(to: .slot)
        case .slot:
            if slots.apply(action, ids: freeSlots(data).map(\.start), visible: visible) { return nil }
            guard action == .open, let chosen = slots.selected(in: freeSlots(data).map(\.start)) else { return nil }
            start = chosen
            advance(to: .confirm)
        case .confirm: return action == .book ? book(data) : nil
        case .refused, .done: break
        }
        return nil
    }

    public mutating func typed(_ key: Key, data: ConsoleData) -> ConsoleCommand? {
        sync(data)
        guard step == .form else { return nil }
        if field == .name {
            var text = name ?? TextField(nameText(data))
            text.handle(key)
            name = text
        } else {
            var text = email ?? TextField(emailText(data))
            text.handle(key)
            email = text
        }
        return nil
    }

    private mutating func performPick(_ action: ConsoleAction, data: ConsoleData, visible: Int) -> ConsoleCommand? {
        let items = pickItems(data)
        if pick.apply(action, ids: items.map(\.id), visible: visible) { return nil }
        guard action == .useRecentLink || action == .open else { return nil }
        let id = pick.selected(in: items.map(\.id))
        guard let url = items.first(where: { $0.id == id })?.url else { return pastePrompt() }
        formSkipped = (try? LinkURL.read(url, base: data.base))?.personalization.skipsForm
        return .effect(.openCustomerLink(url: url))
    }

    private mutating func pastePrompt() -> ConsoleCommand {
        formSkipped = nil  // known only once the runner has read the pasted link
        return .prompt(PromptState(title: "Open a link as the customer", label: "Paste a booking link:", purpose: .customerURL))
    }

    private mutating func performForm(_ action: ConsoleAction, data: ConsoleData) -> ConsoleCommand? {
        switch action {
        case .down, .up: field = field == .name ? .email : .name
        case .open:
            if let problem = formProblem(data) { return .message(problem) }
            (name, email) = (TextField(nameText(data)), TextField(emailText(data)))
            advance(to: .event)
        default: break
        }
        return nil
    }

    private mutating func book(_ data: ConsoleData) -> ConsoleCommand? {
        guard let customer = data.customer,
              let slot = customer.slots.first(where: { $0.event.id == event && $0.start == start }) else {
            advance(to: .slot)
            return .message("that time was just taken: choose another")
        }
        let form = Personalization(name: nameText(data), email: emailText(data))
        return .effect(.book(url: customer.url, event: slot.event.name, start: slot.start, form: form))
    }

    private mutating func advance(to next: Step) {
        step = next
        filter = ""
    }

    mutating func stepBack(_ data: ConsoleData) {
        switch step {
        case .pick: return
        case .refused, .form: restart()
        case .event: skipsForm(data) ? restart() : advance(to: .form)
        case .slot: advance(to: .event)
        case .confirm: advance(to: .slot)
        case .done:
            guard case .failed? = outcome else { restart(); return }
            outcome = nil
            advance(to: .slot)  // the form and event type are kept: pick another time
        }
    }

    /// Back to the link list, keeping its cursor (the same link is one Enter away).
    mutating func restart() {
        advance(to: .pick)
        (name, email, field, event, start, outcome, formSkipped) = (nil, nil, .name, nil, nil, nil, nil)
        events.reset()
        slots.reset()
    }
}
