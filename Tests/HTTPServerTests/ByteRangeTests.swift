import HTTPServer
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Range header resolution")
struct ByteRangeTests {
    @Test(
        "ranges resolve against the body size as RFC 9110 says",
        arguments: [
            ("bytes=0-99", 1000, ByteRange.Resolution.partial(ByteRange(offset: 0, length: 100))),
            ("bytes=900-", 1000, .partial(ByteRange(offset: 900, length: 100))),
            ("bytes=-100", 1000, .partial(ByteRange(offset: 900, length: 100))),
            ("bytes=-5000", 1000, .partial(ByteRange(offset: 0, length: 1000))),
            ("bytes=990-5000", 1000, .partial(ByteRange(offset: 990, length: 10))),
            ("bytes=1000-", 1000, .unsatisfiable),
            ("bytes=-0", 1000, .unsatisfiable),
            ("bytes=0-0", 0, .unsatisfiable),
            ("bytes=5-2", 1000, .whole),
            ("bytes=0-1,5-6", 1000, .whole),
            ("items=0-1", 1000, .whole),
            ("bytes=a-b", 1000, .whole),
        ])
    func resolves(header: String, size: Int, expected: ByteRange.Resolution) {
        #expect(ByteRange.resolve(header, size: size) == expected)
    }

    @Test("Content-Range names the inclusive last byte and the full size")
    func contentRange() {
        #expect(ByteRange(offset: 10, length: 5).contentRange(size: 100) == "bytes 10-14/100")
    }
}

@Suite("File responses")
struct FileResponseTests {
    @Test("a file body is sent with sendfile from the given offset and length")
    func fileSlice() throws {
        let path = "/tmp/ebauth-file-response-\(UInt32.random(in: 0...UInt32.max))"
        Array("0123456789abcdef".utf8).withUnsafeBytes { bytes in
            let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
            _ = write(fd, bytes.baseAddress, bytes.count)
            close(fd)
        }
        defer { unlink(path) }
        let server = try TestServer(
            responder: ClosureResponder { request in
                guard case .partial(let range) = ByteRange.resolve(request.headers["range"], size: 16) else {
                    return HTTPResponse(status: 416)
                }
                var headers = HTTPHeaders()
                headers.add("Content-Range", range.contentRange(size: 16))
                return HTTPResponse(
                    status: 206, headers: headers, body: .file(path: path, offset: range.offset, length: range.length))
            })
        let client = try RawClient(port: server.port)
        try client.send(
            "GET /f HTTP/1.1\r\nHost: x\r\nRange: bytes=4-9\r\n\r\nHEAD /f HTTP/1.1\r\nHost: x\r\nRange: bytes=-3\r\n\r\n"
        )
        let response = try client.readResponse()
        #expect(response.status == 206)
        #expect(response.text == "456789")
        #expect(response.header("content-range") == "bytes 4-9/16")
        let head = try client.readResponse(head: true)
        #expect(head.header("content-length") == "3")
        #expect(head.header("content-range") == "bytes 13-15/16")
    }
}
