import Foundation
import LinkdeskAssets
import Testing

/// The files the EmbedAssets plugin builds into the binary are exactly Assets/'s: a stale or
/// partial embedding would ship a demo or templates that differ from the checkout's.
@Suite("Assets built into the binary")
struct BuiltInAssetsTests {
    static let assets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Assets")

    @Test("every JSON and HTML file of Assets/ is built in, byte for byte, and nothing else")
    func embeddedMatchAssets() throws {
        let enumerator = try #require(FileManager.default.enumerator(atPath: Self.assets.path))
        var expected: [String] = []
        for case let path as String in enumerator where path.hasSuffix(".json") || path.hasSuffix(".html") {
            expected.append(path)
        }
        #expect(expected.contains("demo-workspace.json") && expected.contains("buttons/gallery.json"))
        #expect(BuiltInAssets.builtInPaths == expected.sorted())
        guard BuiltInAssets.overrideFolder == nil else { return }  // a developer's override reads files instead
        for path in expected {
            let onDisk = try Data(contentsOf: Self.assets.appendingPathComponent(path))
            #expect(BuiltInAssets.data(path) == onDisk, "\(path) differs from the built-in copy")
        }
        #expect(BuiltInAssets.data("no-such-file.json") == nil)
    }
}
