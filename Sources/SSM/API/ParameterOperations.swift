// Requests and results of the operations that read and write values. Members the model marks
// required are optional here so that their absence is reported as AWS reports it
// (`Member must not be null`) rather than as a decoding failure.

struct PutParameterRequest: Decodable, Sendable {
    var Name: String?
    var Description: String?
    var Value: String?
    var `Type`: String?
    var KeyId: String?
    var Overwrite: Bool?
    var AllowedPattern: String?
    var Tags: [Tag]?
    var Tier: String?
    var Policies: String?
    var DataType: String?
}

struct PutParameterResult: Encodable, Sendable, Equatable {
    var Version: Int64
    var Tier: String
}

struct GetParameterRequest: Decodable, Sendable {
    var Name: String?
    var WithDecryption: Bool?
}

struct GetParameterResult: Encodable, Sendable, Equatable {
    var Parameter: Parameter
}

struct GetParametersRequest: Decodable, Sendable {
    var Names: [String]?
    var WithDecryption: Bool?
}

struct GetParametersResult: Encodable, Sendable, Equatable {
    var Parameters: [Parameter]
    var InvalidParameters: [String]
}

struct GetParametersByPathRequest: Decodable, Sendable {
    var Path: String?
    var Recursive: Bool?
    var ParameterFilters: [ParameterStringFilter]?
    var WithDecryption: Bool?
    var MaxResults: Int?
    var NextToken: String?
}

struct GetParametersByPathResult: Encodable, Sendable, Equatable {
    var Parameters: [Parameter]
    var NextToken: String?
}

struct GetParameterHistoryRequest: Decodable, Sendable {
    var Name: String?
    var WithDecryption: Bool?
    var MaxResults: Int?
    var NextToken: String?
}

struct GetParameterHistoryResult: Encodable, Sendable, Equatable {
    var Parameters: [ParameterHistory]
    var NextToken: String?
}

struct DeleteParameterRequest: Decodable, Sendable {
    var Name: String?
}

struct DeleteParameterResult: Encodable, Sendable, Equatable {}

struct DeleteParametersRequest: Decodable, Sendable {
    var Names: [String]?
}

struct DeleteParametersResult: Encodable, Sendable, Equatable {
    var DeletedParameters: [String]
    var InvalidParameters: [String]
}
