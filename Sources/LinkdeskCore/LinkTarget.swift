/// What the path of a link names: a page's public slug, or a one-time token (`/.TOKEN`).
public enum LinkTarget: Equatable, Hashable, Sendable {
    case page(slug: String)
    case oneTime(token: String)
}

/// A link as data: where it points and who it is personalized for.
public struct Link: Equatable, Hashable, Sendable {
    public var target: LinkTarget
    public var personalization: Personalization

    public init(target: LinkTarget, personalization: Personalization = Personalization()) {
        self.target = target
        self.personalization = personalization
    }

    public enum Kind: String, Codable, Sendable {
        case general, personalized, oneTime = "one-time", campaign
    }

    public var kind: Kind {
        if case .oneTime = target { return .oneTime }
        return personalization.isEmpty ? .general : .personalized
    }
}
