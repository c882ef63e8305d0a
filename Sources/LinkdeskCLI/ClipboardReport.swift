import LinkdeskClipboard

/// `--copy` on the command line: the same Clipboard code the Share pop-up uses.
enum ClipboardReport {
    static func copy(_ url: String, helper: ClipboardHelper) -> String {
        Clipboard().copy(url, using: helper).summary
    }
}
