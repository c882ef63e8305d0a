public enum Scenario: String, Codable, Equatable, Sendable {
    case ruleBased = "rule-based"
    case pooled = "pooled"

    public var title: String {
        switch self {
        case .ruleBased: return "Rule-based assignment"
        case .pooled: return "Pooled availability"
        }
    }
}

public enum RuleType: String, Codable, Equatable, Sendable, CaseIterable {
    case dynamic, `static`

    public var title: String { self == .dynamic ? "Dynamic rules" : "Static rules" }
}

/// An event-based rule: customers who pick `eventTypeID` are booked with `primaryPageID`.
public struct DynamicRule: Codable, Equatable, Sendable {
    public var eventTypeID: EventTypeID
    public var primaryPageID: PageID

    public init(eventTypeID: EventTypeID, primaryPageID: PageID) {
        self.eventTypeID = eventTypeID
        self.primaryPageID = primaryPageID
    }
}

/// A team page over several booking pages.
public struct MasterPage: Codable, Equatable, Sendable {
    public var id: PageID
    public var name: String
    public var slug: String
    public var scenario: Scenario
    public var ruleType: RuleType
    public var locale: String
    public var theme: String
    public var memberIDs: [PageID]
    public var eventTypeIDs: [EventTypeID]
    public var rules: [DynamicRule]

    public init(id: PageID, name: String, slug: String, scenario: Scenario, ruleType: RuleType,
                locale: String, theme: String, memberIDs: [PageID], eventTypeIDs: [EventTypeID],
                rules: [DynamicRule]) {
        self.id = id
        self.name = name
        self.slug = slug
        self.scenario = scenario
        self.ruleType = ruleType
        self.locale = locale
        self.theme = theme
        self.memberIDs = memberIDs
        self.eventTypeIDs = eventTypeIDs
        self.rules = rules
    }

    /// SPEC §1: the only pages that may have one-time links.
    public var allowsOneTimeLinks: Bool { Self.allowsOneTimeLinks(scenario: scenario, ruleType: ruleType) }

    /// The rule itself, for a store that reads only these two settings (`PageSummary`).
    public static func allowsOneTimeLinks(scenario: Scenario, ruleType: RuleType) -> Bool {
        scenario == .ruleBased && ruleType == .dynamic
    }
}
