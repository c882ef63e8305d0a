import Foundation
import LinkdeskAssets
import LinkdeskCore
import LinkdeskService
import LinkdeskStore

/// The demo workspace: Assets/demo-workspace.json, built into the binary (a binary copied to
/// /usr/local/bin works once the checkout is gone); LINKDESK_ASSETS=FOLDER reads FOLDER's instead.
enum DemoWorkspace {
    static let fileName = "demo-workspace.json"

    static func load() throws -> Workspace {
        guard let data = BuiltInAssets.data(fileName) else {
            throw StoreError("demo workspace not found: \(BuiltInAssets.describe(fileName)) does not exist")
        }
        do {
            return try JSONDecoder().decode(Workspace.self, from: data)
        } catch {
            throw StoreError("demo workspace \(BuiltInAssets.describe(fileName)) is malformed: \(error)")
        }
    }
}
