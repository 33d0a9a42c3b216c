/// A module with something to tell the person who started `ebauth serve` (how to reach it with
/// a tool that needs more than an endpoint URL, such as docker for ECR's registry). The lines
/// are printed after the `IAM:` line of the banner and before the `export` lines.
public protocol ServiceBanner: Sendable {
    func bannerLines(endpoint: String) -> [String]
}
