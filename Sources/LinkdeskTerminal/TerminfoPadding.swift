/// Terminfo strings may carry padding like "$<5>" or "$<100/*>", which tputs turns into a
/// delay. The signal handler writes the bytes directly, so the padding must go.
enum TerminfoPadding {
    /// Over the UTF-8 bytes: the Substring search and appends cost 300,000 instructions at
    /// every start (generic code run unspecialized). An unterminated "$<" stays as it is.
    static func strip(_ capability: String) -> String {
        let bytes = Array(capability.utf8)
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "<"),
               let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: ">")) {
                index = close + 1
                continue
            }
            kept.append(bytes[index])
            index += 1
        }
        return String(decoding: kept, as: UTF8.self)
    }
}
