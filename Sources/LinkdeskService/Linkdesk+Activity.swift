import Foundation
import LinkdeskCore

/// The breakdowns of bookings and the one-time funnel (SPEC §1 reports).
public struct Report: Sendable, Equatable {
    public var rows: [ReportRow]
    public var funnel: OneTimeFunnel
}

extension Linkdesk {
    /// The activity stream, newest first. A link's expiry happens by the clock, not by an action,
    /// so it is not written anywhere: it is computed when read, and shown at the moment the link
    /// expired. Reading therefore never writes.
    public func activity(limit: Int, workspace given: Workspace? = nil) async throws -> [ActivityEvent] {
        let now = self.now
        let recorded = try await store.activity(limit: limit)
        let expired = try await store.oneTimeLinks(expiredBy: now, limit: limit)
        guard !expired.isEmpty else { return recorded }
        let workspace = if let given { given } else { try await store.workspace() }
        let expiries = expired.map { link in
            ActivityEvent(at: link.expiresAt, actor: .staff, kind: .oneTimeExpired,
                          subject: workspace.page(id: link.masterPageID)?.name ?? "", detail: link.linkID)
        }
        return Self.merged(recorded, expiries, limit: limit)
    }

    /// Two newest-first lists as one; at equal times a recorded event comes first.
    static func merged(_ a: [ActivityEvent], _ b: [ActivityEvent], limit: Int) -> [ActivityEvent] {
        var result: [ActivityEvent] = []
        result.reserveCapacity(min(limit, a.count + b.count))
        var (i, j) = (0, 0)
        while result.count < limit, i < a.count || j < b.count {
            if j >= b.count || (i < a.count && a[i].at >= b[j].at) {
                result.append(a[i]); i += 1
            } else {
                result.append(b[j]); j += 1
            }
        }
        return result
    }

    /// Bookings starting in [from, to) broken down by each dimension, and the one-time funnel.
    public func report(by dimensions: [ReportDimension] = ReportDimension.standard, from: Date? = nil, to: Date? = nil,
                       workspace given: Workspace? = nil) async throws -> Report {
        let workspace = if let given { given } else { try await store.workspace() }
        let bookings = try await store.bookings(BookingQuery(limit: Int.max))
        let rows = dimensions.flatMap { Reports.breakdown(bookings, by: $0, workspace: workspace, from: from, to: to) }
        return Report(rows: rows, funnel: Reports.funnel(try await store.oneTimeLinks(), now: now))
    }
}
