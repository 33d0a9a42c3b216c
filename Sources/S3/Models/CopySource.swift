import AWSCore

/// `x-amz-copy-source`: `bucket/key` or `/bucket/key`, URL-encoded, optionally `?versionId=…`.
struct CopySource: Equatable {
    var bucket: String
    var key: String
    var versionID: String?

    static func parse(_ header: String) throws(S3Error) -> CopySource {
        var text = Substring(header)
        var versionID: String?
        if let mark = text.firstIndex(of: "?") {
            let query = QueryItems(parsing: text[text.index(after: mark)...])
            versionID = query["versionId"]
            text = text[..<mark]
        }
        let decoded = URIEncoding.decode(text)
        let path = decoded.hasPrefix("/") ? String(decoded.dropFirst()) : decoded
        guard let slash = path.firstIndex(of: "/"), slash != path.startIndex, path.index(after: slash) != path.endIndex
        else {
            throw .invalidArgument(
                message: "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
                name: "x-amz-copy-source", value: header)
        }
        return CopySource(
            bucket: String(path[..<slash]), key: String(path[path.index(after: slash)...]), versionID: versionID)
    }
}

/// `x-amz-copy-source-range: bytes=first-last`, both offsets required and within the source.
enum CopySourceRange {
    static func parse(_ header: String, size: Int64) throws(S3Error) -> (offset: Int64, length: Int64) {
        let invalid = S3Error.invalidArgument(
            message:
                "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy",
            name: "x-amz-copy-source-range", value: header)
        guard header.hasPrefix("bytes=") else { throw invalid }
        let parts = header.dropFirst(6).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let first = Int64(parts[0]), let last = Int64(parts[1]), first >= 0, last >= first
        else {
            throw invalid
        }
        guard last < size else {
            throw .invalidArgument(
                message: "Range specified is not valid for source object of size: \(size)",
                name: "x-amz-copy-source-range",
                value: header)
        }
        return (first, last - first + 1)
    }
}
