import AWSCore
import Foundation

/// The condition keys of one request, as policy conditions and variables see them.
///
/// Key names are case-insensitive in IAM. A key is either present (with one or more values),
/// known to be absent from this request, or one ebauth cannot fill; conditions on the last kind
/// fail closed (an Allow does not apply, a Deny does) and the decision says so.
///
/// The global keys (`aws:PrincipalArn`, `aws:CurrentTime`, …) are answered when a condition or
/// variable asks, not built per request: most requests are decided by statements without either.
public struct RequestKeys: Sendable {
    public enum Lookup: Equatable, Sendable {
        case values([String])
        case absent
        case unsupported
    }

    /// What the global keys are read from; the request's own keys take precedence over them.
    public struct Globals: Sendable {
        public var principal: PrincipalFacts
        /// `aws:CurrentTime`, as IAM formats it.
        public var currentTime: String
        /// `aws:EpochTime`, in whole seconds.
        public var epochTime: Int
        /// `aws:RequestedRegion`; empty when the request names none.
        public var region: String
        /// `aws:ResourceAccount`.
        public var resourceAccountID: String
        /// `aws:SourceIp`, `aws:SecureTransport`, `aws:UserAgent`, `aws:Referer`; nil for a request
        /// that did not come over HTTP, whose source IP and user agent ebauth cannot answer.
        public var facts: RequestFacts?

        public init(
            principal: PrincipalFacts, currentTime: String, epochTime: Int, region: String, resourceAccountID: String,
            facts: RequestFacts? = nil
        ) {
            self.principal = principal
            self.currentTime = currentTime
            self.epochTime = epochTime
            self.region = region
            self.resourceAccountID = resourceAccountID
            self.facts = facts
        }

        /// One global key by its lowercased name; an empty list means known and absent.
        func value(_ name: String) -> [String]? {
            if let value = principal.globalKey(name) { return value }
            switch name {
            case "aws:currenttime": return [currentTime]
            case "aws:epochtime": return [String(epochTime)]
            case "aws:requestedregion": return region.isEmpty ? [] : [region]
            case "aws:securetransport": return [facts?.secureTransport == true ? "true" : "false"]
            case "aws:resourceaccount": return [resourceAccountID]
            // Without the request's facts the address and agent are unknown (fail closed); a
            // referer is only ever sent by browsers, so none is read as absent.
            case "aws:sourceip": return facts.map { $0.sourceIP.map { [$0] } ?? [] }
            case "aws:useragent": return facts.map { $0.userAgent.map { [$0] } ?? [] }
            case "aws:referer": return facts?.referer.map { [$0] } ?? []
            default: return nil
            }
        }
    }

    private var values: [String: [String]] = [:]
    private var globals: Globals?

    /// Global keys that exist in AWS but never apply to a request ebauth serves: no VPC
    /// endpoints, no organizations, no MFA, no calls made by one AWS service for another.
    static let globalKeysNeverPresent: Set<String> = [
        "aws:sourcevpce", "aws:sourcevpc", "aws:vpcsourceip", "aws:sourceorgid", "aws:sourceorgpaths",
        "aws:principalorgid", "aws:principalorgpaths", "aws:resourceorgid", "aws:resourceorgpaths",
        "aws:calledvia", "aws:calledviafirst", "aws:calledvialast", "aws:sourcearn", "aws:sourceaccount",
        "aws:multifactorauthage", "aws:federatedprovider", "aws:sourceidentity",
        "aws:principalservicename", "aws:principalservicenameslist", "aws:ec2instancesourcevpc",
        "aws:ec2instancesourceprivateipv4", "aws:sourceowner",
    ]

    public init(_ values: [String: [String]] = [:], globals: Globals? = nil) {
        for (key, list) in values { self.values[key.lowercased()] = list }
        self.globals = globals
    }

    /// Sets a key; an empty list records that the key is known and absent from this request.
    public mutating func set(_ key: String, _ list: [String]) {
        values[key.lowercased()] = list
    }

    public mutating func setIfMissing(_ key: String, _ list: [String]) {
        let name = key.lowercased()
        if values[name] == nil { values[name] = list }
    }

    public func lookup(_ key: String) -> Lookup {
        let name = key.lowercased()
        if let list = values[name] ?? globals?.value(name) { return list.isEmpty ? .absent : .values(list) }
        if Self.globalKeysNeverPresent.contains(name) { return .absent }
        // Tags of the principal are filled from IAM; a tag the principal lacks is simply absent.
        if name.hasPrefix("aws:principaltag/") { return .absent }
        return .unsupported
    }
}
