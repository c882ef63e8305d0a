import ArgumentParser
import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskTerminal

/// Exit codes, documented in README: 0 done, 1 cancelled by the user (dialog's convention),
/// 2 refused by a rule or bad input, 3 the store failed (busy, missing, not a database),
/// 4 no usable terminal for an interactive command.
enum ExitStatus {
    static let cancelled = ExitCode(1)
    static let refused = ExitCode(2)
    static let storeFailed = ExitCode(3)
    static let noTerminal = ExitCode(4)
}

extension Refusal {
    /// The rule's sentence as the command line says it: with the flag that answers it, where one does.
    var commandLineMessage: String {
        switch reason {
        case .reasonRequired: message + " (use --reason)"
        case .eventTypeRequired(let offered): "choose an event type with --event: " + Refusal.Reason.quoted(offered)
        case .oneTimeOptionsWithoutOneTime: "--uses and --expires apply to one-time links only (add --one-time)"
        case .slotDays: "--days must be between \(SlotFinder.dayRange.lowerBound) and \(SlotFinder.dayRange.upperBound)"
        default: message
        }
    }
}

/// Runs a command body and turns every failure into one line on stderr and a non-zero exit.
func reporting(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let refusal as Refusal {
        Output.note(refusal.commandLineMessage)
        throw ExitStatus.refused
    } catch let error as StoreError {
        Output.note(error.message)
        throw ExitStatus.storeFailed
    } catch let error as TerminalError {
        Output.note(error.description)
        throw ExitStatus.noTerminal
    } catch let exit as ExitCode {
        throw exit
    } catch {
        Output.note("\(error)")
        throw ExitStatus.storeFailed
    }
}
