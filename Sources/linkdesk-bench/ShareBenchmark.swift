import Foundation

/// One full-screen program measured on a pty: process start → `marker` on the terminal (the
/// first frame; markers are the end of the frame as drawn: the hint bar, dialog's bottom border), then
/// `keys` keystrokes (key in → first byte of the redrawn frame out), then `quit`.
struct FrameProbe {
    let argv: [String]
    let marker: String
    let key: [UInt8]
    let keys: Int
    let quit: [UInt8]

    func run(_ env: [String: String]) -> (first: Double, keys: [Double], rss: Double) {
        let app = PTYProcess(argv, environment: env)
        let first = app.waitFor(marker)
        app.drain()
        let times = (0..<keys).map { _ in app.keystroke(key) }
        app.send(quit)
        return (first, times, app.finish())
    }

    /// `dialog --inputbox`, the comparison for both first frames: a full-screen ncurses program
    /// that loads no database and no Swift runtime. Typing a letter echoes it in the field.
    static func dialog(_ path: String, keys: Int) -> FrameProbe {
        FrameProbe(argv: [path, "--inputbox", "Customer name", "8", "40"], marker: "qj", key: Array("a".utf8),
                   keys: keys, quit: [0x1B])
    }
}

/// SPEC §3's targets on a workspace of 1,000 pages and 100,000 bookings, side by side with
/// `dialog --inputbox` in the same run (rounds alternate which goes first): the Share pop-up's
/// first frame ≤ 12 ms (`linkdesk share`), the console's first frame ≤ 15 ms (`linkdesk console`,
/// Pages view), a keystroke < 1 ms in both (Tab in the pop-up, ↓ in the console's page list), and
/// the pop-up's peak RSS.
struct ShareBenchmark {
    let iterations: Int
    let keysPerRun = 20

    func run() {
        let linkdesk = siblingBinary("linkdesk")
        let (dir, env) = BigWorkspace.prepare("share", linkdesk: linkdesk)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dialogPath = which("dialog")
        if dialogPath == nil { print("  dialog not installed (apt-get install dialog): comparison skipped") }

        let share = FrameProbe(argv: [linkdesk, "share"], marker: " choose page", key: [0x09], keys: keysPerRun,
                               quit: [0x03])
        let console = FrameProbe(argv: [linkdesk, "console"], marker: " quit", key: Array("\u{1B}OB".utf8),
                                 keys: keysPerRun, quit: Array("q".utf8))
        let dialog = dialogPath.map { FrameProbe.dialog($0, keys: keysPerRun) }

        var shareFirst: [Double] = [], shareKeys: [Double] = [], rss: [Double] = []
        var consoleFirst: [Double] = [], consoleKeys: [Double] = []
        var dialogFirst: [Double] = [], dialogKeys: [Double] = []
        for round in 0..<iterations + 1 {
            var steps: [() -> Void] = [
                {
                    let r = share.run(env)
                    if round > 0 { shareFirst.append(r.first); shareKeys += r.keys; rss.append(r.rss) }
                },
                {
                    let r = console.run(env)
                    if round > 0 { consoleFirst.append(r.first); consoleKeys += r.keys }
                },
            ]
            if let dialog {
                steps.append {
                    let r = dialog.run(env)
                    if round > 0 { dialogFirst.append(r.first); dialogKeys += r.keys }
                }
            }
            if round % 2 == 1 { steps.reverse() }
            steps.forEach { $0() }  // round 0 is a warm-up
        }

        print("benchmark: linkdesk share and console over 1,000 pages and 100,000 bookings vs dialog --inputbox, "
            + "\(iterations) interleaved runs at 80×24 (SPEC §3)")
        print(targetLine("share first frame   ", median(shareFirst), "ms", target: 12,
                         extra: "  p90 \(fmt(percentile(shareFirst, 0.9))) ms"))
        print(targetLine("share keystroke     ", median(shareKeys), "ms", target: 1, strict: true,
                         extra: "  p90 \(fmt(percentile(shareKeys, 0.9))) ms  (\(shareKeys.count) Tabs)"))
        print(targetLine("console first frame ", median(consoleFirst), "ms", target: 15,
                         extra: "  p90 \(fmt(percentile(consoleFirst, 0.9))) ms"))
        print(targetLine("console keystroke   ", median(consoleKeys), "ms", target: 1, strict: true,
                         extra: "  p90 \(fmt(percentile(consoleKeys, 0.9))) ms  (\(consoleKeys.count) ↓)"))
        print(targetLine("share peak RSS      ", rss.max() ?? .nan, "MiB", target: 30))
        if !dialogFirst.isEmpty {
            print("  dialog first frame   \(fmt(median(dialogFirst))) ms  p90 \(fmt(percentile(dialogFirst, 0.9))) ms;"
                + "  dialog keystroke \(fmt(median(dialogKeys))) ms")
            print("  ratios to dialog: share first frame \(fmt(median(shareFirst) / median(dialogFirst)))×, "
                + "console first frame \(fmt(median(consoleFirst) / median(dialogFirst)))×, "
                + "share keystroke \(fmt(median(shareKeys) / median(dialogKeys)))×")
        }
    }
}
