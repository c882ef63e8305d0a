import LinkdeskTerminal

extension ShareState {
    /// The words beside the pop-up's QR code.
    static let qrTitle = "QR code of the link"
    static let qrOneTimeNote = """
        One-time link: the token becomes live only on Copy & close (^Y). Until then the code \
        opens a link that does not work yet.
        """

    /// The QR code over the whole pop-up but the hint bar: at 80×24 a personalized one-time URL
    /// takes 23 rows, so a box around it would not fit.
    func renderQR(_ buffer: inout CellBuffer) {
        var notes = [QROverlay.Note(Self.qrTitle, role: .title), .blank,
                     QROverlay.Note(url, role: .accent, isURL: true)]
        if oneTime { notes += [.blank, QROverlay.Note(Self.qrOneTimeNote, role: .warning)] }
        if let message { notes += [.blank, QROverlay.Note(message, role: .error)] }
        let area = Rect(x: 0, y: 0, width: buffer.width, height: max(buffer.height - 1, 0))
        QROverlay.draw(url, notes: notes, into: &buffer, area: area, minimum: ShareLayout.minimum)
    }
}
