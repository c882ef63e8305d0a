import ArgumentParser
import Foundation
import LinkdeskCore
import LinkdeskQR

/// `linkdesk qr URL`: the link as a QR code, in the terminal or as a PNG file.
struct QRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr", abstract: "Show a link as a QR code (Unicode half blocks), or write it as a PNG.",
        discussion: """
        Any URL works, not only this workspace's links: `linkdesk qr "$(linkdesk link salescall)"`. \
        URL - reads the URL from stdin. The terminal rendering draws the light modules (and the quiet \
        zone) as blocks, for light text on a dark background; use --invert on a light background. \
        On a terminal it also sets those colours itself (unless NO_COLOR is set), so it scans either way.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The URL to encode (at most 2000 characters), or - to read it from stdin.") var url: String
    @Option(help: ArgumentHelp("Write a PNG to this file instead of printing (- writes it to stdout).", valueName: "file.png"))
    var png: String?
    @Option(help: "Pixels per module in the PNG (1–64).") var scale = 8
    @Option(help: "Quiet zone in modules (default 4 in a PNG, 2 in the terminal).") var margin: Int?
    @Option(help: ArgumentHelp("Error correction: L, M, Q or H.", valueName: "level")) var level = "M"
    @Flag(help: "Draw the dark modules as blocks (for dark text on a light background).") var invert = false

    static let maxLength = 2000

    func run() async throws {
        try await reporting {
            let text = try Self.checked(url == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : url)
            guard let level = QRCode.Level(rawValue: level.uppercased()) else {
                throw Refusal("--level takes L, M, Q or H, got \"\(Display.clean(level, max: 20))\"")
            }
            guard (1...64).contains(scale) else { throw Refusal("--scale takes 1 to 64 pixels per module") }
            if let margin, !(0...32).contains(margin) { throw Refusal("--margin takes 0 to 32 modules") }
            let code: QRCode
            do { code = try QRCode(text, level: level) } catch let error as QRError { throw Refusal(error.message) }
            if let png {
                try write(PNGImage.qr(code, scale: scale, margin: margin ?? 4), to: png)
                if png != "-" {
                    let pixels = (code.size + 2 * (margin ?? 4)) * scale
                    Output.note("wrote \(png): \(pixels)×\(pixels) px, QR version \(code.version)-\(level.rawValue)")
                }
                return
            }
            let lines = QRText.halfBlocks(code, margin: margin ?? QRText.defaultMargin, ink: invert ? .darkModules : .lightModules)
            let env = ProcessInfo.processInfo.environment
            let colour = isatty(STDOUT_FILENO) == 1 && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
            // Ink light on dark (or dark on light with --invert) whatever the terminal's theme.
            let (on, off) = colour ? (invert ? "\u{1B}[30;107m" : "\u{1B}[97;40m", "\u{1B}[0m") : ("", "")
            for line in lines { Output.line(on + line + off) }
        }
    }

    /// Any URL is welcome (a QR of someone else's link is useful too), but it must be one line of
    /// printable text, look like a URL, and fit a scannable code.
    static func checked(_ raw: String) throws(Refusal) -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw Refusal("no URL to encode") }
        guard text.count <= maxLength else {
            throw Refusal("the URL is \(text.count) characters long; a QR code here takes at most \(maxLength)")
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " || $0.properties.isWhitespace }) else {
            throw Refusal("a URL has no spaces, line breaks or control characters: \"\(Display.clean(text, max: 60))\"")
        }
        guard let colon = text.firstIndex(of: ":"), text[..<colon].first?.isLetter == true,
              text[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
              text.index(after: colon) < text.endIndex else {
            throw Refusal("not a URL: \"\(Display.clean(text, max: 60))\" (expected e.g. http://localhost:8080/salescall)")
        }
        return text
    }

    private func write(_ bytes: [UInt8], to path: String) throws {
        if path == "-" {
            guard isatty(STDOUT_FILENO) != 1 else { throw Refusal("not writing a PNG to the terminal: redirect stdout (> qr.png) or give a file name") }
            try StandardOutput.write(bytes)
            return
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            let folder = (path as NSString).deletingLastPathComponent
            let why = !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) ? "folder \(folder) does not exist"
                : (error as NSError).localizedDescription
            throw Refusal("cannot write \(path): \(why)")
        }
    }
}
