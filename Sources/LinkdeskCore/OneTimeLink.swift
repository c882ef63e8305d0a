import Foundation

/// A one-time link as stored: no token, only its hash and a listing id.
public struct OneTimeLink: Codable, Equatable, Sendable {
    public var linkID: String
    public var tokenHash: String
    public var masterPageID: PageID
    public var createdAt: Date
    public var expiresAt: Date
    public var usesAllowed: Int
    public var usesLeft: Int
    public var revokedAt: Date?
    public var invalidatedAt: Date?
    /// Name (or email) the link was personalized for, for the listing; nil when general.
    public var personalizedFor: String?
    /// The login of the staff member who made it (SPEC §8: a member revokes the links they
    /// made); nil for links made before the workspace recorded who acts.
    public var madeBy: String?

    public init(linkID: String, tokenHash: String, masterPageID: PageID, createdAt: Date, expiresAt: Date,
                usesAllowed: Int, usesLeft: Int, revokedAt: Date? = nil, invalidatedAt: Date? = nil,
                personalizedFor: String? = nil, madeBy: String? = nil) {
        self.linkID = linkID
        self.tokenHash = tokenHash
        self.masterPageID = masterPageID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usesAllowed = usesAllowed
        self.usesLeft = usesLeft
        self.revokedAt = revokedAt
        self.invalidatedAt = invalidatedAt
        self.personalizedFor = personalizedFor
        self.madeBy = madeBy
    }

    public enum Status: String, Codable, Sendable, CaseIterable {
        case live, used, expired, revoked, invalidated
    }

    /// A link can be dead for several reasons at once. Revoking is the most deliberate; a link
    /// used up stays "used" even after a rule change marked it invalidated (the mark is kept so
    /// that its bookings can't be rescheduled), because "used" is what happened to it.
    public func status(at now: Date) -> Status {
        if revokedAt != nil { return .revoked }
        if usesLeft <= 0 { return .used }
        if invalidatedAt != nil { return .invalidated }
        if now >= expiresAt { return .expired }
        return .live
    }

    /// The refusal a customer gets when trying to use this link now, or nil when it can be used.
    public func refusal(at now: Date) -> Refusal? {
        switch status(at: now) {
        case .live: return nil
        case .used: return Refusal(.deadLink(.used))
        case .expired: return Refusal(.deadLink(.expired))
        case .revoked: return Refusal(.deadLink(.revoked))
        case .invalidated: return Refusal(.deadLink(.invalidated))
        }
    }
}

/// The options of a new one-time link, checked against SPEC's limits.
public struct OneTimeOptions: Equatable, Sendable {
    public static let defaultExpiryDays = 90
    public static let maxUses = 10_000

    public var uses: Int
    public var expiresAt: Date?

    public init(uses: Int = 1, expiresAt: Date? = nil) {
        self.uses = uses
        self.expiresAt = expiresAt
    }

    /// The options a request for a new link asks for: uses and an expiry are for one-time links
    /// only (the one place this is decided, for every front end that offers them).
    public static func requested(oneTime: Bool, uses: Int?, expiresAt: Date?) throws(Refusal) -> OneTimeOptions? {
        guard oneTime else {
            if uses != nil || expiresAt != nil { throw Refusal(.oneTimeOptionsWithoutOneTime) }
            return nil
        }
        return OneTimeOptions(uses: uses ?? 1, expiresAt: expiresAt)
    }

    /// Resolves the expiry (90 days by default; a shorter one may be set, never a longer one).
    public func expiry(from now: Date) throws(Refusal) -> Date {
        guard (1...Self.maxUses).contains(uses) else {
            throw Refusal("uses must be between 1 and \(Self.maxUses)")
        }
        let longest = now.addingTimeInterval(TimeInterval(Self.defaultExpiryDays * 86_400))
        guard let expiresAt else { return longest }
        guard expiresAt > now else { throw Refusal("expiry must be in the future") }
        guard expiresAt <= longest else { throw Refusal("a one-time link expires within 90 days at most") }
        return expiresAt
    }
}
