import Foundation
import LinkdeskCore

extension OutboxItem {
    /// An outbox row as a store read it, its kind and state still text: one rule for every store,
    /// refusing a row a newer linkdesk wrote.
    public static func stored(id: Int64, bookingID: BookingID, kind: String, state: String, due: Date, sequence: Int,
                              before: Int?, attempts: Int, lastError: String?, sentAt: Date?) throws -> OutboxItem {
        guard let kind = BookingNotice.Kind(rawValue: kind), let known = OutboxState(rawValue: state) else {
            throw StoreError("the outbox holds a row linkdesk does not know (kind \(kind), state \(state)): upgrade linkdesk")
        }
        return OutboxItem(id: id, bookingID: bookingID, notice: OutboxNotice(kind: kind, due: due, sequence: sequence, before: before),
                          state: known, attempts: attempts, lastError: lastError, sentAt: sentAt)
    }
}
