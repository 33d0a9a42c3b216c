import AWSCore
import Foundation

/// IAM's behaviour: request shapes in, response shapes or `IAMError` out. No HTTP, no XML, no SQL.
struct IAMBackend: Sendable {
    let store: IAMStore
    /// The server's decision point: the policy authorizer under `--enforce-iam`, allow-all otherwise.
    let authorizer: any Authorizer
    let clock: AWSClock

    /// Asks IAM whether the caller may act; `shown` is the resource as IAM's message names it
    /// (`role NAME`, `user NAME`), which is not always the ARN the policies are matched against.
    /// The request's own facts (`aws:SourceIp`, …) go with the context.
    func authorize(
        _ context: RequestContext, _ action: String, resource: String, shown: String? = nil,
        keys: [String: [String]] = [:]
    ) throws(IAMError) {
        do {
            try authorizer.authorize(
                AuthorizationRequest(context, action: action, resource: resource, conditionValues: keys))
        } catch {
            var denial = error
            if let shown { denial.resource = shown }
            throw .accessDenied(denial.message())
        }
    }

    var now: Date { clock.now() }
}

/// A page of a List operation: IAM's `Marker` / `MaxItems` / `IsTruncated`.
struct Page<Item> {
    var items: [Item]
    var marker: String?

    var isTruncated: Bool { marker != nil }

    /// Markers are opaque to clients; ebauth's encode the offset of the next item.
    static func of(_ all: [Item], marker: String?, maxItems: Int?) throws(IAMError) -> Page {
        var start = 0
        if let marker {
            guard let data = Data(base64Encoded: marker), let offset = Int(String(decoding: data, as: UTF8.self)),
                offset >= 0, offset <= all.count
            else { throw .invalidInput("Invalid Marker.") }
            start = offset
        }
        let size = maxItems ?? 100
        guard (1...1000).contains(size) else {
            throw IAMError.constraint(
                String(size), member: "maxItems",
                size < 1
                    ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to 1000")
        }
        let end = min(all.count, start + size)
        let next = end < all.count ? Data(String(end).utf8).base64EncodedString() : nil
        return Page(items: Array(all[start..<end]), marker: next)
    }
}
