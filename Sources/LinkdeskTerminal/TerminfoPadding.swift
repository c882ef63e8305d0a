/// Terminfo strings may carry padding like "$<5>" or "$<100/*>", which tputs turns into a
/// delay. The signal handler writes the bytes directly, so the padding must go.
enum TerminfoPadding {
    static func strip(_ capability: String) -> String {
        var result = ""
        var rest = Substring(capability)
        while let start = rest.firstRange(of: "$<") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: ">") else {
                return result + rest[start.lowerBound...]
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
