import Foundation

/// Issue 4's "Speed" targets for the Bookings view, on 1,000 pages and 100,000 bookings: process
/// start → first frame of the Bookings view (`linkdesk console`, `4` pressed once the console's
/// first frame is up), time per filter keystroke (key in → redrawn frame out: the store's search
/// and count, render, diff, write), peak RSS; and `fzf --filter` over the same 100,000 customer
/// lines in the same run, for scale.
struct BookingsBenchmark {
    let iterations: Int
    /// Typed after `/` one key at a time: the first keys match every booking, the last few.
    let filterText = "tomer 42"
    /// Shown by the Bookings view only, and only once the 100,000 bookings are counted.
    let bookingsMarker = "of 100,000"

    func run() {
        let linkdesk = siblingBinary("linkdesk")
        let (dir, env) = BigWorkspace.prepare("bookings", linkdesk: linkdesk)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        var consoleFrames: [Double] = [], bookingFrames: [Double] = [], keys: [Double] = [], rss: [Double] = []
        for _ in 0..<iterations {
            // The console's first frame, then (a separate start) the Bookings view as first frame.
            let plain = PTYProcess([linkdesk, "console"], environment: env)
            consoleFrames.append(plain.waitFor(" quit"))  // the hint bar: the frame's last line
            plain.send(Array("q".utf8))
            _ = plain.finish()
            let app = PTYProcess([linkdesk, "console", "--view", "bookings"], environment: env)
            bookingFrames.append(app.waitFor(bookingsMarker))
            app.drain()
            _ = app.keystroke(Array("/".utf8))
            for character in filterText.utf8 { keys.append(app.keystroke([character])) }
            app.send([0x0D])  // Enter keeps the filter and leaves the field
            app.drain()
            app.send(Array("q".utf8))
            rss.append(app.finish())
        }
        let fzf = fzfTimes(db: dir + "/big.sqlite", dir: dir)
        report(console: consoleFrames, bookings: bookingFrames, keys: keys, rss: rss, fzf: fzf)
    }

    /// `fzf --filter` over one line per booking (customer name and email), as many runs as ours.
    private func fzfTimes(db: String, dir: String) -> [Double] {
        guard let fzf = which("fzf") else {
            print("  fzf not installed (apt-get install fzf): comparison skipped")
            return []
        }
        guard let sqlite3 = which("sqlite3") else { fail("sqlite3 is not installed (apt-get install sqlite3)") }
        let lines = timed(sqlite3, [db, "SELECT customer_name || ' <' || customer_email || '>' FROM booking ORDER BY start, id;"])
        let file = dir + "/customers.txt"
        guard lines.status == 0, FileManager.default.createFile(atPath: file, contents: Data(lines.out.utf8)) else {
            fail("could not write \(file)")
        }
        return (0..<iterations).map { _ in timed(fzf, ["--filter", filterText], stdin: file).ms }
    }

    private func report(console: [Double], bookings: [Double], keys: [Double], rss: [Double], fzf: [Double]) {
        print("benchmark: linkdesk console, Bookings view over 1,000 pages and 100,000 bookings, \(iterations) runs at 80×24")
        line("console first frame ", median(console), "ms", target: 15, extra: "  (process start → hint bar, default view; SPEC §3)")
        line("Bookings first frame", median(bookings), "ms", target: 50, extra: "  (process start → \"\(bookingsMarker)\")")
        line("filter keystroke    ", median(keys), "ms", target: 16,
             extra: "  p90 \(fmt(percentile(keys, 0.9))) ms  max \(fmt(keys.max() ?? .nan)) ms  (\(keys.count) keys typing \"\(filterText)\")")
        line("peak RSS            ", rss.max() ?? .nan, "MiB", target: 50)
        if !fzf.isEmpty {
            let ratio = median(keys) / median(fzf)
            print("  fzf --filter \"\(filterText)\" over 100,000 lines median \(fmt(median(fzf))) ms; "
                + "linkdesk keystroke/fzf ratio \(fmt(ratio))×")
        }
    }

    private func line(_ name: String, _ value: Double, _ unit: String, target: Double, extra: String = "") {
        print("  \(name) \(fmt(value)) \(unit)\(extra)  (target ≤ \(fmt(target)) \(unit): \(value <= target ? "met" : "NOT met"))")
    }
}
