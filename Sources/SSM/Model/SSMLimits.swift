/// Parameter Store's quotas per account and region. Injectable so tests can reach them quickly.
struct SSMLimits: Sendable {
    var standardParameters = 10_000
    var advancedParameters = 100_000
    /// Versions kept per parameter; older ones are deleted unless labelled.
    var versionsKept = 100
    var tagsPerResource = 50

    init() {}
}
