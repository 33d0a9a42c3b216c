import Foundation

// Shapes shared by several operations, named and cased exactly as botocore's ssm/2014-11-06.

/// A parameter value as GetParameter, GetParameters and GetParametersByPath return it.
struct Parameter: Encodable, Sendable, Equatable {
    var Name: String
    var `Type`: String
    var Value: String
    var Version: Int64
    var Selector: String?
    var SourceResult: String?
    var LastModifiedDate: Date
    var ARN: String
    var DataType: String
}

/// One version, as GetParameterHistory returns it.
struct ParameterHistory: Encodable, Sendable, Equatable {
    var Name: String
    var `Type`: String
    var KeyId: String?
    var LastModifiedDate: Date
    var LastModifiedUser: String
    var Description: String?
    var Value: String
    var AllowedPattern: String?
    var Version: Int64
    var Labels: [String]
    var Tier: String
    var Policies: [ParameterInlinePolicy]
    var DataType: String
}

/// A parameter without its value, as DescribeParameters returns it.
struct ParameterMetadata: Encodable, Sendable, Equatable {
    var Name: String
    var ARN: String
    var `Type`: String
    var KeyId: String?
    var LastModifiedDate: Date
    var LastModifiedUser: String
    var Description: String?
    var AllowedPattern: String?
    var Version: Int64
    var Tier: String
    var Policies: [ParameterInlinePolicy]
    var DataType: String
}

struct ParameterInlinePolicy: Encodable, Sendable, Equatable {
    var PolicyText: String?
    var PolicyType: String?
    var PolicyStatus: String?
}

struct Tag: Codable, Sendable, Equatable {
    var Key: String
    var Value: String
}

/// A filter of DescribeParameters and GetParametersByPath.
struct ParameterStringFilter: Decodable, Sendable, Equatable {
    var Key: String?
    var Option: String?
    var Values: [String]?
}

/// DescribeParameters' deprecated `Filters` member.
struct ParametersFilter: Decodable, Sendable, Equatable {
    var Key: String?
    var Values: [String]?
}
