import Testing

@testable import S3

@Suite("XML request bodies")
struct RequestXMLTests {
    func parse(_ text: String) throws -> RequestXML { try RequestXML.parse(Array(text.utf8)) }

    @Test("elements, namespaces and text are read; key whitespace is kept")
    func reads() throws {
        let document = try parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Object><Key> spaced key </Key></Object><Object><Key>a&amp;b</Key></Object>
              <Quiet>true</Quiet>
            </Delete>
            """)
        #expect(document.name == "Delete")
        #expect(document.children("Object").map { $0.value("Key") } == [" spaced key ", "a&b"])
        #expect(document.trimmed("Quiet") == "true")
    }

    @Test("a CDATA section and a comment are allowed")
    func cdata() throws {
        let document = try parse(
            "<Tagging><!-- note --><TagSet><Tag><Key><![CDATA[<k>]]></Key><Value>v</Value></Tag></TagSet></Tagging>")
        #expect(
            try RequestDocuments.tagging(
                Array("<Tagging><TagSet><Tag><Key><![CDATA[<k>]]></Key><Value>v</Value></Tag></TagSet></Tagging>".utf8)
            ).tags.first?.key == "<k>")
        #expect(document.name == "Tagging")
    }

    @Test(
        "entity declarations are refused before parsing, so nothing can expand",
        arguments: [
            "<!DOCTYPE d [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><Delete><Object><Key>&b;</Key></Object></Delete>",
            "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Delete><Object><Key>&x;</Key></Object></Delete>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE d SYSTEM \"http://example.com/d.dtd\"><Delete/>",
            "<Delete><!ELEMENT x ANY></Delete>",
        ])
    func entities(text: String) {
        #expect(throws: S3Error.malformedXML) { try parse(text) }
    }

    /// Found by the s3-xml fuzz target: Foundation's XMLParser dereferenced NULL on `<?name?>` and
    /// took the whole server down with one DeleteObjects request.
    @Test(
        "processing instructions other than the XML declaration are MalformedXML, not a crash",
        arguments: [
            "<?xmlZvdRa?>\n<Delete><Object><Key>k</Key></Object></Delete>",
            "<?xml version=\"1.0\"?><?pi?><Delete><Object><Key>k</Key></Object></Delete>",
            "<Delete><Object><Key>k</Key></Object><?pi data?></Delete>",
            "<Delete><Object><Key>k</Key><?x ?></Object></Delete>",
            "<?xml ><?xF?><Delete/>",
        ])
    func processingInstructions(text: String) {
        #expect(throws: S3Error.malformedXML) { try parse(text) }
    }

    @Test("the XML declaration clients send, with or without a byte order mark, still parses")
    func declaration() throws {
        #expect(
            try parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Delete><Object><Key>k</Key></Object></Delete>").name
                == "Delete")
        #expect(try parse("\u{FEFF}<?xml version=\"1.0\"?><Tagging><TagSet/></Tagging>").name == "Tagging")
    }

    @Test("documents in other encodings are refused, so the checks above cannot be dodged")
    func encodings() {
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Delete/>".utf16 {
            utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        #expect(throws: S3Error.malformedXML) { try RequestXML.parse(utf16) }
        #expect(throws: S3Error.malformedXML) { try parse("<?xml version=\"1.0\" encoding=\"UTF-16\"?><Delete/>") }
        #expect(throws: S3Error.malformedXML) { try RequestXML.parse([0x3C, 0x61, 0x00, 0x3E]) }
    }

    @Test("malformed or oversized documents are refused")
    func malformed() {
        #expect(throws: S3Error.malformedXML) { try parse("<Delete><Object></Delete>") }
        #expect(throws: S3Error.malformedXML) { try parse("not xml at all") }
        #expect(throws: S3Error.malformedXML) {
            try parse(String(repeating: "<a>", count: 40) + String(repeating: "</a>", count: 40))
        }
        #expect(throws: S3Error.maxMessageLengthExceeded) {
            try RequestXML.parse([UInt8](repeating: 0x20, count: RequestXML.maxBodyBytes + 1))
        }
    }

    @Test("request documents check their shape")
    func documents() throws {
        #expect(try RequestDocuments.locationConstraint(Array("  \n".utf8)) == nil)
        #expect(
            try RequestDocuments.locationConstraint(
                Array(
                    "<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>"
                        .utf8))
                == "eu-west-1")
        #expect(throws: S3Error.malformedXML) { try RequestDocuments.delete(Array("<Delete></Delete>".utf8)) }
        let tooMany = "<Delete>" + String(repeating: "<Object><Key>k</Key></Object>", count: 1001) + "</Delete>"
        #expect(throws: S3Error.malformedXML) { try RequestDocuments.delete(Array(tooMany.utf8)) }
        let parts = try RequestDocuments.completeMultipartUpload(
            Array(
                "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"abc\"</ETag><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part></CompleteMultipartUpload>"
                    .utf8))
        #expect(parts.count == 1)
        #expect(parts[0].etag == "abc")
        #expect(parts[0].checksums[.crc32] == "AAAAAA==")
        #expect(throws: S3Error.malformedXML) {
            try RequestDocuments.versioning(
                Array("<VersioningConfiguration><Status>On</Status></VersioningConfiguration>".utf8))
        }
    }
}

@Suite("Copy sources")
struct CopySourceTests {
    @Test("bucket/key with or without a leading slash, URL-decoded, with a version")
    func parses() throws {
        #expect(try CopySource.parse("bucket/a%20b/c") == CopySource(bucket: "bucket", key: "a b/c", versionID: nil))
        #expect(
            try CopySource.parse("/bucket/key?versionId=null")
                == CopySource(bucket: "bucket", key: "key", versionID: "null"))
    }

    @Test("a source without bucket and key is InvalidArgument", arguments: ["bucket", "bucket/", "/key", ""])
    func invalid(header: String) {
        #expect(throws: (any Error).self) { try CopySource.parse(header) }
    }

    @Test("copy-source ranges must be bytes=first-last inside the source")
    func ranges() throws {
        let range = try CopySourceRange.parse("bytes=2-9", size: 10)
        #expect(range.offset == 2)
        #expect(range.length == 8)
        #expect(throws: (any Error).self) { try CopySourceRange.parse("bytes=5-", size: 10) }
        #expect(throws: (any Error).self) { try CopySourceRange.parse("bytes=5-10", size: 10) }
    }
}
