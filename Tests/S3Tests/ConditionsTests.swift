import Foundation
import Testing

@testable import S3

@Suite("Conditional requests")
struct ConditionsTests {
    let etag = "5d41402abc4b2a76b9719d911017c592"
    let modified = Date(timeIntervalSince1970: 1_700_000_000.789)
    let before = Date(timeIntervalSince1970: 1_699_990_000)
    let after = Date(timeIntervalSince1970: 1_700_010_000)

    @Test("If-Match fails on another ETag and passes on the same, quoted or in a list")
    func ifMatch() {
        #expect(
            Conditions(ifMatch: "\"other\"").evaluate(etag: etag, lastModified: modified)
                == .preconditionFailed(condition: "If-Match"))
        #expect(Conditions(ifMatch: "\"\(etag)\"").evaluate(etag: etag, lastModified: modified) == .proceed)
        #expect(Conditions(ifMatch: "\"x\", \"\(etag)\"").evaluate(etag: etag, lastModified: modified) == .proceed)
        #expect(Conditions(ifMatch: "*").evaluate(etag: etag, lastModified: modified) == .proceed)
    }

    @Test("If-None-Match on the same ETag is 304")
    func ifNoneMatch() {
        #expect(Conditions(ifNoneMatch: "\"\(etag)\"").evaluate(etag: etag, lastModified: modified) == .notModified)
        #expect(Conditions(ifNoneMatch: "\"other\"").evaluate(etag: etag, lastModified: modified) == .proceed)
    }

    @Test("dates compare in whole seconds")
    func dates() {
        let sameSecond = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(Conditions(ifModifiedSince: sameSecond).evaluate(etag: etag, lastModified: modified) == .notModified)
        #expect(Conditions(ifModifiedSince: before).evaluate(etag: etag, lastModified: modified) == .proceed)
        #expect(Conditions(ifUnmodifiedSince: sameSecond).evaluate(etag: etag, lastModified: modified) == .proceed)
        #expect(
            Conditions(ifUnmodifiedSince: before).evaluate(etag: etag, lastModified: modified)
                == .preconditionFailed(condition: "If-Unmodified-Since"))
    }

    @Test(
        "S3's combinations: If-Match true wins over If-Unmodified-Since false; If-None-Match false with If-Modified-Since true is 304"
    )
    func combinations() {
        #expect(
            Conditions(ifMatch: etag, ifUnmodifiedSince: before).evaluate(etag: etag, lastModified: modified)
                == .proceed)
        #expect(
            Conditions(ifNoneMatch: etag, ifModifiedSince: before).evaluate(etag: etag, lastModified: modified)
                == .notModified)
        #expect(
            Conditions(ifNoneMatch: "\"x\"", ifModifiedSince: after).evaluate(etag: etag, lastModified: modified)
                == .proceed)
    }

    @Test("HTTP dates parse in IMF-fixdate, RFC 850 and asctime forms")
    func httpDates() {
        let expected = Date(timeIntervalSince1970: 784_111_777)
        #expect(HTTPDateParser.parse("Sun, 06 Nov 1994 08:49:37 GMT") == expected)
        #expect(HTTPDateParser.parse("Sunday, 06-Nov-94 08:49:37 GMT") == expected)
        #expect(HTTPDateParser.parse("Sun Nov  6 08:49:37 1994") == expected)
        #expect(HTTPDateParser.parse("yesterday") == nil)
    }
}

@Suite("ETags")
struct ETagTests {
    @Test("a multipart ETag is the MD5 of the parts' binary MD5s and the number of parts")
    func multipart() {
        // md5("a") and md5("b"); md5 of their 32 raw bytes computed independently.
        let parts = ["0cc175b9c0f1b6a831c399e269772661", "92eb5ffee6ae2fec3ad71c777531578f"]
        #expect(ETag.multipart(partMD5s: parts) == "96e024ba2074fe77e8e965ba43a704be-2")
        // One part still gets the multipart form, not the part's own MD5.
        #expect(ETag.multipart(partMD5s: [parts[0]]).hasSuffix("-1"))
    }

    @Test("client ETags are compared without quotes or weak markers")
    func normalize() {
        #expect(ETag.normalize("\"abc\"") == "abc")
        #expect(ETag.normalize(" W/\"abc\" ") == "abc")
        #expect(ETag.normalize("abc") == "abc")
    }
}
