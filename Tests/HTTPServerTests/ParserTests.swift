import HTTPServer
import Testing

@Suite("Request head parser and chunked decoder")
struct ParserTests {
    @Test("a request head parses into method, target, version and fields in order")
    func parsesHead() throws {
        let bytes = Array(
            "PUT /b/k?uploads HTTP/1.1\r\nHost: s3\r\nX-Amz-Date:  20250101T000000Z \r\nx-a: 1\r\nX-A: 2".utf8)
        let head = try HTTPHeadParser.parse(bytes[...])
        #expect(head.method == "PUT")
        #expect(head.target == "/b/k?uploads")
        #expect(head.headers.map(\.name) == ["Host", "X-Amz-Date", "x-a", "X-A"])
        #expect(head.httpHeaders["x-amz-date"] == "20250101T000000Z")
        #expect(head.httpHeaders.values(for: "x-a") == ["1", "2"])
    }

    @Test("absolute-form targets split into path and query")
    func absoluteForm() {
        let request = HTTPRequest(method: "GET", target: "http://localhost:4566/bucket/key?x=1")
        #expect(request.path == "/bucket/key")
        #expect(request.query == "x=1")
    }

    @Test("the chunked decoder gives the same bytes when fed one byte at a time")
    func chunkedByteAtATime() throws {
        let encoded = Array("4\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\n\r\nNEXT".utf8)
        var decoder = ChunkedDecoder()
        var output: [UInt8] = []
        var consumed = 0
        for index in 0..<encoded.count where !decoder.isComplete {
            consumed += try [encoded[index]].withUnsafeBytes { try decoder.decode($0) { output += $0 } }
        }
        #expect(String(decoding: output, as: UTF8.self) == "Wikipedia in\r\n\r\nchunks.")
        #expect(String(decoding: encoded[consumed...], as: UTF8.self) == "NEXT")
    }

    @Test("a chunk size that overflows is refused")
    func chunkSizeOverflow() {
        var decoder = ChunkedDecoder()
        #expect(throws: HTTPParseError.malformedChunkedBody) {
            _ = try Array("ffffffffffffffffff\r\n".utf8).withUnsafeBytes { try decoder.decode($0) { _ in } }
        }
    }
}
