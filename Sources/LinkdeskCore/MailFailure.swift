/// Why a message was not delivered, as a sender acts on it: retried later (`transient`: the
/// server could not be reached, answered 4xx, or the exchange broke off), given up at once
/// (`permanent`: the server answered 5xx, e.g. 550 mailbox unavailable), or not attempted
/// (`setUp`: no mail library, a message that cannot be sent as given).
public struct MailFailure: Error, Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case transient, permanent, setUp }
    public var kind: Kind
    /// The server's last reply code, when it answered.
    public var code: Int?
    /// One line for the outbox and the console ("550 mailbox unavailable", "connection refused").
    public var reason: String

    public init(kind: Kind, code: Int?, reason: String) {
        self.kind = kind
        self.code = code
        self.reason = reason
    }
}

/// What delivers a message: the team's mail server (`LinkdeskMail.SMTPSender`). nil when it
/// took the message.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async -> MailFailure?
    /// Runs `work` where the transport sends (`SMTPSender`: its thread of the lowest CPU
    /// priority), so that making a message yields to the booking site as sending it does.
    func background<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T
}

extension MailTransport {
    /// Where the caller is, for a transport without a thread of its own.
    public func background<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T { work() }
}
