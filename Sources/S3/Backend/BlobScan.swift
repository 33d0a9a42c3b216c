import AWSCore
import Crypto
import Foundation
import Storage

#if canImport(Glibc)
    import Glibc
#endif

/// Reads committed blobs in pieces: to hash them, or to copy a range of one into a new blob.
enum BlobScan {
    static let chunkSize = 1 << 20

    /// Calls `body` with successive pieces of `length` bytes of the blob from `offset`.
    static func forEachChunk(
        of digest: String, offset: Int64 = 0, length: Int64? = nil, blobStore: BlobStore,
        _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let reader = try blobStore.open(digest)
        var remaining = length ?? (reader.size - offset)
        if offset > 0 {
            guard lseek(reader.fileDescriptor, off_t(offset), SEEK_SET) == off_t(offset) else {
                throw BlobStoreError.io(operation: "lseek", path: reader.path, errno: errno)
            }
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while remaining > 0 {
            let want = Int(min(Int64(chunkSize), remaining))
            let count = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
            if count == 0 { break }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            remaining -= Int64(count)
        }
    }

    /// MD5 (hex) and optionally one checksum (raw digest) of a whole committed blob.
    static func digests(of digest: String, checksum algorithm: ChecksumAlgorithm?, blobStore: BlobStore) throws
        -> (md5Hex: String, checksum: [UInt8]?)
    {
        var md5 = Insecure.MD5()
        var hasher = algorithm?.makeHasher()
        try forEachChunk(of: digest, blobStore: blobStore) { piece in
            md5.update(bufferPointer: piece)
            hasher?.update(piece)
        }
        return (ObjectDigests.hex(Array(md5.finalize())), hasher?.finalize())
    }

    /// Copies a range of a committed blob into a new staged blob, hashing it on the way.
    static func copy(
        _ digest: String, offset: Int64, length: Int64, checksum algorithm: ChecksumAlgorithm?, blobStore: BlobStore
    ) throws -> (StagedBlob, [UInt8]?) {
        let writer = try blobStore.makeWriter()
        var hasher = algorithm?.makeHasher()
        try forEachChunk(of: digest, offset: offset, length: length, blobStore: blobStore) { piece in
            try writer.write(piece)
            hasher?.update(piece)
        }
        return (try writer.finish(), hasher?.finalize())
    }
}
