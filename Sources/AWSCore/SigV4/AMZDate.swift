import Foundation

/// The `yyyyMMdd'T'HHmmss'Z'` timestamps SigV4 uses, parsed and formatted by hand (UTC only).
public enum AMZDate {
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        // Plain dates by arithmetic (this runs per request); leap seconds and early years by Calendar.
        if year >= 1970, second < 60 {
            guard day <= daysInMonth(year: year, month: month) else { return nil }
            let days = daysSinceEpoch(year: year, month: month, day: day)
            return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
        }
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(identifier: "UTC")
        (components.year, components.month, components.day) = (year, month, day)
        (components.hour, components.minute, components.second) = (hour, minute, second)
        guard components.isValidDate, let date = components.date else { return nil }
        return date
    }

    public static func format(_ date: Date) -> String {
        let parts = utc(date)
        return String(
            unsafeUninitializedCapacity: 32,
            initializingUTF8With: { out in
                var at = 0
                write(Int(parts.tm_year) + 1900, 4, out, &at)
                write(Int(parts.tm_mon) + 1, 2, out, &at)
                write(Int(parts.tm_mday), 2, out, &at)
                out[at] = UInt8(ascii: "T"); at += 1
                write(Int(parts.tm_hour), 2, out, &at)
                write(Int(parts.tm_min), 2, out, &at)
                write(Int(parts.tm_sec), 2, out, &at)
                out[at] = UInt8(ascii: "Z"); at += 1
                return at
            })
    }

    /// `yyyy-MM-ddTHH:mm:ss` followed by `suffix` (`Z`, `.000Z`).
    public static func extended(_ date: Date, suffix: StaticString) -> String {
        let parts = utc(date)
        return String(
            unsafeUninitializedCapacity: 40 + suffix.utf8CodeUnitCount,
            initializingUTF8With: { out in
                var at = 0
                write(Int(parts.tm_year) + 1900, 4, out, &at)
                out[at] = UInt8(ascii: "-"); at += 1
                write(Int(parts.tm_mon) + 1, 2, out, &at)
                out[at] = UInt8(ascii: "-"); at += 1
                write(Int(parts.tm_mday), 2, out, &at)
                out[at] = UInt8(ascii: "T"); at += 1
                write(Int(parts.tm_hour), 2, out, &at)
                out[at] = UInt8(ascii: ":"); at += 1
                write(Int(parts.tm_min), 2, out, &at)
                out[at] = UInt8(ascii: ":"); at += 1
                write(Int(parts.tm_sec), 2, out, &at)
                suffix.withUTF8Buffer { for byte in $0 { out[at] = byte; at += 1 } }
                return at
            })
    }

    static func utc(_ date: Date) -> tm {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return parts
    }

    /// Zero-padded decimal of at least `width` digits (years past 9999 keep all their digits).
    static func write(_ value: Int, _ width: Int, _ out: UnsafeMutableBufferPointer<UInt8>, _ at: inout Int) {
        if value >= 0, value < (width == 2 ? 100 : 10_000) {
            var rest = value
            for offset in (0..<width).reversed() {
                out[at + offset] = UInt8(48 + rest % 10)
                rest /= 10
            }
            at += width
            return
        }
        var digits: [UInt8] = []
        var rest = abs(value)
        repeat {
            digits.append(UInt8(48 + rest % 10))
            rest /= 10
        } while rest > 0
        while digits.count < width { digits.append(48) }
        if value < 0 { digits.append(UInt8(ascii: "-")) }
        for byte in digits.reversed() { out[at] = byte; at += 1 }
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date (Hinnant's days_from_civil).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// ISO 8601 with milliseconds, as S3 error documents print server times.
    public static func iso8601(_ date: Date) -> String {
        extended(date, suffix: ".000Z")
    }
}
