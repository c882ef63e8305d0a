import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A load generator with a fixed request rate, for "p99 ≤ 10 ms at a capped 1,000 req/s": wrk
/// has no rate cap (wrk2, which has, is not packaged for Debian), and a Lua `delay` in wrk both
/// lowers the rate by each response's own time and leaves out the time a request waited behind
/// a slow one (coordinated omission). Here every request has a scheduled send time — request k
/// of the run at `k / rate` seconds, spread over the keep-alive connections in turn — and its
/// latency runs from that scheduled time (not from when it could actually be sent) to the last
/// byte of its response, so a stall counts for every request it held up.
///
/// Each connection is a thread with a blocking socket; the harness's own work per request is a
/// write and reads of a few kilobytes, which runs on the load generator's core, not the server's.
struct CappedLoad {
    let port: Int
    let path: String
    let rate: Double
    let connections: Int
    let seconds: Double

    struct Outcome {
        var latenciesMs: [Double] = []
        var failures = 0
        var achievedRate = 0.0
    }

    func run() -> Outcome {
        let total = Int(rate * seconds)
        let interval = 1.0 / rate
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8)
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var latencies: [Double] = []
            var failures = 0
            var lastDone = 0.0
        }
        let results = Results()
        let start = Self.monotonic() + 0.05
        let group = DispatchGroup()
        for connection in 0..<connections {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                var mine: [Double] = []
                var failed = 0
                var last = 0.0
                guard let socket = Self.connect(port: port) else {
                    results.lock.lock(); results.failures += total / connections; results.lock.unlock()
                    return
                }
                defer { close(socket) }
                var buffer = [UInt8](repeating: 0, count: 256 * 1024)
                var k = connection
                while k < total {
                    let scheduled = start + Double(k) * interval
                    let wait = scheduled - Self.monotonic()
                    if wait > 0 { usleep(useconds_t(wait * 1e6)) }
                    if Self.exchange(socket, request, &buffer) {
                        last = Self.monotonic()
                        mine.append((last - scheduled) * 1000)
                    } else {
                        failed += 1
                        break
                    }
                    k += connections
                }
                results.lock.lock()
                results.latencies += mine
                results.failures += failed
                results.lastDone = max(results.lastDone, last)
                results.lock.unlock()
            }
            thread.start()
        }
        group.wait()
        let elapsed = max(results.lastDone - start, 1e-9)
        return Outcome(latenciesMs: results.latencies.sorted(), failures: results.failures,
                       achievedRate: Double(results.latencies.count) / elapsed)
    }

    static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func connect(port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); return nil }
        return fd
    }

    /// Sends one request and reads its whole response (headers, then Content-Length bytes of
    /// body); false when the connection failed or the status was not 200.
    static func exchange(_ fd: Int32, _ request: [UInt8], _ buffer: inout [UInt8]) -> Bool {
        let sent = request.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard sent == request.count else { return false }
        var have = 0
        var need: Int?
        var ok = false
        while have < (need ?? Int.max) {
            guard have < buffer.count else { return false }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + have, $0.count - have) }
            guard n > 0 else { return false }
            have += n
            if need == nil, let end = headerEnd(buffer, have) {
                let head = String(decoding: buffer[0..<end], as: UTF8.self).lowercased()
                ok = head.hasPrefix("http/1.1 200")
                guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
                      let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) else {
                    return false
                }
                need = end + 4 + length
            }
        }
        return ok
    }

    static func headerEnd(_ data: [UInt8], _ count: Int) -> Int? {
        guard count >= 4 else { return nil }
        for i in 0...(count - 4) where data[i] == 13 && data[i + 1] == 10 && data[i + 2] == 13 && data[i + 3] == 10 { return i }
        return nil
    }
}

extension CappedLoad.Outcome {
    func percentile(_ p: Double) -> Double {
        guard !latenciesMs.isEmpty else { return .infinity }
        let index = min(latenciesMs.count - 1, Int((p / 100 * Double(latenciesMs.count)).rounded(.up)) - 1)
        return latenciesMs[max(index, 0)]
    }
}
