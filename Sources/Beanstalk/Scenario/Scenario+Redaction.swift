/// Scenario values that hold secrets print without them, so a runner that logs a scenario
/// (or a failed test that prints one) does not leak passwords.
extension Scenario.DockerAuthSpec: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        "dockerAuth(registry: \(registry ?? "Docker Hub"), user: \(user), format: \(format.rawValue)"
            + (credsStore.map { ", credsStore: \($0)" } ?? "") + ")"
    }
    public var debugDescription: String { description }
}

extension Scenario.User: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "user(\(user))" }
    public var debugDescription: String { description }
}

extension Scenario.Secret: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { "secret(\(name))" }
    public var debugDescription: String { description }
}

extension Scenario.SSMParameter: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        type == .secureString
            ? "parameter(\(name), SecureString, \(values.count) version(s))"
            : "parameter(\(name), \(type.rawValue), \(values))"
    }
    public var debugDescription: String { description }
}
