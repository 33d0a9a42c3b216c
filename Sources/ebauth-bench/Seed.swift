import AWSCore
import Crypto
import Foundation

/// Names and bytes every target is seeded with.
struct Fixture {
    let bucket = "bench-bucket"
    let parameter = "/bench/param"
    let repository = "bench/blob"
    let small: [UInt8]
    let smallFile: String
    let bigFile: String
    let bigSize: Int
    let bigDigest: String  // hex sha256 of the big file
    let configBlob: [UInt8]
    var manifest: [UInt8] {
        Array(
            """
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":\(configBlob.count),"digest":"sha256:\(Hex.encode(SHA256.hash(data: configBlob)))"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":\(bigSize),"digest":"sha256:\(bigDigest)"}]}
            """.utf8)
    }
    static let manifestType = "application/vnd.docker.distribution.manifest.v2+json"

    init(directory: String, bigSize: Int) throws {
        small = (0..<1024).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        smallFile = "\(directory)/small.bin"
        try Data(small).write(to: URL(fileURLWithPath: smallFile))
        bigFile = "\(directory)/big.bin"
        self.bigSize = bigSize
        // Pseudo-random, so that nothing on the way can compress it.
        _ = FileManager.default.createFile(atPath: bigFile, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: bigFile))
        var hasher = SHA256()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var written = 0
        while written < bigSize {
            let n = min(chunk.count, bigSize - written)
            chunk.withUnsafeMutableBytes { raw in
                let words = raw.bindMemory(to: UInt64.self)
                for i in 0..<words.count {
                    state ^= state << 13; state ^= state >> 7; state ^= state << 17
                    words[i] = state
                }
            }
            let slice = chunk[0..<n]
            hasher.update(data: slice)
            try handle.write(contentsOf: slice)
            written += n
        }
        try handle.close()
        bigDigest = Hex.encode(hasher.finalize())
        configBlob = Array(
            #"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"config":{}}"#.utf8)
    }
}

/// Seeding over the same wire the rows use; a failure stops the run with the server's answer.
struct Seeder {
    let fixture: Fixture
    let signer: Signer

    func send(_ target: RunningTarget, _ request: Request, expect: Set<Int> = [200], what: String) throws -> Response {
        let connection = Connection(port: target.port)
        defer { connection.close() }
        let response = try connection.send(request)
        guard expect.contains(response.status) else {
            throw BenchError(
                "\(target.kind.rawValue): \(what) answered \(response.status): \(response.text.prefix(500))")
        }
        return response
    }

    /// SSM parameter and S3 bucket with the 1 KiB object (ebauth, moto).
    func seedAWS(_ target: RunningTarget) throws {
        _ = try send(
            target,
            signer.json(
                host: target.host, service: "ssm", target: "AmazonSSM.PutParameter",
                body: #"{"Name":"\#(fixture.parameter)","Value":"username","Type":"String","Overwrite":true}"#),
            what: "PutParameter")
        _ = try send(
            target, signer.request("PUT", path: "/\(fixture.bucket)", host: target.host, service: "s3"),
            what: "CreateBucket")
        _ = try send(
            target,
            signer.request(
                "PUT", path: "/\(fixture.bucket)/small", host: target.host, service: "s3", body: fixture.small),
            what: "PutObject small")
    }

    /// The big S3 object, streamed from the file.
    func seedBigObject(_ target: RunningTarget) throws {
        _ = try send(
            target,
            signer.request(
                "PUT", path: "/\(fixture.bucket)/big", host: target.host, service: "s3", payloadHash: fixture.bigDigest,
                bodyFile: fixture.bigFile, bodyFileSize: fixture.bigSize), what: "PutObject big")
    }

    /// The registry repository with the big layer, a config and a manifest (plain HTTP, no auth).
    func seedRegistry(_ target: RunningTarget) throws {
        let host = target.host
        if target.kind == .ebauth {
            // ebauth's admin API: an emulated third-party registry without auth answering every Host.
            let body = Array(#"{"host":"bench.registry.local","default":true,"auth":"none"}"#.utf8)
            _ = try send(
                target,
                Request(
                    head: renderHead(
                        method: "POST", target: "/_ebauth/registries",
                        headers: [("Host", host), ("Content-Type", "application/json")], contentLength: body.count),
                    body: body), expect: [200, 201], what: "create registry")
        }
        func upload(_ digest: String, body: [UInt8], file: String? = nil, size: Int = 0) throws {
            let start = try send(
                target,
                Request(
                    head: renderHead(
                        method: "POST", target: "/v2/\(fixture.repository)/blobs/uploads/", headers: [("Host", host)],
                        contentLength: 0), body: []),
                expect: [202], what: "start upload")
            guard var location = start.header("Location") else { throw BenchError("no upload Location") }
            if let range = location.range(of: "://") {
                location = String(location[range.upperBound...].drop { $0 != "/" })
            }
            location += (location.contains("?") ? "&" : "?") + "digest=sha256:\(digest)"
            _ = try send(
                target,
                Request(
                    head: renderHead(
                        method: "PUT", target: location,
                        headers: [("Host", host), ("Content-Type", "application/octet-stream")],
                        contentLength: file != nil ? size : body.count),
                    body: body, bodyFile: file, bodyFileSize: size), expect: [201], what: "upload blob")
        }
        try upload(fixture.bigDigest, body: [], file: fixture.bigFile, size: fixture.bigSize)
        try upload(Hex.encode(SHA256.hash(data: fixture.configBlob)), body: fixture.configBlob)
        let manifest = fixture.manifest
        _ = try send(
            target,
            Request(
                head: renderHead(
                    method: "PUT", target: "/v2/\(fixture.repository)/manifests/latest",
                    headers: [("Host", host), ("Content-Type", Fixture.manifestType)], contentLength: manifest.count),
                body: manifest), expect: [201], what: "put manifest")
    }
}
