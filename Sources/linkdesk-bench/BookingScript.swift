/// The wrk script of a booking run: each request POSTs a booking through the next prepared
/// one-time link at the next free slot. The input must outlast the run: wrk divides by the
/// duration it was given, whenever its threads stop, so a run that used up its links would
/// report a rate too low (and a link used twice would measure the refusal, not a booking).
/// The callers prepare more links than a run at full speed uses on the development machine;
/// should a faster one use them all, the thread stops at the last answer, and `ranOut` tells
/// the caller to say the figure is a lower bound. Bookings (303) and refusals are counted
/// apart, per thread, and summed in `done`.
enum BookingScript {
    /// True when a run's answers reached the links it had (its rate is then a lower bound).
    static func ranOut(_ figures: ServeBenchmark.Figures, links: Int) -> Bool {
        figures.booked + figures.refused >= links
    }

    static func lua(paths: [String], slots: [String], delayMs: Int? = nil) -> String {
        // Bodies are written out here, whole, so that wrk's thread (which shares the machine with
        // what it measures) does no more per request than pick the next path and body.
        var lua = "paths = {\n" + paths.map { "\"\($0)\"" }.joined(separator: ",\n") + "}\nbodies = {\n"
            + slots.prefix(paths.count).map { "\"event=1&slot=\($0.replacingOccurrences(of: ":", with: "%3A"))\"" }
                .joined(separator: ",\n") + "}\n"
        if let delayMs { lua += "delay = function() return \(delayMs) end\n" }
        lua += """
            local threads = {}
            function setup(thread) table.insert(threads, thread) end
            function init(args) i = 0; booked = 0; refused = 0 end
            headers = {["Content-Type"] = "application/x-www-form-urlencoded", ["Sec-Fetch-Site"] = "same-origin"}
            function request()
              i = i + 1
              local n = math.min(i, #paths)
              return wrk.format("POST", paths[n], headers, bodies[n])
            end
            function response(status, headers, body)
              if status == 303 then booked = booked + 1 else refused = refused + 1 end
              if booked + refused >= #paths then wrk.thread:stop() end
            end
            function done(summary, latency, requests)
              local b, r = 0, 0
              for _, t in ipairs(threads) do b = b + t:get("booked"); r = r + t:get("refused") end
              io.write(string.format("FIGURES rps=%.2f p50=%.3f p90=%.3f p99=%.3f errors=%d non2xx=%d requests=%d booked=%d refused=%d seconds=%.3f\\n",
                summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
                latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
                summary.errors.status, summary.requests, b, r, summary.duration / 1e6))
            end

            """
        return lua
    }
}
