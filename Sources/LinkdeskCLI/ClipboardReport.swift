import LinkdeskClipboard

/// `--copy` on the command line: the same Clipboard code the Share pop-up uses.
enum ClipboardReport {
    static func copy(_ url: String, helper name: String) -> String {
        guard let helper = ClipboardHelper.named(name) else {
            return "not copied: unknown clipboard helper \"\(name)\" (auto, xclip, xsel, wl-copy, pbcopy, tmux, osc52, none)"
        }
        return Clipboard().copy(url, using: helper).summary
    }
}
