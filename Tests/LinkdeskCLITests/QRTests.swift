import Foundation
@testable import LinkdeskQR
import LinkdeskTestSupport
import Testing

/// `linkdesk qr URL`: decoded back with zbarimg (zbar-tools), the terminal rendering read back
/// module by module.
@Suite("qr: QR codes of links")
struct QRTests {
    static let urls = [
        "http://localhost:8080/salescall",
        "http://localhost:8080/.T9NSXQYFVAPRF?name=Jos%C3%A9%20N%C3%BA%C3%B1ez&email=jose@example.com&company=Acme%2C%20Inc.",
        "https://example.com/" + String(repeating: "abcdefghij", count: 150),  // 1,520 characters: version 30-ish, several deflate blocks
    ]

    @Test("--png writes a PNG that zbarimg decodes to the URL", .tools("zbarimg"), arguments: urls)
    func pngDecodes(url: String) throws {
        let zbarimg = try Tools.require("zbarimg")
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let png = ws.directory.appendingPathComponent("link.png").path
        let result = try ws.run(["qr", url, "--png", png])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty, "the PNG goes to the file, nothing to stdout")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let decoded = try Processes.run(zbarimg, ["--raw", "-q", png])
        #expect(decoded.status == 0)
        #expect(decoded.stdout.trimmingCharacters(in: .newlines) == url)
    }

    @Test("the terminal rendering (either ink) is the symbol, module for module, and decodes to the URL",
          .tools("zbarimg"), arguments: [false, true])
    func halfBlocksDecode(invert: Bool) throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let url = Self.urls[1]
        let result = try ws.run(["qr", url] + (invert ? ["--invert"] : []))
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines.allSatisfy { $0.allSatisfy { " ▀▄█".contains($0) } }, "only half blocks, no colour codes into a pipe")
        let code = try QRCode(url)
        let side = code.size + 2 * QRText.defaultMargin
        #expect(lines.count == (side + 1) / 2)
        #expect(lines.allSatisfy { $0.count == side })
        // Back to modules: ink is the light modules by default, the dark ones with --invert.
        var dark = [[Bool]](repeating: [Bool](repeating: false, count: side), count: lines.count * 2)
        for (row, line) in lines.enumerated() {
            for (column, cell) in line.enumerated() {
                let (top, bottom) = (cell == "█" || cell == "▀", cell == "█" || cell == "▄")
                dark[2 * row][column] = invert ? top : !top
                dark[2 * row + 1][column] = invert ? bottom : !bottom
            }
        }
        for row in 0..<side {
            for column in 0..<side {
                let expected = code[row - QRText.defaultMargin, column - QRText.defaultMargin]
                #expect(dark[row][column] == expected, "module \(row),\(column)")
            }
        }
        let zbarimg = try Tools.require("zbarimg")
        // As a picture (plain PBM, written here, so the PNG writer plays no part), 4 px per module.
        let scale = 4, pixels = side * scale
        var pbm = "P1\n\(pixels) \(pixels)\n"
        for y in 0..<pixels {
            pbm += (0..<pixels).map { dark[y / scale][$0 / scale] ? "1" : "0" }.joined(separator: " ") + "\n"
        }
        let path = ws.directory.appendingPathComponent("screen.pbm").path
        try Data(pbm.utf8).write(to: URL(fileURLWithPath: path))
        let decoded = try Processes.run(zbarimg, ["--raw", "-q", path])
        #expect(decoded.stdout.trimmingCharacters(in: .newlines) == url)
    }

    @Test("--png - writes the PNG to stdout; URL - reads the URL from stdin", .tools("zbarimg"))
    func pipes() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let piped = try Processes.run("/bin/sh", ["-c", "printf '%s\\n' 'http://localhost:8080/salescall' | \"$0\" qr - --png -",
                                                  try Products.path("linkdesk")],
                                      environment: .exactly(ws.environment()), timeout: 30)
        let data = piped.stdoutData
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let zbarimg = try Tools.require("zbarimg")
        let path = ws.directory.appendingPathComponent("piped.png").path
        try data.write(to: URL(fileURLWithPath: path))
        #expect(try Processes.run(zbarimg, ["--raw", "-q", path]).stdout == "http://localhost:8080/salescall\n")
    }

    @Test("refusals: empty, over 2000 characters, not one line, not a URL, unwritable file", arguments: [
        (["qr", ""], "no URL to encode"),
        (["qr", "   "], "no URL to encode"),
        (["qr", "http://x/" + String(repeating: "a", count: 1992)], "the URL is 2001 characters long; a QR code here takes at most 2000"),
        (["qr", "http://x/a b"], "a URL has no spaces, line breaks or control characters"),
        (["qr", "http://x/a\u{1B}[31m"], "a URL has no spaces, line breaks or control characters"),
        (["qr", "salescall"], "not a URL"),
        (["qr", "http://localhost:8080/salescall", "--png", "/no/such/folder/qr.png"], "cannot write /no/such/folder/qr.png: folder /no/such/folder does not exist"),
        (["qr", "http://localhost:8080/salescall", "--level", "X"], "--level takes L, M, Q or H"),
        (["qr", "http://localhost:8080/salescall", "--scale", "0"], "--scale takes 1 to 64"),
    ])
    func refusals(arguments: [String], reason: String) throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        try ws.expectRefused(arguments, reason)
    }

    @Test("exactly 2000 characters still makes a code")
    func longest() throws {
        let ws = try CLIWorkspace()
        defer { ws.remove() }
        let url = "http://x/" + String(repeating: "a", count: 1991)
        #expect(url.count == 2000)
        let result = try ws.run(["qr", url])
        #expect(result.status == 0, "\(result)")
    }

    // The pure parts, in process.

    @Test("halfBlocks: lines of equal width, none for text that can't be encoded")
    func halfBlocksShape() throws {
        let lines = QRText.halfBlocks("http://localhost:8080/salescall")
        let code = try QRCode("http://localhost:8080/salescall")
        #expect(code.version == 3 && code.size == 29)
        #expect(lines.count == 17 && lines.allSatisfy { $0.count == 33 })
        #expect(lines.first == String(repeating: "█", count: 33), "the quiet zone is inked (light) by default")
        #expect(lines.dropFirst().first?.hasPrefix("██ ▄▄▄▄▄ █") == true, "a finder pattern's light ring")
        let dark = QRText.halfBlocks("http://localhost:8080/salescall", ink: .darkModules)
        #expect(dark.first == String(repeating: " ", count: 33))
        #expect(dark.dropFirst().first?.hasPrefix("  █▀▀▀▀▀█") == true, "a finder pattern's dark ring")
        #expect(QRText.halfBlocks("").isEmpty)
        #expect(QRText.halfBlocks(String(repeating: "é", count: 2000)).isEmpty, "4,000 bytes: too long for any QR code")
    }

    @Test("PNG checksums: CRC-32 and Adler-32 against known values")
    func checksums() {
        #expect(PNGImage.crc32(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(PNGImage.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(PNGImage.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(PNGImage.adler32([UInt8](repeating: 0xFF, count: 100_000)) == Self.slowAdler([UInt8](repeating: 0xFF, count: 100_000)))
        let stored = PNGImage.zlibStored([UInt8](repeating: 7, count: 70_000))
        #expect(stored.count == 2 + (5 + 65_535) + (5 + 4_465) + 4, "two stored blocks")
        #expect(stored[2] == 0 && stored[2 + 5 + 65_535] == 1, "only the last block is final")
    }

    static func slowAdler(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        return b << 16 | a
    }
}
