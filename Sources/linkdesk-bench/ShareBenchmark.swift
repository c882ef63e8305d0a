import Foundation

/// Issue 3's targets, on a workspace of 1,000 pages and 100,000 bookings: process start → first
/// frame of the Share pop-up, time per keystroke (key in → redrawn frame out: update, render,
/// diff and write), peak RSS; and `dialog --inputbox` to its first frame in the same run.
struct ShareBenchmark {
    let iterations: Int

    func run() {
        let linkdesk = siblingBinary("linkdesk")
        let (dir, env) = BigWorkspace.prepare("share", linkdesk: linkdesk)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        var firstFrames: [Double] = [], keys: [Double] = [], rss: [Double] = []
        for _ in 0..<iterations {
            let app = PTYProcess([linkdesk, "share"], environment: env)
            firstFrames.append(app.waitFor("Share a booking link"))
            app.drain()
            for _ in 0..<20 { keys.append(app.keystroke([0x09])) }  // Tab: focus moves, frame changes
            app.send([0x03])  // Ctrl-C cancels
            rss.append(app.finish())
        }
        let dialogFrames = dialogFirstFrames(env)
        report(firstFrames: firstFrames, keys: keys, rss: rss, dialog: dialogFrames)
    }

    private func dialogFirstFrames(_ env: [String: String]) -> [Double] {
        guard let dialog = which("dialog") else {
            print("  dialog not installed (apt-get install dialog): comparison skipped")
            return []
        }
        return (0..<iterations).map { _ in
            let other = PTYProcess([dialog, "--inputbox", "Customer name", "8", "40"], environment: env)
            let ms = other.waitFor("Customer name")
            other.send([0x1B])
            _ = other.finish()
            return ms
        }
    }

    private func report(firstFrames: [Double], keys: [Double], rss: [Double], dialog: [Double]) {
        print("benchmark: linkdesk share over 1,000 pages and 100,000 bookings, \(iterations) runs at 80×24")
        line("first frame", median(firstFrames), "ms", target: 50)
        line("keystroke  ", median(keys), "ms", target: 5, extra: "  p90 \(fmt(percentile(keys, 0.9))) ms")
        line("peak RSS   ", rss.max() ?? .nan, "MiB", target: 30)
        if !dialog.isEmpty {
            let ratio = median(firstFrames) / median(dialog)
            print("  dialog --inputbox first frame median \(fmt(median(dialog))) ms; linkdesk/dialog ratio \(fmt(ratio))×")
        }
    }

    private func line(_ name: String, _ value: Double, _ unit: String, target: Double, extra: String = "") {
        print("  \(name) \(fmt(value)) \(unit)\(extra)  (target ≤ \(fmt(target)) \(unit): \(value <= target ? "met" : "NOT met"))")
    }
}
