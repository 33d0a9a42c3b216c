import Foundation

/// What every handler knows about the request it serves.
public struct RequestContext: Sendable {
    public var requestID: String
    public var accountID: String
    public var region: String
    /// The service's short name, e.g. `ssm`, `s3`.
    public var service: String
    public var operation: String
    public var caller: CallerIdentity
    public var clock: AWSClock
    /// Where the request came from; nil for requests that did not arrive over HTTP (tests,
    /// calls ebauth makes itself), whose condition keys IAM then cannot answer.
    public var facts: RequestFacts?

    public init(
        requestID: String, accountID: String, region: String, service: String, operation: String,
        caller: CallerIdentity, clock: AWSClock, facts: RequestFacts? = nil
    ) {
        self.requestID = requestID
        self.accountID = accountID
        self.region = region
        self.service = service
        self.operation = operation
        self.caller = caller
        self.clock = clock
        self.facts = facts
    }
}
