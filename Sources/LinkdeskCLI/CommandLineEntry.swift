import ArgumentParser
import Foundation
import LinkdeskStore

extension LinkdeskCommand {
    /// The process entry point. Differs from `main()` in two ways users notice:
    /// global options may come before the command (`linkdesk --db x.sqlite pages`), and a bad
    /// command line is one line on stderr with exit 2, like every other bad input.
    public static func run(arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        do {
            if let fast = FastCommandLine.match(arguments) {
                try await fast()
                ExitingStores.close()
                Foundation.exit(0)
            }
            var command = try parseAsRoot(GlobalArguments.reordered(arguments))
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            ExitingStores.close()
            Foundation.exit(0)
        } catch let status as ExitCode {
            // Our own status (`reporting` has written the one line on stderr), or a plain exit
            // code: out at once. ArgumentParser's `exit(withError:)` prints nothing for it either,
            // but builds the command's help first — 4.5 M instructions on Cancel or a refusal.
            ExitingStores.close()
            Foundation.exit(status.rawValue)
        } catch {
            ExitingStores.close()
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }  // help, version
            FileHandle.standardError.write(Data("linkdesk: \(oneLine(message(for: error))) (see linkdesk help)\n".utf8))
            Foundation.exit(2)
        }
    }
}

extension LinkdeskCommand {
    /// ArgumentParser's message as one line: a list of choices it puts on lines of their own
    /// ("Please provide one of the following:\n  - pages\n …") joins the first line.
    static func oneLine(_ message: String) -> String {
        let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = lines.first else { return "invalid command line" }
        let choices = lines.dropFirst().prefix { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
        guard first.hasSuffix(":"), !choices.isEmpty else { return first }
        return first + " " + choices.joined(separator: ", ")
    }
}

/// Moves global options written before the subcommand to just after it, where every
/// subcommand's `@OptionGroup` parses them.
enum GlobalArguments {
    static let withValue: Set<String> = ["--db", "--base-url", "--clipboard"]

    static func reordered(_ arguments: [String]) -> [String] {
        var globals: [String] = [], rest = arguments[...]
        while let first = rest.first {
            let name = String(first.split(separator: "=", maxSplits: 1)[0])
            guard withValue.contains(name) else { break }
            globals.append(first)
            rest = rest.dropFirst()
            if !first.contains("="), let value = rest.first {
                globals.append(value)
                rest = rest.dropFirst()
            }
        }
        guard !globals.isEmpty else { return arguments }
        // A command path may be several words (`page set-link`): globals go after the words that
        // name subcommands, which never start with "-".
        let names = commandWords(in: rest)
        return Array(rest.prefix(names)) + globals + Array(rest.dropFirst(names))
    }

    private static func commandWords(in arguments: ArraySlice<String>) -> Int {
        var command: ParsableCommand.Type = LinkdeskCommand.self
        var count = 0
        for word in arguments {
            guard let next = command.configuration.subcommands.first(where: { $0.configuration.commandName == word }) else { break }
            command = next
            count += 1
        }
        return count
    }
}

/// The hot command lines, matched by hand: argument-parser's parse (reflection over every
/// option's property wrapper, its completion-script check, generic metadata) was more than half
/// of `linkdesk pages --json`'s instructions. Only these exact spellings are matched; everything
/// else — help, errors, global options, any other flag or order — goes to `parseAsRoot`, so its
/// messages stay argument-parser's. Each runs the same body as the parsed command, with the
/// values the parse would give; `FastCommandLineTests` compares both routes' output.
enum FastCommandLine {
    typealias Run = () async throws -> Void

    static func match(_ arguments: [String]) -> Run? {
        let context = { try GlobalOptions.context(database: nil, baseURL: nil, clipboard: nil) }
        // The console runs loads and searches side by side: readers in parallel.
        let console = { try GlobalOptions.context(database: nil, baseURL: nil, clipboard: nil, reads: .pool) }
        switch arguments {
        case [], ["console"]:
            return { try await ConsoleCommandLine.run(theme: nil, view: nil, context: console) }
        case ["share"]:
            return { try await ShareCommand.run(page: nil, theme: nil, context: context) }
        case ["pages"], ["pages", "--json"]:
            let json = arguments.count == 2
            return { try await PagesCommand.run(json: json, context: context) }
        case ["bookings"], ["bookings", "--json"]:
            let json = arguments.count == 2
            return { try await BookingsCommand.run(search: nil, live: false, limit: BookingsCommand.defaultLimit, json: json, context: context) }
        case _ where arguments.count >= 2 && arguments.count <= 3 && arguments[0] == "link" && isValue(arguments[1])
                && (arguments.count == 2 || arguments[2] == "--one-time"):
            let link = LinkArguments(page: arguments[1], oneTime: arguments.count == 3)
            // A one-time link is a write: its reads go through the connection that writes it.
            let reads: ReadConnections = link.oneTime ? .writer : .one
            return { try await link.run(context: { try GlobalOptions.context(database: nil, baseURL: nil, clipboard: nil, reads: reads) }) }
        default:
            return nil
        }
    }

    /// A word argument-parser reads as a plain positional value (not an option, not help).
    private static func isValue(_ word: String) -> Bool {
        !word.isEmpty && !word.hasPrefix("-") && word != "help"
    }
}
