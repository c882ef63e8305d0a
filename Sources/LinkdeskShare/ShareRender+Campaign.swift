import LinkdeskCore
import LinkdeskTerminal

/// The campaign choice (`m`) and, with a format chosen, its merge fields where the customer
/// fields would be: a campaign link is for many recipients, so Personalize is off.
extension ShareState {
    /// "Campaign ‹ Mailchimp › (m)" on the Personalize row, in the second column.
    func renderCampaignChoice(_ buffer: inout CellBuffer, _ layout: ShareLayout) {
        var x = layout.left + layout.columnWidth + 2
        x += buffer.write(ShareTexts.campaign + " ", x: x, y: layout.personalize)
        x += buffer.write("‹ " + (campaign?.title ?? ShareTexts.campaignNone) + " ›", x: x, y: layout.personalize,
                          role: campaign == nil ? .dim : .accent)
        buffer.write(" (m)", x: x, y: layout.personalize, role: .dim)
    }

    func renderCampaign(_ format: CampaignFormat, _ buffer: inout CellBuffer, _ layout: ShareLayout) {
        if oneTime && oneTimeDisabledReason == nil {
            buffer.writeClipped(ShareTexts.campaignOneTime, x: layout.left + 6, y: layout.reason,
                                maxWidth: layout.inner - 6, role: .dim)
        }
        buffer.write(format.title + " merge fields", x: layout.left, y: layout.fieldLabels, role: .title)
        let labelWidth = format.fields.map(\.label.count).max() ?? 0
        for (offset, field) in format.fields.prefix(3).enumerated() {
            let y = layout.fields + offset
            buffer.write(field.label, x: layout.left, y: y, role: .dim)
            buffer.writeClipped(field.marker, x: layout.left + labelWidth + 2, y: y,
                                maxWidth: layout.inner - labelWidth - 2)
        }
    }
}
