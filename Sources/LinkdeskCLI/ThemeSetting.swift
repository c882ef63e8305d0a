import Foundation
import LinkdeskComposition
import LinkdeskCore
import LinkdeskTerminal

/// Theme choice: `--theme`, else the config file, else the default; NO_COLOR always wins.
enum ThemeSetting {
    static func resolve(flag: ThemeName?) throws -> Theme {
        let env = Environment()  // the three variables read, not a copy of them all
        let name = flag?.rawValue ?? configured(env)
        if let name, Theme.named(name) == nil {
            throw Refusal("unknown theme \"\(name)\" in the config file: use light, dark or mono")
        }
        return Theme.resolve(name: name, environment: env["NO_COLOR"].map { ["NO_COLOR": $0] } ?? [:])
    }

    /// `theme = dark` in $XDG_CONFIG_HOME/linkdesk/config (default ~/.config).
    static func configured(_ env: Environment) -> String? {
        let home = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (env["HOME"] ?? "") + "/.config"
        guard let text = try? String(contentsOfFile: home + "/linkdesk/config", encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "theme" { return parts[1] }
        }
        return nil
    }
}
