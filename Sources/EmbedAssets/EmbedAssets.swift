import Foundation
import PackagePlugin

/// Embeds the files of Assets/ that linkdesk reads at run time (the demo workspace, the buttons
/// gallery and its templates) into the target it is applied to, so a binary copied anywhere works
/// without the checkout. A build command, not a prebuild one: it reruns only when an asset changes.
@main
struct EmbedAssets: BuildToolPlugin {
    /// What is embedded: text files the program reads. Images and scripts stay in Assets/ (a user
    /// serves the button images themselves; the binary never reads them).
    static let embeddedExtensions: Set<String> = ["json", "html"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let assets = context.package.directoryURL.appending(path: "Assets")
        let relativePaths = try Self.files(under: assets)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedAssetFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(relativePaths.count) files of Assets/",
                executable: try context.tool(named: "embed-assets").url,
                arguments: [output.path(percentEncoded: false), assets.path(percentEncoded: false)] + relativePaths,
                inputFiles: relativePaths.map { assets.appending(path: $0) },
                outputFiles: [output]
            ),
        ]
    }

    static func files(under root: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        let prefix = root.standardizedFileURL.path(percentEncoded: false)
        var paths: [String] = []
        for case let url as URL in enumerator where embeddedExtensions.contains(url.pathExtension) {
            let full = url.standardizedFileURL.path(percentEncoded: false)
            guard full.hasPrefix(prefix) else { continue }
            paths.append(String(full.dropFirst(prefix.count).drop(while: { $0 == "/" })))
        }
        return paths.sorted()
    }
}
