import Foundation

/// The flexible-checksum algorithms S3 accepts in `x-amz-checksum-*` headers and trailers.
///
/// The raw value is the lower-case suffix of the header name (`x-amz-checksum-crc32` → `crc32`).
public enum ChecksumAlgorithm: String, CaseIterable, Hashable, Sendable {
    case crc32
    case crc32c
    case crc64nvme
    case sha1
    case sha256

    /// Builds the algorithm from an `x-amz-checksum-algorithm` / `x-amz-sdk-checksum-algorithm` value
    /// ("CRC32", "crc64nvme", …), ignoring case as S3 does.
    public init?(name: some StringProtocol) {
        self.init(rawValue: name.lowercased())
    }

    /// Builds the algorithm from a header or trailer name such as `x-amz-checksum-crc32c`, ignoring case.
    public init?(headerName: some StringProtocol) {
        let lowered = headerName.lowercased()
        let prefix = "x-amz-checksum-"
        guard lowered.hasPrefix(prefix) else { return nil }
        self.init(rawValue: String(lowered.dropFirst(prefix.count)))
    }

    /// The name as S3 prints it in messages and SDKs send it ("CRC32", "CRC64NVME", "SHA256").
    public var name: String {
        rawValue.uppercased()
    }

    /// The header (and trailer) that carries a value of this algorithm, e.g. `x-amz-checksum-crc32`.
    public var headerName: String {
        "x-amz-checksum-" + rawValue
    }

    /// Size of the digest in bytes; a header value is the base64 of exactly this many bytes.
    public var digestByteCount: Int {
        switch self {
        case .crc32, .crc32c: 4
        case .crc64nvme: 8
        case .sha1: 20
        case .sha256: 32
        }
    }

    /// Decodes a header or trailer value, returning nil unless it is canonical base64 of a digest of the
    /// right size (S3 answers `InvalidRequest` "Value for x-amz-checksum-… header is invalid." otherwise).
    public func decodeValue(_ base64: String) -> [UInt8]? {
        guard let data = Data(base64Encoded: base64), data.count == digestByteCount else { return nil }
        // Only the canonical spelling: no stray bits in the padding, which Foundation would tolerate.
        guard data.base64EncodedString() == base64 else { return nil }
        return Array(data)
    }

    /// A fresh incremental hasher for this algorithm.
    public func makeHasher() -> Checksum {
        Checksum(self)
    }
}

/// One checksum value as it travels on the wire: an algorithm and the base64 of its big-endian digest.
public struct ChecksumValue: Hashable, Sendable {
    public var algorithm: ChecksumAlgorithm
    public var base64: String

    public init(algorithm: ChecksumAlgorithm, base64: String) {
        self.algorithm = algorithm
        self.base64 = base64
    }
}
