import AWSCore
import Foundation

extension ECRBackend {
    func tagResource(_ input: TagResourceRequest, context: RequestContext) throws -> EmptyResponse {
        let (registryID, name) = try repository(arn: input.resourceArn, context)
        try writeRepository(context, registryID, name) { record, transaction in
            try Self.checkTags(input.tags, existing: try transaction.tags(record.registry, name))
            for tag in input.tags { try transaction.setTag(record.registry, name, tag) }
        }
        return EmptyResponse()
    }

    func untagResource(_ input: UntagResourceRequest, context: RequestContext) throws -> EmptyResponse {
        let (registryID, name) = try repository(arn: input.resourceArn, context)
        try writeRepository(context, registryID, name) { record, transaction in
            for key in input.tagKeys { try transaction.deleteTag(record.registry, name, key: key) }
        }
        return EmptyResponse()
    }

    func listTagsForResource(_ input: ListTagsForResourceRequest, context: RequestContext) throws
        -> ListTagsForResourceResponse
    {
        let (registryID, name) = try repository(arn: input.resourceArn, context)
        return ListTagsForResourceResponse(
            tags: try readRepository(context, registryID, name) { record, transaction in
                try transaction.tags(record.registry, name)
            })
    }

    /// `arn:aws:ecr:<region>:<account>:repository/<name>` in the request's region (wording
    /// unverified).
    func repository(arn: String, _ context: RequestContext) throws(ECRError) -> (registryID: String, name: String) {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "ecr",
            parts[3] == context.region,
            parts[5].hasPrefix("repository/")
        else {
            throw .invalidParameter("Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN'")
        }
        try ECRNames.checkRegistryID(parts[4])
        return (parts[4], String(parts[5].dropFirst("repository/".count)))
    }
}
