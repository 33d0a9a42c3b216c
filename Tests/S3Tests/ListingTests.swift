import Testing

@testable import S3

@Suite("Listing pages")
struct ListingTests {
    let keys = ["a", "b/1", "b/2", "b/c/3", "c", "d/1", "e"].sorted { Bytewise.less($0, $1) }

    func page(
        prefix: String = "", delimiter: String? = nil, marker: String? = nil, maxKeys: Int = 1000, batch: Int = 1000
    )
        -> ListingPage<String>
    {
        Listing.page(
            prefix: prefix, delimiter: delimiter, marker: marker, maxKeys: maxKeys, batchSize: batch, key: { $0 }
        ) { after, limit in
            Array(
                keys.filter { key in Bytewise.lessOrEqual(prefix, key) && (after.map { Bytewise.less($0, key) } ?? true)
                }
                .prefix(limit))
        }
    }

    @Test("without a delimiter every key after the marker is listed")
    func flat() {
        #expect(page().contents == keys)
        #expect(page(marker: "b/2").contents == ["b/c/3", "c", "d/1", "e"])
        #expect(page(prefix: "b/").contents == ["b/1", "b/2", "b/c/3"])
    }

    @Test("a delimiter folds keys into common prefixes that count as entries")
    func delimiter() {
        let result = page(delimiter: "/")
        #expect(result.contents == ["a", "c", "e"])
        #expect(result.commonPrefixes == ["b/", "d/"])
        let nested = page(prefix: "b/", delimiter: "/")
        #expect(nested.contents == ["b/1", "b/2"])
        #expect(nested.commonPrefixes == ["b/c/"])
    }

    @Test("pages stop at maxKeys and resume after the last entry, prefixes included")
    func paging() {
        let first = page(delimiter: "/", maxKeys: 2)
        #expect(first.contents == ["a"])
        #expect(first.commonPrefixes == ["b/"])
        #expect(first.isTruncated)
        #expect(first.lastReturned == "b/")
        let second = page(delimiter: "/", marker: first.lastReturned, maxKeys: 2)
        #expect(second.contents == ["c"])
        #expect(second.commonPrefixes == ["d/"])
        #expect(second.isTruncated)
        let third = page(delimiter: "/", marker: second.lastReturned, maxKeys: 2)
        #expect(third.contents == ["e"])
        #expect(!third.isTruncated)
    }

    @Test("the last page is not truncated when it ends exactly at maxKeys")
    func exact() {
        #expect(!page(maxKeys: keys.count).isTruncated)
        #expect(page(maxKeys: keys.count - 1).isTruncated)
    }

    @Test("small fetch batches give the same answer")
    func batches() {
        let result = page(delimiter: "/", batch: 1)
        #expect(result.contents == ["a", "c", "e"])
        #expect(result.commonPrefixes == ["b/", "d/"])
    }

    @Test("keys compare by UTF-8 bytes, so composed and decomposed é are different keys")
    func bytewise() {
        #expect(!Bytewise.equal("\u{e9}", "e\u{301}"))
        #expect("\u{e9}" == "e\u{301}")  // what Swift's String says, and why keys are not compared with it
        #expect(Bytewise.less("e\u{301}", "\u{e9}"))
        #expect(Bytewise.commonPrefix(of: "a/b/c", prefix: "a/", delimiter: "/") == "a/b/")
        #expect(Bytewise.commonPrefix(of: "a--b--c", prefix: "", delimiter: "--") == "a--")
        #expect(Bytewise.commonPrefix(of: "abc", prefix: "", delimiter: "/") == nil)
    }
}
