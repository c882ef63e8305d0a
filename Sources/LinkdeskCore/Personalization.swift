import Foundation

/// The customer details a personalized link carries (SPEC §1). Every field is optional;
/// an empty string counts as absent so that a cleared form field disappears from the URL.
public struct Personalization: Codable, Equatable, Hashable, Sendable {
    public var name: String?
    public var email: String?
    public var phone: String?
    /// Digits only.
    public var mobile: String?
    public var company: String?
    public var location: String?
    public var subject: String?
    public var note: String?
    /// `skip=0`: show the booking form (prefilled) even though name and email are known.
    public var showForm: Bool
    /// The customer's time zone as the booking site knew it when they booked (their browser's):
    /// kept with the booking so that its emails give times in it. Never part of a link.
    public var timeZone: String?

    public init(name: String? = nil, email: String? = nil, phone: String? = nil, mobile: String? = nil,
                company: String? = nil, location: String? = nil, subject: String? = nil,
                note: String? = nil, showForm: Bool = false) {
        self.showForm = showForm
        // Through the subscript, so that an empty string counts as absent here too.
        for (key, value) in zip(Self.keys, [name, email, phone, mobile, company, location, subject, note]) {
            self[key] = value
        }
    }

    /// The query keys in the order they appear in a built URL.
    public static let keys = ["name", "email", "phone", "mobile", "company", "location", "subject", "note"]

    public subscript(key: String) -> String? {
        get {
            switch key {
            case "name": name
            case "email": email
            case "phone": phone
            case "mobile": mobile
            case "company": company
            case "location": location
            case "subject": subject
            case "note": note
            default: nil
            }
        }
        set {
            let value = newValue?.isEmpty == true ? nil : newValue
            switch key {
            case "name": name = value
            case "email": email = value
            case "phone": phone = value
            case "mobile": mobile = value
            case "company": company = value
            case "location": location = value
            case "subject": subject = value
            case "note": note = value
            default: break
            }
        }
    }

    public var isEmpty: Bool { Self.keys.allSatisfy { self[$0] == nil } && !showForm }

    /// SPEC: name + valid email skip the form unless `skip=0`; otherwise the form always shows.
    public var skipsForm: Bool {
        guard let name, !name.trimmingCharacters(in: .whitespaces).isEmpty, let email, EmailAddress.isValid(email) else { return false }
        return !showForm
    }

    /// Checks what the builder would otherwise put into a URL that no customer could use.
    public func validated() throws(Refusal) -> Personalization {
        if let email, !EmailAddress.isValid(email) {
            throw Refusal("invalid email \"\(email)\"")
        }
        if let mobile, !mobile.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            throw Refusal("mobile takes digits only, got \"\(mobile)\"")
        }
        return self
    }
}
