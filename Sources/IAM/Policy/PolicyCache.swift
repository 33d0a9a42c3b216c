import Synchronization

/// Parsed policy documents by their text, so a role's policies are parsed once, not per request.
///
/// Keyed by the whole text, never by name or version: an edited policy is different text, so
/// the next request parses the new document and a stale one is never served. Bounded: once
/// full, each new text replaces the oldest.
final class PolicyCache: Sendable {
    private let entries: Mutex<Entries>
    let capacity: Int

    struct Entries: ~Copyable {
        var parsed: [String: Result<PolicyDocument, PolicyParseError>] = [:]
        /// Texts in insertion order, as a ring; `next` is the oldest once full.
        var order: [String] = []
        var next = 0
    }

    init(capacity: Int = 256) {
        precondition(capacity > 0, "a PolicyCache keeps at least one document")
        self.capacity = capacity
        entries = Mutex(Entries())
    }

    /// The document `text` parses to, or the error parsing it gives.
    func document(_ text: String) throws(PolicyParseError) -> PolicyDocument {
        let result = entries.withLock { $0.parsed[text] } ?? remember(text)
        return try result.get()
    }

    var count: Int { entries.withLock { $0.parsed.count } }

    private func remember(_ text: String) -> Result<PolicyDocument, PolicyParseError> {
        let result: Result<PolicyDocument, PolicyParseError>
        do { result = .success(try PolicyDocument(parsing: text)) } catch { result = .failure(error) }
        let capacity = capacity
        entries.withLock { entries in
            guard entries.parsed[text] == nil else { return }
            if entries.order.count < capacity {
                entries.order.append(text)
            } else {
                entries.parsed[entries.order[entries.next]] = nil
                entries.order[entries.next] = text
                entries.next = (entries.next + 1) % capacity
            }
            entries.parsed[text] = result
        }
        return result
    }
}
