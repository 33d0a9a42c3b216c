import AWSCore
import Foundation

/// IAM's element shapes, named as in the IAM API reference (`User`, `Role`, …) and kept in
/// this namespace because the model has types of the same names. Each operation's request and
/// response shapes live beside it (`UserShapes.swift`, …). Policy documents are URL-encoded in
/// responses, as IAM returns them (botocore decodes them).
enum IAMShapes {
    /// RFC 3986 percent-encoding of everything but unreserved characters.
    static func encodeDocument(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// A tag as a request sends it (`Tags.member.N.Key` / `.Value`).
    struct Tag: Decodable, Sendable {
        var Key: String?
        var Value: String?
    }

    /// Requested tags as the model keeps them: members without a key are dropped and a
    /// missing value is empty, as IAM read them before it validated tags.
    static func tags(_ tags: [Tag]?) -> [IAMTag] {
        (tags ?? []).compactMap { tag in tag.Key.map { IAMTag(Key: $0, Value: tag.Value ?? "") } }
    }

    /// An entity's tags in a response: IAM leaves `<Tags>` out when there are none.
    static func listed(_ tags: [IAMTag]) -> [IAMTag]? {
        tags.isEmpty ? nil : tags
    }
}
