/// Repository names as the distribution spec and ECR accept them:
/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*`, at most 256
/// characters (ECR's limit; distribution's reference grammar allows 255 in total).
///
/// Checked by hand rather than with a regex so that no input can make it slow, and so that `..`,
/// empty components and percent tricks can never reach a storage key.
public enum RepositoryName {
    public static let maximumLength = 256

    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= maximumLength else { return false }
        var index = 0
        while true {
            guard componentEnd(bytes, from: &index) else { return false }
            if index == bytes.count { return true }
            guard bytes[index] == UInt8(ascii: "/") else { return false }
            index += 1
        }
    }

    /// Reads one path component starting at `index`; leaves `index` on the byte after it.
    private static func componentEnd(_ bytes: [UInt8], from index: inout Int) -> Bool {
        guard alphanumericRun(bytes, &index) else { return false }
        while index < bytes.count {
            let start = index
            switch bytes[index] {
            case UInt8(ascii: "."):
                index += 1
            case UInt8(ascii: "_"):
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "_") { index += 1 }
            case UInt8(ascii: "-"):
                while index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            default:
                return true
            }
            // A separator must be followed by more alphanumerics.
            guard alphanumericRun(bytes, &index) else {
                index = start
                return false
            }
        }
        return true
    }

    private static func alphanumericRun(_ bytes: [UInt8], _ index: inout Int) -> Bool {
        let start = index
        while index < bytes.count, isLowerAlphanumeric(bytes[index]) { index += 1 }
        return index > start
    }

    static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
