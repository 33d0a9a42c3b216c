import AWSCore
import Foundation
import TestSupport
import Testing

@testable import Registry

@Suite("Test images")
struct TestImageTests {
    /// Reads a gzip made of stored blocks back into its payload, checking every field.
    func gunzipStored(_ bytes: [UInt8]) throws -> [UInt8] {
        guard bytes.count >= 18, Array(bytes[0..<4]) == [0x1F, 0x8B, 8, 0] else { throw TestFailure("bad gzip header") }
        var index = 10
        var out: [UInt8] = []
        while true {
            let header = bytes[index]
            guard header & 0b110 == 0 else { throw TestFailure("not a stored block") }
            let length = Int(bytes[index + 1]) | Int(bytes[index + 2]) << 8
            let complement = Int(bytes[index + 3]) | Int(bytes[index + 4]) << 8
            guard length ^ 0xFFFF == complement else { throw TestFailure("LEN/NLEN mismatch") }
            out += bytes[(index + 5)..<(index + 5 + length)]
            index += 5 + length
            if header & 1 == 1 { break }
        }
        var crc = CRC32()
        out.withUnsafeBytes { crc.update($0) }
        let stored =
            UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(
                bytes[index + 3]) << 24
        let size =
            UInt32(bytes[index + 4]) | UInt32(bytes[index + 5]) << 8 | UInt32(bytes[index + 6]) << 16 | UInt32(
                bytes[index + 7]) << 24
        guard stored == crc.value, size == UInt32(out.count), index + 8 == bytes.count else {
            throw TestFailure("bad trailer")
        }
        return out
    }

    @Test("gzip of nothing is the canonical 23-byte stream")
    func emptyGzip() {
        #expect(
            Gzip.stored([]) == [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 1, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test("data over 64 KiB is split into several stored blocks and comes back intact")
    func largeGzip() throws {
        let data = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(try gunzipStored(Gzip.stored(data)) == data)
    }

    @Test("layers are gzip tars whose headers carry valid checksums, and the config lists their diff ids")
    func layers() throws {
        let image = TestImage(format: .oci, layerCount: 3, seed: "s")
        #expect(image.layers.count == 3)
        let config = try JSONSerialization.jsonObject(with: Data(image.config.bytes)) as? [String: Any]
        let diffIDs = (config?["rootfs"] as? [String: Any])?["diff_ids"] as? [String]
        var expected: [String] = []
        for layer in image.layers {
            #expect(layer.mediaType == MediaType.ociLayer)
            let tar = try gunzipStored(layer.bytes)
            expected.append(sha256(tar))
            #expect(tar.count % 512 == 0)
            let header = Array(tar[0..<512])
            let checksumText = String(decoding: header[148..<154], as: UTF8.self)
            var sum = 0
            for (index, byte) in header.enumerated() { sum += (148..<156).contains(index) ? 32 : Int(byte) }
            #expect(Int(checksumText, radix: 8) == sum)
            #expect(String(decoding: header[257..<262], as: UTF8.self) == "ustar")
        }
        #expect(diffIDs == expected)
    }

    @Test("images are deterministic per seed and differ across seeds and formats")
    func determinism() {
        #expect(TestImage(seed: "a").digest == TestImage(seed: "a").digest)
        #expect(TestImage(seed: "a").digest != TestImage(seed: "b").digest)
        #expect(TestImage(format: .docker).digest != TestImage(format: .oci).digest)
        #expect(TestImage(format: .docker).manifestMediaType == MediaType.dockerManifest)
    }
}
