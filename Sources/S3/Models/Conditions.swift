import Foundation

/// Conditional request headers (`If-Match`, `If-None-Match`, `If-Modified-Since`,
/// `If-Unmodified-Since`), evaluated in RFC 9110 §13.2.2 order, which gives S3's documented
/// combinations: If-Match true wins over If-Unmodified-Since false (200), and If-None-Match
/// false with If-Modified-Since true is 304.
struct Conditions: Sendable {
    var ifMatch: String?
    var ifNoneMatch: String?
    var ifModifiedSince: Date?
    var ifUnmodifiedSince: Date?
    /// Header names as the client sent them, for `<Condition>`.
    var names = Names()

    struct Names: Sendable {
        var ifMatch = "If-Match"
        var ifNoneMatch = "If-None-Match"
        var ifModifiedSince = "If-Modified-Since"
        var ifUnmodifiedSince = "If-Unmodified-Since"
    }

    enum Outcome: Equatable {
        case proceed
        case notModified
        case preconditionFailed(condition: String)
    }

    var isEmpty: Bool { ifMatch == nil && ifNoneMatch == nil && ifModifiedSince == nil && ifUnmodifiedSince == nil }

    func evaluate(etag: String, lastModified: Date) -> Outcome {
        // HTTP dates have whole seconds.
        let modified = lastModified.timeIntervalSince1970.rounded(.down)
        if let ifMatch {
            if !ETag.list(ifMatch, matches: etag) { return .preconditionFailed(condition: names.ifMatch) }
        } else if let ifUnmodifiedSince, modified > ifUnmodifiedSince.timeIntervalSince1970 {
            return .preconditionFailed(condition: names.ifUnmodifiedSince)
        }
        if let ifNoneMatch {
            if ETag.list(ifNoneMatch, matches: etag) { return .notModified }
        } else if let ifModifiedSince, modified <= ifModifiedSince.timeIntervalSince1970 {
            return .notModified
        }
        return .proceed
    }
}

/// Parses the HTTP date formats (IMF-fixdate, RFC 850, asctime) by hand; an unparsable date
/// makes the condition absent, as RFC 9110 requires.
enum HTTPDateParser {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func parse(_ text: String) -> Date? {
        let cleaned = text.replacingOccurrences(of: ",", with: " ").replacingOccurrences(of: "-", with: " ")
        let tokens = cleaned.split(separator: " ").map(String.init)
        var day: Int?, month: Int?, year: Int?, time: [Int]?
        for token in tokens {
            if token.contains(":") {
                let parts = token.split(separator: ":").compactMap { Int($0) }
                if parts.count == 3 { time = parts }
            } else if let index = months.firstIndex(of: token.lowercased()) {
                month = index + 1
            } else if let number = Int(token) {
                if token.count == 4 { year = number } else if day == nil { day = number } else { year = number }
            }
        }
        guard let day, let month, var year, let time else { return nil }
        if year < 100 { year += year < 70 ? 2000 : 1900 }
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(identifier: "UTC")
        (components.year, components.month, components.day) = (year, month, day)
        (components.hour, components.minute, components.second) = (time[0], time[1], time[2])
        guard components.isValidDate else { return nil }
        return components.date
    }
}
