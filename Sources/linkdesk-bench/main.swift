import Foundation

// linkdesk-bench: end-to-end benchmarks that print their figures (README "Benchmarks").
// Build in release mode first: `swift build -c release --toolset Sources/linkdesk/release.toolset.json`, then `.build/release/linkdesk-bench link`.

let arguments = Array(CommandLine.arguments.dropFirst())
let benchmark = arguments.first ?? "link"
let iterations = arguments.dropFirst().first.flatMap(Int.init) ?? 40

switch benchmark {
case "link":
    LinkBenchmark(iterations: iterations).run()
case "read":
    ReadBenchmark(iterations: iterations).run()
case "share":
    ShareBenchmark(iterations: arguments.dropFirst().first.flatMap(Int.init) ?? 10).run()
case "bookings": BookingsBenchmark(iterations: arguments.dropFirst().first.flatMap(Int.init) ?? 10).run()
case "batch": BatchBenchmark(rounds: arguments.dropFirst().first.flatMap(Int.init) ?? 3).run()
case "harness": HarnessCheck(iterations: iterations).run()
case "serve": ServeBenchmark(seconds: arguments.dropFirst().first.flatMap(Int.init) ?? 10).run()
case "team":
    var team = TeamBenchmark(seconds: max(arguments.dropFirst().first.flatMap(Int.init) ?? 5, 1))
    if let rounds = arguments.dropFirst(2).first.flatMap(Int.init), rounds > 0 { team.rounds = rounds }
    team.run()
case "mail":
    var mail = MailBenchmark(seconds: arguments.dropFirst().first.flatMap(Int.init) ?? 5)
    if let rounds = arguments.dropFirst(2).first.flatMap(Int.init), rounds > 0 { mail.rounds = rounds }
    mail.run()
case "calendars":
    CalendarBenchmark(staff: arguments.dropFirst().first.flatMap(Int.init) ?? 50,
                      events: arguments.dropFirst(2).first.flatMap(Int.init) ?? 5_000).run()
case "capped-load":
    // Used by `serve` (pinned to a core of its own): PORT PATH RATE CONNECTIONS SECONDS.
    let a = Array(arguments.dropFirst())
    guard a.count == 5, let port = Int(a[0]), let rate = Double(a[2]), let connections = Int(a[3]), let seconds = Double(a[4]) else {
        fail("usage: linkdesk-bench capped-load PORT PATH RATE CONNECTIONS SECONDS")
    }
    let outcome = CappedLoad(port: port, path: a[1], rate: rate, connections: connections, seconds: seconds).run()
    print(String(format: "FIGURES rps=%.2f p50=%.3f p90=%.3f p99=%.3f errors=%d non2xx=0 requests=%d", outcome.achievedRate,
                 outcome.percentile(50), outcome.percentile(90), outcome.percentile(99), outcome.failures, outcome.latenciesMs.count))
case "-h", "--help", "help":
    print("usage: linkdesk-bench [link|read|share|bookings|batch|harness|serve|team|mail|calendars] [ITERATIONS]")
default:
    FileHandle.standardError.write(Data("linkdesk-bench: unknown benchmark \"\(benchmark)\" (try: link, read, share, bookings, batch, harness, serve, team, mail, calendars)\n".utf8))
    exit(2)
}
