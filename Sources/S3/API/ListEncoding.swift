/// `encoding-type=url`: keys and prefixes in list answers are percent-encoded so that any byte
/// can travel in XML 1.0. Unreserved characters and `/` stay as they are.
enum ListEncoding {
    static func validate(_ value: String?) throws(S3Error) -> Bool {
        guard let value else { return false }
        guard value.lowercased() == "url" else {
            throw .invalidArgument(message: "Invalid Encoding Method specified in Request", name: "encoding-type", value: value)
        }
        return true
    }

    static func encode(_ text: String, _ enabled: Bool) -> String {
        guard enabled else { return text }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
