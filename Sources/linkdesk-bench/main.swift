import Foundation

// linkdesk-bench: end-to-end benchmarks that print their figures (README "Benchmarks").
// Build in release mode first: `swift build -c release`, then `.build/release/linkdesk-bench link`.

let arguments = Array(CommandLine.arguments.dropFirst())
let which = arguments.first ?? "link"
let iterations = arguments.dropFirst().first.flatMap(Int.init) ?? 40

switch which {
case "link":
    LinkBenchmark(iterations: iterations).run()
case "share":
    ShareBenchmark(iterations: arguments.dropFirst().first.flatMap(Int.init) ?? 10).run()
case "bookings": BookingsBenchmark(iterations: arguments.dropFirst().first.flatMap(Int.init) ?? 10).run()
case "batch": BatchBenchmark(rounds: arguments.dropFirst().first.flatMap(Int.init) ?? 3).run()
case "-h", "--help", "help":
    print("usage: linkdesk-bench [link|share] [ITERATIONS]")
default:
    FileHandle.standardError.write(Data("linkdesk-bench: unknown benchmark \"\(which)\" (try: link, share)\n".utf8))
    exit(2)
}
