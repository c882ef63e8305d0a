import Foundation

// linkdesk-bench: end-to-end benchmarks that print their figures (README "Benchmarks").
// Build in release mode first: `swift build -c release --static-swift-stdlib`, then `.build/release/linkdesk-bench link`.

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
case "team": TeamBenchmark(seconds: arguments.dropFirst().first.flatMap(Int.init) ?? 10).run()
case "-h", "--help", "help":
    print("usage: linkdesk-bench [link|read|share|bookings|batch|harness|serve|team] [ITERATIONS]")
default:
    FileHandle.standardError.write(Data("linkdesk-bench: unknown benchmark \"\(benchmark)\" (try: link, read, share, bookings, batch, harness, serve, team)\n".utf8))
    exit(2)
}
