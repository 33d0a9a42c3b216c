/// Incremental decoder for S3's `aws-chunked` content encoding, in all three framings
/// (`x-amz-content-sha256` = `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`, `…-PAYLOAD-TRAILER`,
/// `STREAMING-UNSIGNED-PAYLOAD-TRAILER`).
///
/// Feed the body in slices of any size as they come off the socket; payload bytes go to the sink as
/// soon as they are decoded, so memory stays bounded by one header or trailer line whatever the body
/// size. Chunk signatures, the decoded length and the trailing checksum can only be judged once their
/// bytes are in, so everything the sink received is provisional until `finish()` returns: on any error
/// the caller must discard what it stored.
///
/// ```swift
/// var decoder = try AWSChunkedDecoder(configuration)
/// try decoder.decode(bytes) { payload in try file.write(payload) }   // as often as bytes arrive
/// let trailers = try decoder.finish()                                 // at end of body
/// ```
///
/// Validation follows what S3 answers (see `AWSChunkedError`): framing, each chunk signature, the 8 KiB
/// minimum for every chunk but the last, `x-amz-decoded-content-length`, trailers against
/// `x-amz-trailer`, the trailer signature and the checksum trailer. Like S3, the unsigned framing may
/// end right after the final chunk or the last trailer line without the closing blank line, and bytes
/// after the closing blank line are ignored.
public struct AWSChunkedDecoder: Sendable {
    private enum State: Sendable {
        /// Gathering a chunk-size line into `line`.
        case chunkHeader
        /// Passing through chunk data.
        case chunkData(remaining: Int64)
        /// Expecting the CRLF after chunk data.
        case chunkDataEnd(sawCR: Bool)
        /// Gathering a trailer line (or the blank line that ends the block).
        case trailerLine
        /// Expecting the blank line that ends a signed body.
        case finalLine
        /// Body complete; anything further is ignored.
        case done(AWSChunkedTrailers)
        /// Stopped by an error, which every later call rethrows.
        case failed(any Error)
    }

    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let colon = UInt8(ascii: ":")

    private let configuration: Configuration
    /// The algorithm of the declared `x-amz-checksum-*` trailer; its hasher is `checksums[0]`.
    private let trailerChecksum: ChecksumAlgorithm?
    private var checksums: [Checksum]
    private var state: State = .chunkHeader
    /// The header or trailer line being gathered, CR included until the LF arrives.
    private var line: [UInt8] = []
    private var trailerBytes = 0
    private var decodedLength: Int64 = 0
    /// Data chunks seen so far (S3 numbers chunks from 1 in `InvalidChunkSizeError`).
    private var chunkCount = 0
    private var lastChunkSize: Int64?
    /// Hash of the chunk in progress; nil when signatures are not checked.
    private var chunkHasher: Checksum?
    private var providedSignature = ""
    private var previousSignature: String
    private var trailers: [(name: String, value: String)] = []
    private var trailerSignature: String?

    /// Makes a decoder, rejecting an `x-amz-trailer` declaration S3 would not accept.
    public init(_ configuration: Configuration) throws(AWSChunkedError) {
        self.configuration = configuration
        self.trailerChecksum = try configuration.validatedTrailerChecksum()
        var algorithms = trailerChecksum.map { [$0] } ?? []
        for algorithm in ChecksumAlgorithm.allCases
        where configuration.additionalChecksums.contains(algorithm) && algorithm != trailerChecksum {
            algorithms.append(algorithm)
        }
        self.checksums = algorithms.map { Checksum($0) }
        self.previousSignature = configuration.signer?.seedSignature ?? ""
    }

    /// Payload bytes decoded so far.
    public var decodedByteCount: Int64 { decodedLength }

    /// Bytes held between calls (the partial line); stays within the line limit whatever the body size.
    var bufferedByteCount: Int { line.capacity }

    private var verifiesSignatures: Bool {
        configuration.mode.hasChunkSignatures && configuration.signer != nil
    }

    /// Decodes the next slice of the body, passing each run of payload bytes to `sink` in order.
    /// Throws an `AWSChunkedError` as soon as the body is known to be bad, or whatever `sink` throws.
    public mutating func decode(
        _ input: UnsafeRawBufferPointer,
        into sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        if case .failed(let error) = state { throw error }
        var offset = 0
        do {
            while offset < input.count {
                switch state {
                case .chunkHeader:
                    guard let next = try gatherLine(input, from: offset, tooLong: .incompleteBody) else { return }
                    offset = next
                    try chunkHeaderCompleted()
                case .chunkData(let remaining):
                    let count = Int(min(remaining, Int64(input.count - offset)))
                    let data = UnsafeRawBufferPointer(rebasing: input[offset..<(offset + count)])
                    offset += count
                    chunkHasher?.update(data)
                    for index in checksums.indices {
                        checksums[index].update(data)
                    }
                    decodedLength += Int64(count)
                    try sink(data)
                    if remaining == Int64(count) {
                        try chunkDataCompleted()
                        state = .chunkDataEnd(sawCR: false)
                    } else {
                        state = .chunkData(remaining: remaining - Int64(count))
                    }
                case .chunkDataEnd(let sawCR):
                    let byte = input[offset]
                    offset += 1
                    guard byte == (sawCR ? Self.lineFeed : Self.carriageReturn) else {
                        throw AWSChunkedError.incompleteBody
                    }
                    state = .chunkDataEnd(sawCR: true)
                    if sawCR { try chunkEnded() }
                case .trailerLine:
                    // The budget counts the line's bytes (through its LF) before the line is judged,
                    // so how the body was sliced cannot change which error the client gets (found
                    // by the aws-chunked fuzz target: a bare LF past the budget was IncompleteBody
                    // whole, MalformedTrailerError byte by byte).
                    let rest = UnsafeRawBufferPointer(rebasing: input[offset...])
                    trailerBytes += rest.firstIndex(of: Self.lineFeed).map { $0 + 1 } ?? rest.count
                    guard trailerBytes <= configuration.maximumTrailerBytes else {
                        throw AWSChunkedError.malformedTrailer
                    }
                    guard let next = try gatherLine(input, from: offset, tooLong: .malformedTrailer) else { return }
                    offset = next
                    try trailerLineCompleted()
                case .finalLine:
                    guard let next = try gatherLine(input, from: offset, tooLong: .incompleteBody) else { return }
                    offset = next
                    guard line.isEmpty else { throw AWSChunkedError.incompleteBody }
                    try complete()
                case .done:
                    return
                case .failed(let error):
                    throw error
                }
            }
        } catch {
            state = .failed(error)
            throw error
        }
    }

    /// Decodes the next slice of the body; see `decode(_:into:)`.
    public mutating func decode(_ input: [UInt8], into sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        try input.withUnsafeBytes { try decode($0, into: sink) }
    }

    /// Ends the body: returns its trailers once everything checked out, or throws the reason it did not
    /// (`IncompleteBody` when it stopped early).
    public mutating func finish() throws -> AWSChunkedTrailers {
        switch state {
        case .done(let trailers):
            return trailers
        case .failed(let error):
            throw error
        case .trailerLine where configuration.mode == .unsignedWithTrailer && line.isEmpty:
            // S3 accepts an unsigned body that stops after a whole line without the closing blank line.
            do {
                return try complete()
            } catch {
                state = .failed(error)
                throw error
            }
        default:
            state = .failed(AWSChunkedError.incompleteBody)
            throw AWSChunkedError.incompleteBody
        }
    }

    // MARK: - Lines

    /// Appends input up to the next LF to `line`. Returns the offset after the LF with `line` holding the
    /// line without its CRLF, or nil when the input ran out first. A bare LF is malformed framing.
    private mutating func gatherLine(
        _ input: UnsafeRawBufferPointer,
        from offset: Int,
        tooLong: AWSChunkedError
    ) throws(AWSChunkedError) -> Int? {
        let rest = UnsafeRawBufferPointer(rebasing: input[offset...])
        let newline = rest.firstIndex(of: Self.lineFeed)
        let end = newline ?? rest.count
        guard line.count + end <= configuration.maximumLineLength + 1 else { throw tooLong }
        line.append(contentsOf: rest[..<end])
        guard let newline else { return nil }
        guard line.last == Self.carriageReturn else { throw .incompleteBody }
        line.removeLast()
        return offset + newline + 1
    }

    // MARK: - Chunks

    private mutating func chunkHeaderCompleted() throws(AWSChunkedError) {
        let header = try AWSChunkHeaderLine.parse(line, signed: configuration.mode.hasChunkSignatures)
        line.removeAll(keepingCapacity: true)
        guard !decodedLength.addingReportingOverflow(header.size).overflow else { throw .incompleteBody }
        providedSignature = header.signature ?? ""
        guard header.size > 0 else {
            try finalChunkReached()
            return
        }
        chunkCount += 1
        if let lastChunkSize, lastChunkSize < configuration.minimumChunkSize {
            throw .invalidChunkSize(chunk: chunkCount, badChunkSize: lastChunkSize)
        }
        lastChunkSize = header.size
        if verifiesSignatures { chunkHasher = Checksum(.sha256) }
        state = .chunkData(remaining: header.size)
    }

    private mutating func chunkDataCompleted() throws(AWSChunkedError) {
        guard let hasher = chunkHasher else { return }
        try verifyChunkSignature(chunkSHA256: ChunkSigner.hex(hasher.finalize()))
    }

    /// After a chunk's closing CRLF. S3 judges the length only once the chunk is in: a chunk that runs
    /// past `x-amz-decoded-content-length` but is well framed is a length error, one that is also badly
    /// framed a framing error.
    private mutating func chunkEnded() throws(AWSChunkedError) {
        if let expected = configuration.decodedContentLength, decodedLength > expected {
            throw .decodedLengthMismatch(expected: expected, provided: decodedLength)
        }
        state = .chunkHeader
    }

    private mutating func finalChunkReached() throws(AWSChunkedError) {
        if let expected = configuration.decodedContentLength, decodedLength != expected {
            throw .decodedLengthMismatch(expected: expected, provided: decodedLength)
        }
        if verifiesSignatures {
            try verifyChunkSignature(chunkSHA256: ChunkSigner.emptySHA256)
        }
        state = configuration.mode.hasTrailers ? .trailerLine : .finalLine
    }

    private mutating func verifyChunkSignature(chunkSHA256: String) throws(AWSChunkedError) {
        guard let signer = configuration.signer else { return }
        let stringToSign = signer.chunkStringToSign(previousSignature: previousSignature, chunkSHA256: chunkSHA256)
        let computed = signer.signature(of: stringToSign)
        guard ChunkSigner.signaturesMatch(computed, providedSignature) else {
            throw .signatureDoesNotMatch(stringToSign: stringToSign, signatureProvided: providedSignature)
        }
        previousSignature = computed
    }

    // MARK: - Trailers

    private mutating func trailerLineCompleted() throws(AWSChunkedError) {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty {
            // The blank line that closes the block; a signed block must have been signed first.
            guard configuration.mode != .signedWithTrailer || trailerSignature != nil else { throw .incompleteBody }
            try complete()
            return
        }
        guard let colon = line.firstIndex(of: Self.colon) else { throw .malformedTrailer }
        let name = String(decoding: AWSChunkHeaderLine.trim(line[..<colon]), as: UTF8.self).lowercased()
        let value = String(decoding: AWSChunkHeaderLine.trim(line[(colon + 1)...]), as: UTF8.self)
        guard !name.isEmpty else { throw .malformedTrailer }
        if configuration.mode == .signedWithTrailer && name == "x-amz-trailer-signature" {
            trailerSignature = value
            state = .finalLine
            return
        }
        trailers.append((name: name, value: value))
    }

    /// Checks the trailer block against the signature, `x-amz-trailer` and the decoded bytes, then ends.
    @discardableResult
    private mutating func complete() throws(AWSChunkedError) -> AWSChunkedTrailers {
        if configuration.mode == .signedWithTrailer, let signer = configuration.signer {
            let provided = trailerSignature ?? ""
            let stringToSign = signer.trailerStringToSign(previousSignature: previousSignature, trailers: trailers)
            guard ChunkSigner.signaturesMatch(signer.signature(of: stringToSign), provided) else {
                throw .signatureDoesNotMatch(stringToSign: stringToSign, signatureProvided: provided)
            }
        }
        var fields: [String: String] = [:]
        for trailer in trailers {
            fields[trailer.name] = trailer.value
        }
        let declared = Set(configuration.declaredTrailers)
        guard Set(fields.keys) == declared else { throw .malformedTrailer }

        var computed: [ChecksumAlgorithm: String] = [:]
        for checksum in checksums {
            computed[checksum.algorithm] = checksum.base64
        }
        var verified: ChecksumValue?
        if let algorithm = trailerChecksum, let provided = fields[algorithm.headerName] {
            guard algorithm.decodeValue(provided) != nil else { throw .invalidTrailingChecksum(algorithm) }
            let calculated = computed[algorithm] ?? ""
            guard calculated == provided else {
                throw .badDigest(algorithm: algorithm, expected: provided, calculated: calculated)
            }
            verified = ChecksumValue(algorithm: algorithm, base64: provided)
        }
        let result = AWSChunkedTrailers(
            fields: fields,
            checksum: verified,
            decodedLength: decodedLength,
            computedChecksums: computed
        )
        state = .done(result)
        return result
    }
}
