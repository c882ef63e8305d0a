import Crypto
import Foundation

/// One-time link tokens (SPEC §1): upper-case alphanumerics without 0/O, 1/I/L, so a token read
/// aloud or retyped from paper survives. 31 symbols × 13 positions = 64.4 bits (≥ 60 required).
public enum Token {
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    public static let length = 13
    public static var bits: Double { Double(length) * log2(Double(alphabet.count)) }

    /// The alphabet as ASCII bytes: a token is built byte by byte (the booking site makes two per
    /// page it serves), not from `Character`s, each of which is a string of its own.
    static let alphabetBytes: [UInt8] = Array(String(alphabet).utf8)

    public static func generate(using source: any RandomSource) -> String {
        var generator = RandomSourceGenerator(source: source)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        for _ in 0..<length {
            bytes.append(alphabetBytes[Int.random(in: 0..<alphabetBytes.count, using: &generator)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func isWellFormed(_ text: String) -> Bool {
        text.count == length && text.allSatisfy { alphabet.contains($0) }
    }

    /// What the store keeps instead of the token. SHA-256 is enough here: the token already has
    /// 64 bits of entropy, so there is nothing for a slow password hash to protect.
    public static func hash(_ token: String) -> String {
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(token.utf8)) {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    // MARK: Booking requests (idempotency keys)

    /// A booking form's request key: two tokens' worth of symbols (about 129 bits), drawn when
    /// the form is rendered, so a retried POST of that form can be told from a new booking.
    public static let requestKeyLength = 2 * length

    public static func requestKey(using source: any RandomSource) -> String {
        generate(using: source) + generate(using: source)
    }

    public static func isRequestKey(_ text: String) -> Bool {
        text.count == requestKeyLength && text.allSatisfy { alphabet.contains($0) }
    }

    /// The manage token of the booking a request key made. Derived (SHA-256) rather than drawn,
    /// so that a retried request can be answered with the same manage link although the store
    /// keeps only hashes; it adds nothing to what the key's holder has anyway (a retry with the
    /// key gets that link), and the key itself is as unguessable as a token.
    public static func manageToken(forRequestKey key: String) -> String {
        let digest = Array(SHA256.hash(data: Array(("linkdesk manage token\u{0}" + key).utf8)))
        var value = digest.prefix(8).reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        var symbols: [Character] = []
        for _ in 0..<length {
            symbols.append(alphabet[Int(value % UInt64(alphabet.count))])
            value /= UInt64(alphabet.count)
        }
        return String(symbols)
    }

    /// A booking's manage token made from a secret kept outside the database and a random nonce
    /// kept with the booking (HMAC-SHA256): whoever sends the booking's reminders days later can
    /// make its manage link again, and the database alone (nonce and hash, no secret) cannot.
    public static func manageToken(secret: [UInt8], nonce: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(("linkdesk manage link\u{0}" + nonce).utf8),
                                                  using: SymmetricKey(data: secret))
        var value = Array(mac).prefix(8).reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        var symbols: [Character] = []
        for _ in 0..<length {
            symbols.append(alphabet[Int(value % UInt64(alphabet.count))])
            value /= UInt64(alphabet.count)
        }
        return String(symbols)
    }

    /// The code of a booking's confirmation link (confirm by email): made like its manage token,
    /// from the secret and the booking's nonce, under another label, so that the manage link alone
    /// (shown right after booking) does not confirm: only the emailed link does.
    public static func confirmationCode(secret: [UInt8], nonce: String) -> String {
        manageToken(secret: secret, nonce: "confirm\u{0}" + nonce)
    }

    /// The secret `manageToken(secret:nonce:)` needs: at least 32 bytes, so that the links it
    /// makes are as unguessable as drawn ones.
    public static let secretBytes = 32

    /// The short, non-secret id used to list and revoke a link: lower case and prefixed, so it can
    /// never be mistaken for (or typed as) the token itself.
    public static func linkID(using source: any RandomSource) -> String {
        var generator = RandomSourceGenerator(source: source)
        let symbols = Array("23456789abcdefghjkmnpqrstuvwxyz")
        return "ot-" + String((0..<6).map { _ in symbols[Int.random(in: 0..<symbols.count, using: &generator)] })
    }
}
