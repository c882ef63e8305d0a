import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The change stamp without a read transaction: the WAL-index header at the start of the
/// database's `-shm` file, which every commit rewrites (its `iChange` counts transactions,
/// `mxFrame` is the last frame, the salts change when the WAL restarts; sqlite.org/walformat.html,
/// "The WAL-Index Header"). Starting a read transaction only to read two counters took a file
/// lock and released it again on every cached page the booking site served, a fifth of the
/// page's time; this is two loads of shared memory.
///
/// The header is written twice, the second copy first; a reader that finds both copies equal
/// and initialised has a consistent one (SQLite's own readers do exactly this). Anything else —
/// no `-shm` file (exclusive locking mode), a header not set up yet, copies that keep
/// differing while a commit writes them — answers nil, and the caller reads the stamp with SQL.
/// Any commit moves it, not only those that change what a page shows: a page is rendered again
/// more often than needed, never served stale.
final class WALIndexHeader: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer
    private let length: Int
    /// Two copies of the 48-byte header.
    private static let headerBytes = 48

    /// nil when the `-shm` file is not there or can't be mapped.
    init?(databasePath: String) {
        let fd = open(databasePath + "-shm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, Int(info.st_size) >= 2 * Self.headerBytes else { return nil }
        length = 2 * Self.headerBytes
        guard let mapped = mmap(nil, length, PROT_READ, MAP_SHARED, fd, 0), mapped != MAP_FAILED else { return nil }
        base = mapped
    }

    deinit { munmap(base, length) }

    /// "iChange.mxFrame.salt1.salt2" of a consistent header, or nil (see the type).
    func stamp() -> String? {
        for _ in 0..<16 {
            var first = [UInt8](repeating: 0, count: Self.headerBytes)
            var second = [UInt8](repeating: 0, count: Self.headerBytes)
            first.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: base, count: Self.headerBytes)) }
            second.withUnsafeMutableBytes {
                $0.copyMemory(from: UnsafeRawBufferPointer(start: base + Self.headerBytes, count: Self.headerBytes))
            }
            guard first == second else { continue }
            // Native byte order (the header is in the machine's order): iChange at 8, isInit at
            // 12, mxFrame at 16, salts at 32 and 36.
            return first.withUnsafeBytes { header -> String? in
                guard header[12] == 1 else { return nil }
                let change = header.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
                let frame = header.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
                let salt1 = header.loadUnaligned(fromByteOffset: 32, as: UInt32.self)
                let salt2 = header.loadUnaligned(fromByteOffset: 36, as: UInt32.self)
                return "wal.\(change).\(frame).\(salt1).\(salt2)"
            }
        }
        return nil
    }
}
