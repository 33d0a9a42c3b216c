/// The platform branch an environment runs and the date its platform version was released.
/// Several behaviours depend on that date (EB developer guide, "Extending Elastic Beanstalk
/// Linux platforms" → platform hooks; "environment secrets").
public struct Platform: Sendable, Equatable, CustomStringConvertible {
    public enum Branch: String, Sendable, CaseIterable, Equatable {
        case dockerAL2023 = "docker-al2023"
        case dockerAL2 = "docker-al2"
        case ecsAL2023 = "ecs-al2023"
        case ecsAL2 = "ecs-al2"

        /// ECS platforms run Dockerrun.aws.json v2 through the ECS agent; Docker platforms run
        /// v1 (one image or a Dockerfile) or v3 (docker-compose.yml).
        public var isECS: Bool { self == .ecsAL2023 || self == .ecsAL2 }
    }

    public var branch: Branch
    public var released: PlatformDate

    public init(branch: Branch, released: PlatformDate) {
        self.branch = branch
        self.released = released
    }

    public var description: String { "\(branch.rawValue) (released \(released))" }

    /// Platforms released on or after 29 April 2022 make every hook executable themselves.
    public var grantsHookExecutePermission: Bool { released >= PlatformDate(2022, 4, 29) }

    /// Platforms released on or after 29 December 2022 convert CRLF to LF in hook scripts.
    public var convertsHookLineEndings: Bool { released >= PlatformDate(2022, 12, 29) }

    /// `aws:elasticbeanstalk:application:environmentsecrets` needs a platform released on or
    /// after 26 March 2025.
    public var supportsEnvironmentSecrets: Bool { released >= PlatformDate(2025, 3, 26) }

    /// JSON-key extraction from a Secrets Manager secret (`…:secret:name-AbCdEf:key`) needs a
    /// platform released on or after 13 January 2026.
    public var supportsSecretJSONKeys: Bool { released >= PlatformDate(2026, 1, 13) }
}

/// A calendar date as scenario files write it: `2025-06-01`.
public struct PlatformDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(_ year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil for anything else, including impossible dates such as `2025-02-30`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= Self.days(in: month, of: year)
        else { return nil }
        self.init(year, month, day)
    }

    private static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var description: String {
        let month = month < 10 ? "0\(month)" : "\(month)"
        let day = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(month)-\(day)"
    }

    public static func < (lhs: PlatformDate, rhs: PlatformDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
