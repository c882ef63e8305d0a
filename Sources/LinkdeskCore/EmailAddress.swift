/// A pragmatic email check: what a booking form would accept. Full RFC 5322 (quoted local parts,
/// comments) is deliberately refused: such addresses are almost always typos in practice.
public enum EmailAddress {
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, text.utf8.count <= 254 else { return false }
        return isValidLocal(parts[0]) && isValidDomain(parts[1])
    }

    /// ASCII letters and digits answer without Unicode property lookups (the common case, and
    /// `batch` checks 100,000 addresses).
    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return scalar.properties.isAlphabetic
    }

    private static func isValidLocal(_ local: Substring) -> Bool {
        guard !local.isEmpty, local.utf8.count <= 64, local.first != ".", local.last != ".",
              !local.contains("..") else { return false }
        return local.unicodeScalars.allSatisfy { scalar in
            isLetterOrDigit(scalar) || "!#$%&'*+/=?^_`{|}~-.".unicodeScalars.contains(scalar)
        }
    }

    private static func isValidDomain(_ domain: Substring) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last, tld.count >= 2,
              tld.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && label.first != "-" && label.last != "-"
                && label.unicodeScalars.allSatisfy { isLetterOrDigit($0) || $0 == "-" }
        }
    }

    /// The inline message a form shows under the field, or nil when fine.
    public static func problem(_ text: String) -> String? {
        if text.isEmpty { return nil }
        return isValid(text) ? nil : "not a valid email address"
    }
}
