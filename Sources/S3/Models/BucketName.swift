/// S3's general-purpose bucket naming rules.
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
///
/// The reserved `amzn-s3-demo-` prefix is not refused: the Beanstalk guide's examples (and so our
/// scenarios) use `amzn-s3-demo-bucket`.
enum BucketName {
    static let reservedPrefixes = ["xn--", "sthree-"]
    static let reservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]

    static func validate(_ name: String) throws(S3Error) {
        guard isValid(name) else { throw .invalidBucketName(bucket: name) }
    }

    static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        func isLowerAlnum(_ b: UInt8) -> Bool { (97...122).contains(b) || (48...57).contains(b) }
        guard bytes.allSatisfy({ isLowerAlnum($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }),
            isLowerAlnum(bytes.first!), isLowerAlnum(bytes.last!)
        else { return false }
        if name.contains("..") { return false }
        if reservedPrefixes.contains(where: name.hasPrefix) || reservedSuffixes.contains(where: name.hasSuffix) {
            return false
        }
        return !looksLikeIPv4(name)
    }

    static func looksLikeIPv4(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }
    }
}
