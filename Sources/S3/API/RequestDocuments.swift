import AWSCore

/// The XML request bodies S3 operations take, decoded from `RequestXML` with S3's names.
enum RequestDocuments {
    /// Reads an XML request body, refusing one larger than S3 takes before reading it whole.
    static func read(_ payload: StreamingPayload) throws -> [UInt8] {
        guard payload.count <= RequestXML.maxBodyBytes else { throw S3Error.maxMessageLengthExceeded }
        return try payload.readAll()
    }

    static func root(_ bytes: [UInt8], named name: String) throws(S3Error) -> RequestXML {
        let document = try RequestXML.parse(bytes)
        guard document.name == name else { throw .malformedXML }
        return document
    }

    /// `<CreateBucketConfiguration><LocationConstraint>` — an empty body means no constraint.
    static func locationConstraint(_ bytes: [UInt8]) throws(S3Error) -> String? {
        guard bytes.contains(where: { !" \t\r\n".utf8.contains($0) }) else { return nil }
        return try root(bytes, named: "CreateBucketConfiguration").trimmed("LocationConstraint")
    }

    /// `<Tagging><TagSet><Tag><Key/><Value/></Tag>…</TagSet></Tagging>`.
    static func tagging(_ bytes: [UInt8]) throws(S3Error) -> TagSet {
        let document = try root(bytes, named: "Tagging")
        guard let set = document.child("TagSet") else { throw .malformedXML }
        var tags: [TagSet.Tag] = []
        for tag in set.children("Tag") {
            guard let key = tag.value("Key") else { throw .malformedXML }
            tags.append(TagSet.Tag(key: key, value: tag.value("Value") ?? ""))
        }
        return TagSet(tags)
    }

    struct Versioning {
        var status: VersioningStatus?
        var mfaDelete: String?
    }

    /// `<VersioningConfiguration><Status>Enabled|Suspended</Status><MfaDelete/></VersioningConfiguration>`.
    static func versioning(_ bytes: [UInt8]) throws(S3Error) -> Versioning {
        let document = try root(bytes, named: "VersioningConfiguration")
        var result = Versioning(mfaDelete: document.trimmed("MfaDelete"))
        if let status = document.trimmed("Status") {
            guard let parsed = VersioningStatus(rawValue: status) else { throw .malformedXML }
            result.status = parsed
        }
        if let mfa = result.mfaDelete, mfa != "Enabled" && mfa != "Disabled" { throw .malformedXML }
        return result
    }

    struct Delete {
        var keys: [(key: String, versionID: String?)]
        var quiet: Bool
    }

    static let maxDeleteKeys = 1000

    /// `<Delete><Object><Key/><VersionId/></Object>…<Quiet/></Delete>`: 1 to 1000 objects.
    static func delete(_ bytes: [UInt8]) throws(S3Error) -> Delete {
        let document = try root(bytes, named: "Delete")
        let objects = document.children("Object")
        guard !objects.isEmpty, objects.count <= maxDeleteKeys else { throw .malformedXML }
        var keys: [(key: String, versionID: String?)] = []
        for object in objects {
            guard let key = object.value("Key") else { throw .malformedXML }
            keys.append((key, object.trimmed("VersionId")))
        }
        let quiet = document.trimmed("Quiet")?.lowercased() == "true"
        return Delete(keys: keys, quiet: quiet)
    }

    struct CompletedPart {
        var partNumber: Int
        var etag: String
        var checksums: [ChecksumAlgorithm: String]
    }

    /// `<CompleteMultipartUpload><Part><PartNumber/><ETag/><ChecksumCRC32/>…</Part>…`.
    static func completeMultipartUpload(_ bytes: [UInt8]) throws(S3Error) -> [CompletedPart] {
        let document = try root(bytes, named: "CompleteMultipartUpload")
        let parts = document.children("Part")
        guard !parts.isEmpty else { throw .malformedXML }
        var result: [CompletedPart] = []
        for part in parts {
            guard let number = part.trimmed("PartNumber").flatMap({ Int($0) }), let etag = part.trimmed("ETag") else {
                throw .malformedXML
            }
            var checksums: [ChecksumAlgorithm: String] = [:]
            for algorithm in ChecksumAlgorithm.allCases {
                if let value = part.trimmed(S3Response.checksumMember(algorithm)) { checksums[algorithm] = value }
            }
            result.append(CompletedPart(partNumber: number, etag: ETag.normalize(etag), checksums: checksums))
        }
        return result
    }
}
