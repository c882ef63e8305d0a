import Foundation

/// The ways a URL can reach the clipboard (SPEC §3/§4).
public enum ClipboardHelper: String, CaseIterable, Sendable {
    case auto, xclip, xsel, wlCopy = "wl-copy", pbcopy, tmux, osc52, none

    public static func named(_ text: String) -> ClipboardHelper? {
        ClipboardHelper(rawValue: text.lowercased())
    }

    /// The command line that takes the text on stdin, for the external helpers.
    var command: [String]? {
        switch self {
        case .xclip: ["xclip", "-selection", "clipboard", "-in"]
        case .xsel: ["xsel", "--clipboard", "--input"]
        case .wlCopy: ["wl-copy"]
        case .pbcopy: ["pbcopy"]
        case .tmux: ["tmux", "load-buffer", "-w", "-"]
        case .auto, .osc52, .none: nil
        }
    }

    /// neovim's order: pbcopy; wl-copy under Wayland; xclip/xsel under X; tmux inside tmux;
    /// OSC 52 last, because it also works over SSH where nothing else does.
    public static func autoOrder(environment env: [String: String], available: (String) -> Bool) -> [ClipboardHelper] {
        var order: [ClipboardHelper] = []
        if available("pbcopy") { order.append(.pbcopy) }
        if env["WAYLAND_DISPLAY"]?.isEmpty == false, available("wl-copy") { order.append(.wlCopy) }
        if env["DISPLAY"]?.isEmpty == false {
            if available("xclip") { order.append(.xclip) }
            if available("xsel") { order.append(.xsel) }
        }
        if env["TMUX"]?.isEmpty == false, available("tmux") { order.append(.tmux) }
        order.append(.osc52)
        return order
    }
}
