import Foundation

/// An incremental hash over bytes that arrive in pieces, as they do from a socket.
///
/// Implementations are value types: copying one snapshots the state, so a caller can finalize a
/// copy mid-stream and keep updating the original.
public protocol ChecksumHasher: Sendable {
    /// Feeds the next bytes of the message.
    mutating func update(_ bytes: UnsafeRawBufferPointer)

    /// The digest of every byte fed so far, big-endian (the byte order AWS base64-encodes).
    func finalize() -> [UInt8]
}

extension ChecksumHasher {
    /// Feeds the next bytes of the message.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest as AWS sends it in `x-amz-checksum-*`: base64 of the big-endian bytes.
    public var base64: String {
        Data(finalize()).base64EncodedString()
    }
}
