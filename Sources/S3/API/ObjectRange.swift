import HTTPServer

/// GetObject's `Range` member (`bytes=first-last`, `bytes=first-`, `bytes=-suffix`) resolved
/// against the object's size, by the same RFC 9110 rules the HTTP layer serves files with.
enum ObjectRange: Equatable {
    /// No usable range (unparsable, several ranges): the whole object with 200, as S3 does.
    case whole
    case partial(offset: Int64, length: Int64)
    /// Starts past the end: 416 InvalidRange.
    case unsatisfiable

    static func resolve(_ header: String, size: Int64) -> ObjectRange {
        switch ByteRange.resolve(header, size: Int(size)) {
        case .whole: .whole
        case .partial(let range): .partial(offset: Int64(range.offset), length: Int64(range.length))
        case .unsatisfiable: .unsatisfiable
        }
    }
}
