import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// CPU time that processes still running have used, read from `/proc` (Linux): what a
/// benchmark divides by its operations to say where the machine's time went, which moves far
/// less from one minute to the next than a rate does on a shared machine. Reading it costs a
/// few file reads between runs, nothing during one.
enum ProcessCPU {
    /// User and system seconds of `pid` (all its threads), with those of its children that
    /// ended and were waited for (a PostgreSQL server's backends that closed go into its
    /// postmaster's); 0 when it cannot be read.
    static func seconds(_ pid: pid_t) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15,
        // cutime 16, cstime 17.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 14 else { return 0 }
        let ticks = fields[11...14].compactMap { Double($0) }.reduce(0, +)
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The same, summed over every process whose command is `name` (PostgreSQL's backends and
    /// its background processes, which come and go with connections).
    static func seconds(named name: String) -> Double {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return 0 }
        return entries.compactMap(pid_t.init).filter { pid in
            (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) == name
        }.map(seconds).reduce(0, +)
    }
}
