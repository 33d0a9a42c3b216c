import Foundation

// SSM Parameter Store operations the instance, CloudFormation and the seeder call (botocore
// `ssm/2014-11-06`).

protocol SSMOperation: AWSJSONOperation {}

extension SSMOperation {
    static var service: String { "ssm" }
    static var targetPrefix: String { "AmazonSSM" }
}

struct GetParameterRequest: SSMOperation {
    typealias Output = GetParameterResult
    static var operation: String { "GetParameter" }
    var Name: String
    var WithDecryption: Bool?
}

struct GetParameterResult: Decodable, Sendable {
    var Parameter: Parameter?
}

struct GetParametersRequest: SSMOperation {
    typealias Output = GetParametersResult
    static var operation: String { "GetParameters" }
    var Names: [String]
    var WithDecryption: Bool?
}

struct GetParametersResult: Decodable, Sendable {
    var Parameters: [Parameter]?
    var InvalidParameters: [String]?
}

struct Parameter: Decodable, Sendable {
    var Name: String?
    var `Type`: String?
    var Value: String?
    var Version: Int64?
}

struct PutParameterRequest: SSMOperation {
    typealias Output = PutParameterResult
    static var operation: String { "PutParameter" }
    var Name: String
    var `Type`: String
    var Value: String
    var Overwrite: Bool?
}

struct PutParameterResult: Decodable, Sendable {
    var Version: Int64?
    var Tier: String?
}
