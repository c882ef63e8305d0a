import Testing
@testable import LinkdeskTerminal

@Suite("Themes")
struct ThemeTests {
    @Test("themes are found by id or name, ignoring case")
    func lookup() {
        #expect(Theme.named("light") == .light)
        #expect(Theme.named("Dark") == .dark)
        #expect(Theme.named("MONO") == .monochrome)
        #expect(Theme.named("monochrome") == .monochrome)
        #expect(Theme.named(" light system theme (default) ") == .light)
        #expect(Theme.named("solarized") == nil)
    }

    @Test("light is the default; NO_COLOR forces monochrome")
    func resolve() {
        #expect(Theme.resolve(name: nil, environment: [:]) == .light)
        #expect(Theme.resolve(name: "dark", environment: [:]) == .dark)
        #expect(Theme.resolve(name: "dark", environment: ["NO_COLOR": "1"]) == .monochrome)
        #expect(Theme.resolve(name: "dark", environment: ["NO_COLOR": ""]) == .dark, "no-color.org: empty means unset")
        #expect(Theme.resolve(name: "nope", environment: [:]) == .light)
    }

    @Test("monochrome uses attributes only and still tells focus, selection and toggles apart")
    func monochrome() {
        let theme = Theme.monochrome
        #expect(!theme.usesColor)
        for role in StyleRole.allCases {
            let style = theme.style(for: role)
            #expect(style.foreground == .terminalDefault && style.background == .terminalDefault)
        }
        #expect(theme.style(for: .focus).attributes.contains(.reverse))
        #expect(theme.style(for: .selection).attributes.contains(.reverse))
        #expect(theme.style(for: .toggleOn) != theme.style(for: .toggleOff))
        #expect(theme.style(for: .normal) != theme.style(for: .error))
    }

    @Test("every colour theme styles every role")
    func complete() {
        for theme in Theme.all {
            #expect(Set(StyleRole.allCases.map { theme.style(for: $0) }).count > 3)
        }
        #expect(Theme.light.name == "Light system theme (default)")
        #expect(Theme.all.map(\.id) == ["light", "dark", "mono"])
    }
}
