import AWSCore
import Foundation
import KMS
import Storage
import Synchronization
import TestSupport
import Testing

@testable import SSM

/// Parameter Store's tag shape, not Swift Testing's `Tag`.
typealias Tag = SSM.Tag

/// A fresh migrated database in a temporary directory, a settable clock and a recording
/// authorizer: everything a backend test needs, nothing shared between tests.
final class SSMHarness: DatabaseHarness {
    let state: TestDatabase
    let clock = TestClock()
    let authorizer = RecordingAuthorizer()
    var backend: SSMBackend
    var accountID = "111122223333"
    var region = "us-east-1"
    var caller: CallerIdentity

    init(limits: SSMLimits = SSMLimits()) throws {
        state = try TestDatabase(
            "ssm", migrations: StorageSchema.migrations + SSMSchema.migrations + KMSSchema.migrations)
        let clock = self.clock
        backend = SSMBackend(
            database: state.database, authorizer: authorizer, clock: AWSClock(now: { clock.now }), limits: limits)
        caller = CallerIdentity(
            accountID: "111122223333", arn: "arn:aws:iam::111122223333:user/tester", userID: "AIDATESTER",
            accessKeyID: "AKIATESTER", kind: .user)
    }

    var database: Database { state.database }
    var directory: String { state.directory }

    /// The context the router would build for `operation`.
    func context(_ operation: String) -> RequestContext {
        var caller = self.caller
        caller.accountID = accountID
        let clock = self.clock
        return RequestContext(
            requestID: "req-\(operation)", accountID: accountID, region: region, service: "ssm", operation: operation,
            caller: caller, clock: AWSClock(now: { clock.now }))
    }

    // Shorthands for the operations, in the order of the route table.

    @discardableResult
    func put(
        _ name: String, _ value: String, type: String? = "String", overwrite: Bool? = nil, tier: String? = nil,
        keyID: String? = nil, allowedPattern: String? = nil, description: String? = nil, dataType: String? = nil,
        tags: [Tag]? = nil
    ) throws -> PutParameterResult {
        try backend.putParameter(
            PutParameterRequest(
                Name: name, Description: description, Value: value, Type: type, KeyId: keyID, Overwrite: overwrite,
                AllowedPattern: allowedPattern, Tags: tags, Tier: tier, Policies: nil, DataType: dataType),
            context: context("PutParameter"))
    }

    func get(_ name: String, decrypt: Bool? = nil) throws -> Parameter {
        try backend.getParameter(
            GetParameterRequest(Name: name, WithDecryption: decrypt), context: context("GetParameter")
        )
        .Parameter
    }

    func getMany(_ names: [String], decrypt: Bool? = nil) throws -> GetParametersResult {
        try backend.getParameters(
            GetParametersRequest(Names: names, WithDecryption: decrypt), context: context("GetParameters"))
    }

    func byPath(
        _ path: String, recursive: Bool? = nil, filters: [ParameterStringFilter]? = nil, decrypt: Bool? = nil,
        maxResults: Int? = nil, nextToken: String? = nil
    ) throws -> GetParametersByPathResult {
        try backend.getParametersByPath(
            GetParametersByPathRequest(
                Path: path, Recursive: recursive, ParameterFilters: filters, WithDecryption: decrypt,
                MaxResults: maxResults, NextToken: nextToken),
            context: context("GetParametersByPath"))
    }

    func history(_ name: String, decrypt: Bool? = nil, maxResults: Int? = nil, nextToken: String? = nil) throws
        -> GetParameterHistoryResult
    {
        try backend.getParameterHistory(
            GetParameterHistoryRequest(
                Name: name, WithDecryption: decrypt, MaxResults: maxResults, NextToken: nextToken),
            context: context("GetParameterHistory"))
    }

    func delete(_ name: String) throws {
        _ = try backend.deleteParameter(DeleteParameterRequest(Name: name), context: context("DeleteParameter"))
    }

    func deleteMany(_ names: [String]) throws -> DeleteParametersResult {
        try backend.deleteParameters(DeleteParametersRequest(Names: names), context: context("DeleteParameters"))
    }

    func describe(
        filters: [ParametersFilter]? = nil, parameterFilters: [ParameterStringFilter]? = nil, maxResults: Int? = nil,
        nextToken: String? = nil, shared: Bool? = nil
    ) throws -> DescribeParametersResult {
        try backend.describeParameters(
            DescribeParametersRequest(
                Filters: filters, ParameterFilters: parameterFilters, MaxResults: maxResults, NextToken: nextToken,
                Shared: shared),
            context: context("DescribeParameters"))
    }

    @discardableResult
    func label(_ name: String, version: Int64? = nil, _ labels: [String]) throws -> LabelParameterVersionResult {
        try backend.labelParameterVersion(
            LabelParameterVersionRequest(Name: name, ParameterVersion: version, Labels: labels),
            context: context("LabelParameterVersion"))
    }

    @discardableResult
    func unlabel(_ name: String, version: Int64?, _ labels: [String]) throws -> UnlabelParameterVersionResult {
        try backend.unlabelParameterVersion(
            UnlabelParameterVersionRequest(Name: name, ParameterVersion: version, Labels: labels),
            context: context("UnlabelParameterVersion"))
    }

    func addTags(_ id: String, _ tags: [Tag], type: String = "Parameter") throws {
        _ = try backend.addTagsToResource(
            AddTagsToResourceRequest(ResourceType: type, ResourceId: id, Tags: tags),
            context: context("AddTagsToResource"))
    }

    func listTags(_ id: String, type: String = "Parameter") throws -> [Tag] {
        try backend.listTagsForResource(
            ListTagsForResourceRequest(ResourceType: type, ResourceId: id), context: context("ListTagsForResource")
        ).TagList
    }

    func removeTags(_ id: String, _ keys: [String], type: String = "Parameter") throws {
        _ = try backend.removeTagsFromResource(
            RemoveTagsFromResourceRequest(ResourceType: type, ResourceId: id, TagKeys: keys),
            context: context("RemoveTagsFromResource"))
    }
}
