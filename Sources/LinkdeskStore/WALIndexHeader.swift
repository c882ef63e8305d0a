import GRDBSQLite
#if canImport(Synchronization)
import Synchronization
#endif

/// The change stamp without a read transaction: the WAL-index header at the start of the
/// database's shared memory, which every commit rewrites (its `iChange` counts transactions,
/// `mxFrame` is the last frame, the salts change when the WAL restarts; sqlite.org/walformat.html,
/// "The WAL-Index Header"). Starting a read transaction only to read two counters took a file
/// lock and released it again on every cached page the booking site served, a fifth of the
/// page's time; this is two loads of shared memory.
///
/// The memory is SQLite's own mapping of the connection that owns this value (its VFS's
/// `xShmMap`), never a file opened here: closing any descriptor of the `-shm` file would drop
/// every POSIX lock the process holds on it (SQLite's "how to corrupt" §2.2.1).
///
/// The header is written twice, the second copy first; a reader that finds both copies equal
/// and initialised has a consistent one (SQLite's own readers do exactly this, with a barrier
/// between the two reads). Anything else — no shared memory (exclusive locking mode, no WAL), a
/// header not set up yet, copies that keep differing while a commit writes them — answers nil,
/// and the caller reads the stamp with SQL. Any commit moves it, not only those that change what
/// a page shows: a page is rendered again more often than needed, never served stale.
struct WALIndexHeader: @unchecked Sendable {
    private let base: UnsafeRawPointer
    /// Two copies of the 48-byte header.
    private static let headerBytes = 48

    /// The header of `connection`'s main database, once the connection has read it (its first
    /// read transaction maps the shared memory); nil when there is none. Valid while the
    /// connection is open.
    init?(connection: OpaquePointer) {
        var file: UnsafeMutablePointer<sqlite3_file>?
        guard sqlite3_file_control(connection, "main", SQLITE_FCNTL_FILE_POINTER, &file) == SQLITE_OK, let file,
              let methods = file.pointee.pMethods, methods.pointee.iVersion >= 2, let map = methods.pointee.xShmMap else {
            return nil
        }
        var region: UnsafeMutableRawPointer?
        // Region 0, 32 KiB as SQLite maps it, not extended: nil when the WAL index does not exist yet.
        guard map(file, 0, 32_768, 0, &region) == SQLITE_OK, let region else { return nil }
        base = UnsafeRawPointer(region)
    }

    /// "wal.iChange.mxFrame.salt1.salt2" of a consistent header, or nil (see the type).
    func stamp() -> String? {
        for _ in 0..<16 {
            var first = [UInt8](repeating: 0, count: Self.headerBytes)
            var second = [UInt8](repeating: 0, count: Self.headerBytes)
            first.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(start: base, count: Self.headerBytes)) }
            Self.barrier()
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

    /// Keeps the second copy's loads after the first's, as SQLite's `walShmBarrier` does.
    private static func barrier() {
        #if canImport(Synchronization)
        if #available(macOS 15, *) { atomicMemoryFence(ordering: .sequentiallyConsistent) }
        #endif
    }
}
