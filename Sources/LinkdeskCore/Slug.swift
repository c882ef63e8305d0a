/// A page's public link segment. Lower-case ASCII letters, digits and hyphens keep links
/// readable when spoken and safe in every email client; case-insensitive when looked up.
public enum Slug {
    public static func isValid(_ text: String) -> Bool {
        (2...64).contains(text.utf8.count) && text.first != "-" && text.first != "."
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0)
                || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    public static func validate(_ text: String) throws(Refusal) -> String {
        guard isValid(text) else {
            throw Refusal("invalid page link \"\(text.prefix(70))\": use 2–64 letters, digits, - or _")
        }
        return text
    }
}
