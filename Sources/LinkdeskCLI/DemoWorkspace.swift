import Foundation
import LinkdeskCore
import LinkdeskService
import LinkdeskStore

/// The demo workspace shipped in Assets/. It is found through LINKDESK_ASSETS when set (an
/// installed binary), else next to the sources this binary was built from (`swift run`, tests).
enum DemoWorkspace {
    static let fileName = "demo-workspace.json"

    static var assetsFolder: String {
        if let override = ProcessInfo.processInfo.environment["LINKDESK_ASSETS"], !override.isEmpty {
            return override
        }
        // #filePath is Sources/LinkdeskCLI/DemoWorkspace.swift in the checkout that was built.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Assets").path
    }

    static func load() throws -> Workspace {
        let path = assetsFolder + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError("demo workspace not found at \(path) (set LINKDESK_ASSETS to the Assets folder)")
        }
        do {
            return try JSONDecoder().decode(Workspace.self, from: data)
        } catch {
            throw StoreError("demo workspace \(path) is malformed: \(error)")
        }
    }
}
