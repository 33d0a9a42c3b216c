import AWSCore
import Foundation

/// STS: who am I, and temporary credentials for roles (asked for by callers or by EC2 for an
/// instance). Sessions are stored so SigV4 verification knows their secret, token and expiry.
struct STSBackend: Sendable {
    let store: IAMStore
    let policies: PolicyAuthorizer
    let enforceIAM: Bool
    let clock: AWSClock

    /// Lifetime of the credentials the instance metadata service hands out; they are renewed
    /// once less than `instanceRenewal` remains, as EC2 renews them well before they expire.
    static let instanceLifetime: TimeInterval = 6 * 3600
    static let instanceRenewal: TimeInterval = 3600

    /// Needs no permission, and even an explicit Deny cannot stop it (AWS documents this).
    func getCallerIdentity(_ input: GetCallerIdentityRequest, context: RequestContext) -> GetCallerIdentityResponse {
        GetCallerIdentityResponse(
            Arn: context.caller.arn, UserId: context.caller.userID, Account: context.caller.accountID)
    }

    func assumeRole(_ input: AssumeRoleRequest, context: RequestContext) throws(STSError) -> AssumeRoleResponse {
        try refuseUnsupported(input)
        guard let roleARN = input.RoleArn else {
            throw .validation(
                "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null"
            )
        }
        let sessionName = try IAMNames.sessionName(input.RoleSessionName)
        let duration = input.DurationSeconds ?? 3600
        guard duration >= 900 else {
            throw .validation(
                "1 validation error detected: Value '\(duration)' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"
            )
        }
        guard duration <= 43200 else {
            throw .validation(
                "1 validation error detected: Value '\(duration)' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200"
            )
        }
        let refusal = STSError.accessDenied(
            "User: \(context.caller.arn) is not authorized to perform: sts:AssumeRole on resource: \(roleARN)")
        guard let parsed = IAMARN.parse(roleARN), parsed.kind == "role" else {
            throw .validation("\(roleARN) is invalid")
        }
        let role: IAMRole?
        do {
            role = try store.read { try $0.role(account: parsed.account, name: parsed.name) }
        } catch {
            throw .internalFailure
        }
        // STS does not tell callers whether a role exists: a missing role is a refusal.
        guard let role else { throw refusal }

        if enforceIAM {
            if context.caller.kind == .root { throw .accessDenied("Roles may not be assumed by root accounts.") }
            let keys: [String: [String]] = [
                "sts:RoleSessionName": [sessionName], "sts:ExternalId": input.ExternalId.map { [$0] } ?? [],
                "sts:SourceIdentity": [], "sts:TransitiveTagKeys": [], "aws:TagKeys": [],
            ]
            let request = AuthorizationRequest(
                context, action: "sts:AssumeRole", resource: role.arn, resourcePolicy: role.trustPolicy,
                resourceAccountID: role.accountID, conditionValues: keys)
            if !policies.evaluate(request, resourcePolicyRequired: true).isAllowed { throw refusal }
        }
        if context.caller.kind == .assumedRole && duration > 3600 {
            throw .validation(
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
        }
        if duration > role.maxSessionDuration {
            throw .validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
        }
        let session = try mint(role: role, sessionName: sessionName, lifetime: TimeInterval(duration), instanceID: nil)
        return AssumeRoleResponse(session)
    }

    /// Session policies, tags, MFA, source identity and provided contexts are not built: asking
    /// for one is refused rather than ignored. The first one sent is named, in this order.
    private func refuseUnsupported(_ input: AssumeRoleRequest) throws(STSError) {
        let unsupported: [(String, Bool)] = [
            ("Policy", input.Policy != nil), ("PolicyArns", !(input.PolicyArns ?? []).isEmpty),
            ("Tags", !(input.Tags ?? []).isEmpty), ("TransitiveTagKeys", !(input.TransitiveTagKeys ?? []).isEmpty),
            ("SerialNumber", input.SerialNumber != nil), ("TokenCode", input.TokenCode != nil),
            ("SourceIdentity", input.SourceIdentity != nil),
            ("ProvidedContexts", !(input.ProvidedContexts ?? []).isEmpty),
        ]
        if let (name, _) = unsupported.first(where: { $0.1 }) {
            throw .notSupported("ebauth does not support \(name) in AssumeRole.")
        }
    }

    enum InstanceCredentials {
        case issued(RoleSession)
        /// EC2 could not assume the role (its trust policy does not allow ec2.amazonaws.com).
        case unauthorized(role: String)
        /// No profile, no role in the profile, or the role is gone.
        case none
    }

    /// What the metadata service returns for an instance's profile role: the current session, or
    /// a new one when it is close to expiry.
    func instanceCredentials(_ instance: EC2Instance, requestID: String) -> InstanceCredentials {
        guard let profileARN = instance.instanceProfileARN, let parsed = IAMARN.parse(profileARN) else { return .none }
        let found: (IAMRole, RoleSession?)?
        do {
            found = try store.read { tables -> (IAMRole, RoleSession?)? in
                guard let profile = try tables.instanceProfile(account: parsed.account, name: parsed.name),
                    let roleName = profile.roleName, let role = try tables.role(account: parsed.account, name: roleName)
                else { return nil }
                return (role, try tables.latestInstanceSession(instanceID: instance.instanceID, role: role.name))
            }
        } catch {
            return .none
        }
        guard let (role, current) = found else { return .none }
        if enforceIAM {
            // EC2 assumes the role for the instance. The confused-deputy keys it sets are inferred
            // (the instance's account and ARN), not observed on AWS.
            let request = AuthorizationRequest(
                caller: .anonymous(accountID: role.accountID), action: "sts:AssumeRole", resource: role.arn,
                resourcePolicy: role.trustPolicy, resourceAccountID: role.accountID,
                conditionValues: [
                    "aws:SourceAccount": [instance.accountID],
                    "aws:SourceArn": [
                        "arn:aws:ec2:\(instance.region):\(instance.accountID):instance/\(instance.instanceID)"
                    ],
                ], requestID: requestID, region: instance.region)
            let decision = policies.evaluate(
                request, principal: .service("ec2.amazonaws.com"), resourcePolicyRequired: true)
            if !decision.isAllowed { return .unauthorized(role: role.name) }
        }
        let now = clock.now()
        if let current, current.roleID == role.roleID, current.expiresAt.timeIntervalSince(now) > Self.instanceRenewal {
            return .issued(current)
        }
        guard
            let session = try? mint(
                role: role, sessionName: instance.instanceID, lifetime: Self.instanceLifetime,
                instanceID: instance.instanceID)
        else { return .none }
        return .issued(session)
    }

    private func mint(role: IAMRole, sessionName: String, lifetime: TimeInterval, instanceID: String?) throws(STSError)
        -> RoleSession
    {
        let now = clock.now()
        // Whole seconds, as AWS reports expirations.
        let issued = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let session = RoleSession(
            accessKeyID: IAMIdentifiers.sessionAccessKeyID(), secretAccessKey: IAMIdentifiers.secretAccessKey(),
            sessionToken: IAMIdentifiers.sessionToken(), accountID: role.accountID, roleID: role.roleID,
            roleName: role.name, sessionName: sessionName, createdAt: issued,
            expiresAt: issued.addingTimeInterval(lifetime), instanceID: instanceID)
        do {
            try store.write { tables in
                // Expired sessions are kept a day so that using one answers ExpiredToken.
                try tables.deleteSessions(expiredBefore: now.addingTimeInterval(-86400))
                try tables.insert(session)
            }
        } catch {
            throw .internalFailure
        }
        return session
    }
}
