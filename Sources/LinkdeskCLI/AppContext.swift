import Foundation
import LinkdeskCore
import LinkdeskStore

/// What every command needs, built once from global options and the environment.
struct AppContext {
    let store: any LinkStore
    let base: BaseURL
    let time: any TimeSource
    let random: any RandomSource
    let clipboard: String

    var now: Date { time.now() }

    func url(_ link: Link) -> String { LinkURL.build(link, base: base) }
    func url(of page: Page) -> String { url(Link(target: .page(slug: page.slug))) }
}

extension AppContext {
    var linkMaker: LinkMaker { LinkMaker(store: store, base: base, random: random, now: now) }
}
