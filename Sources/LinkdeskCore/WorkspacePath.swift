/// Where in a workspace something is, in the model's own terms: `bookingPages[2].availability.ranges[1]`.
/// A file layer records the source position of each path it read, so a problem Core finds is
/// reported at the line and column it came from.
public struct WorkspacePath: Hashable, Sendable, CustomStringConvertible {
    public enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) { self.components = components }

    public static let root = WorkspacePath()

    public func key(_ name: String) -> WorkspacePath { WorkspacePath(components + [.key(name)]) }
    public func index(_ i: Int) -> WorkspacePath { WorkspacePath(components + [.index(i)]) }
    public static func / (path: WorkspacePath, key: String) -> WorkspacePath { path.key(key) }
    public static func / (path: WorkspacePath, index: Int) -> WorkspacePath { path.index(index) }

    /// The path one step up (the root stays the root).
    public var parent: WorkspacePath { WorkspacePath(Array(components.dropLast())) }

    public var description: String {
        components.reduce(into: "") { text, component in
            switch component {
            case .key(let k): text += text.isEmpty ? k : "." + k
            case .index(let i): text += "[\(i)]"
            }
        }
    }
}
