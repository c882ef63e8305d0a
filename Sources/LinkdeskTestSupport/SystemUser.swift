import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The operating-system user running the tests: who linkdesk acts as on a SQLite file (SPEC §8),
/// read here on its own, not through the code under test.
public enum SystemUser {
    public static var login: String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "" }
        return String(cString: name)
    }
}
