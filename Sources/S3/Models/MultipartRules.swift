import AWSCore
import Foundation

/// The rules of a multipart upload's checksums, and of completing it from a list of parts.
enum MultipartRules {
    /// The checksum type an upload uses: CRC64NVME is always full-object, SHA ones always
    /// composite, the CRC32s composite unless asked otherwise.
    static func checksumType(algorithm: ChecksumAlgorithm?, requested: String?) throws(S3Error) -> ChecksumType? {
        let type: ChecksumType?
        if let requested {
            guard let parsed = ChecksumType(rawValue: requested) else {
                throw .invalidRequest(message: "Value for x-amz-checksum-type header is invalid.")
            }
            type = parsed
        } else {
            type = nil
        }
        guard let algorithm else {
            if type != nil {
                throw .invalidRequest(
                    message: "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header."
                )
            }
            return nil
        }
        switch (algorithm, type) {
        case (.crc64nvme, .composite):
            throw .invalidRequest(
                message: "The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.")
        case (.sha1, .fullObject), (.sha256, .fullObject):
            throw .invalidRequest(
                message:
                    "The FULL_OBJECT checksum type cannot be used with the \(algorithm.rawValue) checksum algorithm.")
        case (.crc64nvme, nil):
            return .fullObject
        case (_, nil):
            return .composite
        case (_, let type?):
            return type
        }
    }

    /// Checks the parts a CompleteMultipartUpload lists against those uploaded: ascending
    /// numbers, each uploaded with that ETag, all but the last at least 5 MiB, and for composite
    /// checksums each part's checksum given and equal.
    static func resolve(
        _ listed: [RequestDocuments.CompletedPart], uploaded: [UploadedPart], upload: MultipartUpload
    ) throws(S3Error) -> [UploadedPart] {
        var previous = 0
        for part in listed {
            guard part.partNumber > previous else { throw .invalidPartOrder(uploadID: upload.uploadID) }
            previous = part.partNumber
        }
        let byNumber = Dictionary(uploaded.map { ($0.partNumber, $0) }, uniquingKeysWith: { $1 })
        var result: [UploadedPart] = []
        for (index, wanted) in listed.enumerated() {
            guard let part = byNumber[wanted.partNumber], part.etag == wanted.etag else {
                throw .invalidPart(uploadID: upload.uploadID, partNumber: wanted.partNumber, etag: wanted.etag)
            }
            if index < listed.count - 1 && part.size < S3Error.minimumPartSize {
                throw .entityTooSmall(proposedSize: part.size, partNumber: wanted.partNumber, etag: wanted.etag)
            }
            if let algorithm = upload.checksumAlgorithm {
                let given = wanted.checksums[algorithm]
                if upload.checksumType == .composite && given == nil {
                    throw .invalidRequest(
                        message:
                            "The upload was created using a \(algorithm.rawValue) checksum. The complete request must include the checksum for each part. It was missing for part \(wanted.partNumber) in the request."
                    )
                }
                if let given, given != part.checksumValue {
                    throw .invalidPart(uploadID: upload.uploadID, partNumber: wanted.partNumber, etag: wanted.etag)
                }
            }
            result.append(part)
        }
        return result
    }

    /// A composite checksum: the checksum of the parts' checksums, then `-<number of parts>`.
    static func composite(_ algorithm: ChecksumAlgorithm, partValues: [String]) -> String {
        var hasher = algorithm.makeHasher()
        for value in partValues { hasher.update(algorithm.decodeValue(value) ?? []) }
        return hasher.base64 + "-\(partValues.count)"
    }

    /// The Initiator/Owner id S3 shows: the canonical id for a root caller, the ARN otherwise.
    static func initiatorID(arn: String, accountID: String) -> String {
        arn.hasSuffix(":root") ? CanonicalUser.id(forAccount: accountID) : arn
    }
}
