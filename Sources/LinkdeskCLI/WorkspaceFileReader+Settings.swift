import Foundation
import LinkdeskCore
import Yams

/// What a booking page and the workspace set beyond pages and hours: a page's scheduling
/// controls, reminders and dates with their own hours; the workspace's `notifications:` and
/// `site:` settings. Each gathers its problems like the rest of the reader.
extension WorkspaceFileReader {
    /// `scheduling: {minimum-notice: 4h, horizon: 60d, interval: 15m, daily-limit: 8, buffer-before: 10m,
    /// buffer-after: 10m}`, each optional.
    mutating func scheduling(_ node: Node, _ path: WorkspacePath) -> SchedulingControls? {
        note(path, node)
        guard let f = fields(node, Key.scheduling, required: [], what: "scheduling") else { return nil }
        var controls = SchedulingControls()
        var ok = true
        func duration(_ key: String, _ range: ClosedRange<Int>, unit: Int, _ reader: inout WorkspaceFileReader) -> Int? {
            guard let value = f[key]?.value, let text = reader.string(value, key) else { return nil }
            do {
                return try SchedulingControls.value(text, key, range: range, unit: unit)
            } catch {
                reader.fail(value, error.message.hasPrefix(key) ? error.message : "\(key): \(error.message)")
                ok = false
                return nil
            }
        }
        controls.minimumNotice = duration("minimum-notice", SchedulingControls.noticeRange, unit: 1, &self)
        controls.horizonDays = duration("horizon", SchedulingControls.horizonRange, unit: 24 * 60, &self)
        controls.interval = duration("interval", SchedulingControls.intervalRange, unit: 1, &self)
        controls.bufferBefore = duration("buffer-before", SchedulingControls.bufferRange, unit: 1, &self)
        controls.bufferAfter = duration("buffer-after", SchedulingControls.bufferRange, unit: 1, &self)
        if let value = f["daily-limit"]?.value {
            if let count = int(value, "daily-limit"), SchedulingControls.dailyLimitRange.contains(Int(count)) {
                controls.dailyLimit = Int(count)
            } else {
                fail(value, "daily-limit takes 1 to 1000")
                ok = false
            }
        }
        return ok ? controls : nil
    }

    /// The most reminders a page sends, and how early the first may come: more would be spam.
    static let maxReminders = 5
    static let maxReminderMinutes = 30 * 24 * 60

    /// `reminders: [24h, 1h]` (each a duration before the start), `[]` for none; in seconds,
    /// latest first. nil (and a problem) when an entry is not a duration.
    mutating func reminders(_ node: Node, _ path: WorkspacePath) -> [Int]? {
        note(path, node)
        var seconds: [Int] = []
        var ok = true
        let items = list(node, "reminders")
        if items.count > Self.maxReminders {
            fail(node, "reminders takes at most \(Self.maxReminders) durations")
            return nil
        }
        for item in items {
            guard let text = string(item, "a reminder") else { ok = false; continue }
            do {
                let minutes = try DurationText.minutes(text)
                guard minutes <= Self.maxReminderMinutes else {
                    fail(item, "a reminder comes at most 30d before the booking, not \(text)")
                    ok = false
                    continue
                }
                if !seconds.contains(minutes * 60) { seconds.append(minutes * 60) }
            } catch {
                fail(item, "reminders: \(error.message)")
                ok = false
            }
        }
        return ok ? seconds.sorted(by: >) : nil
    }

    /// `site: {bookings-per-client-per-hour: 5, new-page-minimum-notice: 4h}` (0: no limit, no
    /// notice). The two settings (nil inside: not set), or nil with a problem.
    mutating func site(_ node: Node) -> (limit: Int?, notice: Int?)? {
        guard let f = fields(node, Key.site, required: [], what: "site") else { return nil }
        var limit: Int?, notice: Int?
        if let value = f["bookings-per-client-per-hour"]?.value {
            guard let count = int(value, "bookings-per-client-per-hour") else { return nil }
            guard count >= 0 && count <= 10_000 else {
                fail(value, "bookings-per-client-per-hour takes 0 (no limit) to 10000, not \(count)")
                return nil
            }
            limit = Int(count)
        }
        if let value = f["new-page-minimum-notice"]?.value {
            guard let text = string(value, "new-page-minimum-notice") else { return nil }
            do {
                notice = try SchedulingControls.value(text, "new-page-minimum-notice", range: SchedulingControls.noticeRange)
            } catch {
                fail(value, error.message.hasPrefix("new-page") ? error.message : "new-page-minimum-notice: \(error.message)")
                return nil
            }
        }
        return (limit, notice)
    }

    /// `notifications: {from: "Bookings <bookings@example.com>", reply-to: …}`; a key left out is
    /// not set (nor is any without the mapping: the file names the settings whole when it has
    /// `notifications:` or `site:`).
    mutating func notifications(_ node: Node?) -> WorkspaceSettings? {
        var settings = WorkspaceSettings()
        guard let node else { return settings }
        guard let f = fields(node, Key.notifications, required: [], what: "notifications") else { return nil }
        var ok = true
        for key in Key.notifications {
            guard let value = f[key]?.value, let text = string(value, key) else { continue }
            do {
                let address = try MailAddress.parse(text)
                if key == "from" { settings.mailFrom = address } else { settings.mailReplyTo = address }
            } catch {
                fail(value, "\(key): \(error.message)")
                ok = false
            }
        }
        return ok ? settings : nil
    }

    /// `date-hours: {2026-12-24: [09:00-12:00], 2026-12-31: []}`: a date's own hours, in its
    /// weekday's place (`[]`: no slots that day).
    mutating func dateHours(_ node: Node, _ path: WorkspacePath) -> [DateHours]? {
        note(path, node)
        guard let mapping = node.mapping else {
            fail(node, "date-hours must map dates to hours (2026-12-24: [09:00-12:00])")
            return nil
        }
        var result: [DateHours] = []
        var ok = true
        for (key, value) in mapping {
            guard let text = string(key, "a date"), let date = LocalDate(text) else {
                fail(key, "date-hours takes dates written 2026-12-24")
                ok = false
                continue
            }
            var spans: [DateHours.Span] = []
            for item in list(value, "hours of \(text)") {
                guard let hoursText = string(item, "hours"), let range = Self.range(hoursText) else {
                    fail(item, "hours must look like 09:00-17:00")
                    ok = false
                    continue
                }
                let span = DateHours.Span(openMinute: range.0, closeMinute: range.1)
                if spans.contains(where: { $0.openMinute < span.closeMinute && span.openMinute < $0.closeMinute }) {
                    fail(item, "hours on \(text) overlap")
                    ok = false
                }
                spans.append(span)
            }
            if result.contains(where: { $0.date == date }) {
                fail(key, "\(text) appears twice in date-hours")
                ok = false
            }
            result.append(DateHours(date: date, spans: spans))
        }
        return ok ? result.sorted { $0.date < $1.date } : nil
    }
}
