/// What a read operation names: a parameter by name or ARN, optionally with `:version` or `:label`.
///
/// GetParameter, GetParameters and GetParameterHistory accept ARNs; the ARN in a response never
/// carries the selector. The write operations take names only, so an ARN there fails the name
/// syntax check, as it does on AWS.
struct ParameterReference: Sendable, Hashable {
    enum Selector: Sendable, Hashable {
        case version(Int64)
        case label(String)
    }

    var name: ParameterName
    /// The account and region the reference points into (an ARN may name another).
    var scope: SSMScope
    var selector: Selector?
    /// The selector as written, e.g. `1` or `prod`; responses echo it as `Selector: ":1"`.
    var selectorText: String?
    /// True when the caller used an ARN: the response then names the parameter as stored.
    var viaARN: Bool

    init(_ raw: String, caller: SSMScope, allowSelector: Bool = true) throws(SSMError) {
        let text = ParameterName.trimmingSpaces(raw)
        var namePart = text
        var scope = caller
        viaARN = false
        if text.hasPrefix("arn:") {
            // arn:PARTITION:ssm:REGION:ACCOUNT:parameter/NAME[:SELECTOR]
            let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard fields.count == 6, fields[2] == "ssm", !fields[3].isEmpty, !fields[4].isEmpty,
                fields[5].hasPrefix("parameter/")
            else { throw .validation(ParameterName.invalidNameMessage) }
            scope = SSMScope(accountID: String(fields[4]), region: String(fields[3]))
            namePart = String(fields[5].dropFirst("parameter".count))
            viaARN = true
        }
        // Most references carry no selector: skip the Character-wise split for them.
        let pieces: [Substring] =
            namePart.utf8.contains(UInt8(ascii: ":"))
            ? namePart.split(separator: ":", omittingEmptySubsequences: false) : [namePart[...]]
        guard pieces.count <= (allowSelector ? 2 : 1) else { throw .validation(ParameterName.invalidNameMessage) }
        var name = try ParameterName(String(pieces[0]))
        if viaARN && name.isHierarchical == false {
            // `parameter/USER` names the flat parameter USER.
            name = ParameterName(stored: name.key, key: name.key)
        }
        self.name = name
        self.scope = scope
        if pieces.count == 2 {
            let selector = String(pieces[1])
            guard !selector.isEmpty else { throw .validation(ParameterName.invalidNameMessage) }
            selectorText = selector
            if selector.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                // Labels cannot start with a digit, so digits are always a version.
                self.selector = .version(Int64(selector) ?? Int64.max)
            } else {
                self.selector = .label(selector)
            }
        } else {
            selector = nil
            selectorText = nil
        }
    }

    /// The text AWS puts in `Selector`: `:1`, `:prod`.
    var responseSelector: String? { selectorText.map { ":" + $0 } }
}
