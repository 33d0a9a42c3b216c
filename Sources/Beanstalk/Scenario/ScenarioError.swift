/// A scenario file that cannot be used, naming the key at fault.
public struct ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file, as given to the loader.
    public let file: String
    /// Dotted key path (`instanceProfile.managedPolicies[1]`); empty for the whole file.
    public let key: String
    public let problem: String

    public init(file: String, key: String, problem: String) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    public var description: String {
        key.isEmpty ? "\(file): \(problem)" : "\(file): \(key): \(problem)"
    }
}
