import Foundation

/// Failures of the store itself (not of a rule): the CLI prints `message` as its one line.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
