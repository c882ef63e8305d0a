import ArgumentParser
import LinkdeskClipboard
import LinkdeskConsole
import LinkdeskCore

// Options with a fixed set of values are enums: they parse, list their values in `--help`, and
// complete in shells; a wrong value is one line naming the choices (exit 2).

/// `--view`: a console view by its name, its tab title, its full title or its number key, so that
/// whatever the tab line shows ("5 Log", "7 Guest") opens it.
enum ViewOption: String, CaseIterable, ExpressibleByArgument {
    case pages, master, links, bookings, activity, reports, customer, buttons

    var view: ViewID {
        switch self {
        case .pages: .pages
        case .master: .master
        case .links: .links
        case .bookings: .bookings
        case .activity: .activity
        case .reports: .reports
        case .customer: .customer
        case .buttons: .buttons
        }
    }

    init?(argument: String) {
        let wanted = argument.trimmingCharacters(in: .whitespaces).lowercased()
        let match = Self.allCases.first { option in
            let view = option.view
            return [option.rawValue, String(view.rawValue), view.shortTitle.lowercased(), view.title.lowercased()]
                .contains(wanted)
        }
        guard let match else { return nil }
        self = match
    }

    static var allValueStrings: [String] {
        allCases.map(\.rawValue) + ["log", "guest", "1-8"]
    }

    static var defaultCompletionKind: CompletionKind { .list(allCases.map(\.rawValue)) }
}

/// `--theme`.
enum ThemeName: String, CaseIterable, ExpressibleByArgument {
    case light, dark, mono

    init?(argument: String) {
        let wanted = argument.trimmingCharacters(in: .whitespaces).lowercased()
        guard let match = Self(rawValue: wanted == "monochrome" ? "mono" : wanted) else { return nil }
        self = match
    }
}

extension CampaignFormat: ExpressibleByArgument {
    public init?(argument: String) {
        guard let format = CampaignFormat.named(argument) else { return nil }
        self = format
    }
}

extension ClipboardHelper: ExpressibleByArgument {
    public init?(argument: String) {
        guard let helper = ClipboardHelper.named(argument) else { return nil }
        self = helper
    }
}

extension RuleType: ExpressibleByArgument {
    public init?(argument: String) {
        guard let type = RuleType(rawValue: argument.lowercased()) else { return nil }
        self = type
    }
}

/// `mark`'s outcome.
enum Outcome: String, CaseIterable, ExpressibleByArgument {
    case completed, noShow = "no-show"

    init?(argument: String) {
        switch argument.lowercased() {
        case "completed": self = .completed
        case "no-show", "noshow": self = .noShow
        default: return nil
        }
    }

    var status: BookingStatus { self == .completed ? .completed : .noShow }
}
