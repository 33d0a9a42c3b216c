import AWSCore
import Foundation

/// A repository as ECR stores it.
struct RepositoryRecord: Sendable, Equatable {
    var registry: ECRRegistry
    var name: String
    var createdAt: Date
    var mutability: TagMutability
    var scanOnPush: Bool
    var encryptionType: String
    var kmsKey: String?
    var policyText: String?
    var lifecyclePolicyText: String?
}

/// An authorization token as stored: who it speaks for, where, until when.
struct TokenRecord: Sendable, Equatable {
    /// The registry it was asked for (`registryIds`, else the caller's account): the one a
    /// host that names no registry (`127.0.0.1:4566`) means.
    var registryID: String
    var region: String
    var caller: CallerIdentity
    var issuedAt: Date
    var expiresAt: Date
}
