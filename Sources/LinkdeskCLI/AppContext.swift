import Foundation
import LinkdeskClipboard
import LinkdeskCore
import LinkdeskService

/// What every command needs, built once from global options and the environment: the use cases
/// (over the store the options chose) and the clipboard helper.
struct AppContext {
    let linkdesk: Linkdesk
    let clipboard: ClipboardHelper

    var base: BaseURL { linkdesk.base }
    var now: Date { linkdesk.now }
    var random: any RandomSource { linkdesk.random }

    func url(_ link: Link) -> String { linkdesk.url(link) }
    func url(of page: Page) -> String { linkdesk.url(of: page) }

    /// This context with who is acting resolved once (a command's checks then read nothing
    /// more); a login that is not a staff member of a workspace that has staff is refused.
    func checked() async throws -> AppContext {
        AppContext(linkdesk: linkdesk.knowing(try await linkdesk.viewer()), clipboard: clipboard)
    }
}
