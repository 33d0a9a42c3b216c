import AWSCore
import Foundation

/// IAM's timestamps (`2026-11-29T13:21:19Z`), formatted by hand: the policy evaluator stamps
/// every decision, and building an ISO8601DateFormatter per call cost a third of a request.
enum IAMDate {
    static func iso8601(_ date: Date) -> String {
        let compact = Array(AMZDate.format(date).utf8)  // yyyyMMddTHHmmssZ
        var out = [UInt8]()
        out.reserveCapacity(20)
        out += compact[0..<4] + [UInt8(ascii: "-")] + compact[4..<6] + [UInt8(ascii: "-")] + compact[6..<8]
        out += [UInt8(ascii: "T")] + compact[9..<11] + [UInt8(ascii: ":")] + compact[11..<13]
        out += [UInt8(ascii: ":")] + compact[13..<15] + [UInt8(ascii: "Z")]
        return String(decoding: out, as: UTF8.self)
    }
}
