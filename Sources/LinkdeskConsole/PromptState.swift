import Foundation
import LinkdeskCore
import LinkdeskTerminal

/// A one-line text question (a cancel reason, a new link, a file name, a URL to open).
public struct PromptState: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case cancelReason(BookingID, required: Bool)
        case newSlug(PageID)
        case exportPath
        case customerURL
    }

    public var title: String
    public var label: String
    public var purpose: Purpose
    public var field: TextField
    public var problem: String?

    public init(title: String, label: String, purpose: Purpose, text: String = "") {
        self.title = title
        self.label = label
        self.purpose = purpose
        self.field = TextField(text)
    }

    /// The effect the answer leads to, or a problem to show while the prompt stays open.
    func submit() -> Result<ConsoleEffect, Refusal> {
        let text = field.text.trimmingCharacters(in: .whitespaces)
        switch purpose {
        case .cancelReason(let id, let required):
            if required && text.isEmpty { return .failure(Refusal(.reasonRequired(verb: "cancel"))) }
            return .success(.cancel(booking: id, reason: text.isEmpty ? nil : text))
        case .newSlug(let page):
            guard Slug.isValid(text) else { return .failure(Refusal("use 2–64 letters, digits, - or _")) }
            return .success(.setSlug(page: page, slug: text))
        case .exportPath:
            guard !text.isEmpty else { return .failure(Refusal("type a file name")) }
            return .success(.exportReport(path: text))
        case .customerURL:
            guard !text.isEmpty else { return .failure(Refusal("paste a link")) }
            return .success(.openCustomerLink(url: text))
        }
    }
}
