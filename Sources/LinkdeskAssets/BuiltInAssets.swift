import Foundation

/// The files of Assets/ built into the binary (by the EmbedAssets plugin), and the override a
/// user may set: `LINKDESK_ASSETS=FOLDER` reads that folder instead, file by file, so a team can
/// try its own demo workspace or button templates without rebuilding.
public enum BuiltInAssets {
    /// Where a file comes from, for error messages that name the place a user can look at.
    public enum Source: Equatable, Sendable {
        case builtIn
        case folder(String)
    }

    /// The folder named by LINKDESK_ASSETS, when set and not empty.
    public static var overrideFolder: String? {
        guard let folder = ProcessInfo.processInfo.environment["LINKDESK_ASSETS"], !folder.isEmpty else { return nil }
        return folder
    }

    public static var source: Source { overrideFolder.map(Source.folder) ?? .builtIn }

    /// The file at `path` under Assets/ (e.g. "buttons/gallery.json"), or nil when there is none.
    public static func data(_ path: String) -> Data? {
        if let folder = overrideFolder {
            return FileManager.default.contents(atPath: folder + "/" + path)
        }
        return embeddedAssetFiles[path].flatMap { Data(base64Encoded: $0) }
    }

    /// The paths of the built-in files (what a binary without LINKDESK_ASSETS can read).
    public static var builtInPaths: [String] { embeddedAssetFiles.keys.sorted() }

    /// "the built-in Assets/" or "LINKDESK_ASSETS (FOLDER)": where `path` was looked for.
    public static func describe(_ path: String) -> String {
        switch source {
        case .builtIn: return "\(path) of the built-in assets"
        case .folder(let folder): return "\(folder)/\(path) (LINKDESK_ASSETS)"
        }
    }
}
