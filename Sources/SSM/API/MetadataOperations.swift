// Requests and results of listing, labelling and tagging.

struct DescribeParametersRequest: Decodable, Sendable {
    var Filters: [ParametersFilter]?
    var ParameterFilters: [ParameterStringFilter]?
    var MaxResults: Int?
    var NextToken: String?
    var Shared: Bool?
}

struct DescribeParametersResult: Encodable, Sendable, Equatable {
    var Parameters: [ParameterMetadata]
    var NextToken: String?
}

struct LabelParameterVersionRequest: Decodable, Sendable {
    var Name: String?
    var ParameterVersion: Int64?
    var Labels: [String]?
}

struct LabelParameterVersionResult: Encodable, Sendable, Equatable {
    var InvalidLabels: [String]
    var ParameterVersion: Int64
}

struct UnlabelParameterVersionRequest: Decodable, Sendable {
    var Name: String?
    var ParameterVersion: Int64?
    var Labels: [String]?
}

struct UnlabelParameterVersionResult: Encodable, Sendable, Equatable {
    var RemovedLabels: [String]
    var InvalidLabels: [String]
}

struct AddTagsToResourceRequest: Decodable, Sendable {
    var ResourceType: String?
    var ResourceId: String?
    var Tags: [Tag]?
}

struct AddTagsToResourceResult: Encodable, Sendable, Equatable {}

struct ListTagsForResourceRequest: Decodable, Sendable {
    var ResourceType: String?
    var ResourceId: String?
}

struct ListTagsForResourceResult: Encodable, Sendable, Equatable {
    var TagList: [Tag]
}

struct RemoveTagsFromResourceRequest: Decodable, Sendable {
    var ResourceType: String?
    var ResourceId: String?
    var TagKeys: [String]?
}

struct RemoveTagsFromResourceResult: Encodable, Sendable, Equatable {}
