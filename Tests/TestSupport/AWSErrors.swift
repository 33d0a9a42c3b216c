// Swift Testing is only on the search path of test builds: a plain `swift build -c release` builds
// this target too, and compiles it without the parts that record issues.
#if canImport(Testing)
    import AWSCore
    import Testing

    /// Runs `body` and checks that it fails as AWS would: code, message (when given) and status.
    public func expectAWSError(
        _ code: String, _ message: String? = nil, status: Int = 400, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () throws -> Void
    ) {
        guard let aws = awsError(body) else {
            Issue.record("expected \(code), but the call succeeded", sourceLocation: sourceLocation)
            return
        }
        #expect(aws.code == code, sourceLocation: sourceLocation)
        #expect(aws.status == status, sourceLocation: sourceLocation)
        if let message { #expect(aws.message == message, sourceLocation: sourceLocation) }
    }

    /// Runs `body` and returns the AWS error it threw (code and message as the wire has them).
    public func awsError(_ body: () throws -> Void) -> AWSError? {
        do {
            try body()
            return nil
        } catch {
            return ErrorRenderer.awsError(for: error)
        }
    }

    /// The message of the error `body` throws, for checks on part of it.
    public func awsErrorMessage(_ body: () throws -> Void) -> String? {
        awsError(body)?.message
    }
#endif
