import TextAlgorithms

/// Incremental decoder for the chunked transfer-coding (RFC 9112 §7.1).
///
/// Bytes go in as they arrive from the socket, payload bytes come out through a sink, so a
/// body of any size passes through in pieces no bigger than what one read returned.
public struct ChunkedDecoder: Sendable {
    enum State: Sendable, Equatable {
        case sizeLine
        case data(remaining: Int)
        case dataCR
        case dataLF
        case trailer
        case done
    }

    static let maxLineLength = 4096
    static let maxTrailerBytes = 16 * 1024

    private var state: State = .sizeLine
    private var line: [UInt8] = []
    private var trailerBytes = 0
    public private(set) var decodedCount = 0

    public init() {}

    public var isComplete: Bool { state == .done }

    /// Decodes what it can from `input` and returns how many bytes it consumed; bytes after the
    /// final chunk are left for the next request on the connection.
    public mutating func decode(
        _ input: UnsafeRawBufferPointer, into sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        var index = 0
        while index < input.count {
            switch state {
            case .done:
                return index
            case .sizeLine, .trailer:
                let byte = input[index]
                index += 1
                if byte == UInt8(ascii: "\n") {
                    guard line.last == UInt8(ascii: "\r") else { throw HTTPParseError.malformedChunkedBody }
                    line.removeLast()
                    try finishLine()
                    line.removeAll(keepingCapacity: true)
                } else {
                    line.append(byte)
                    if state == .trailer {
                        trailerBytes += 1
                        guard trailerBytes <= Self.maxTrailerBytes else { throw HTTPParseError.malformedChunkedBody }
                    }
                    guard line.count <= Self.maxLineLength else { throw HTTPParseError.malformedChunkedBody }
                }
            case .data(let remaining):
                let take = min(remaining, input.count - index)
                try sink(UnsafeRawBufferPointer(rebasing: input[index..<(index + take)]))
                decodedCount += take
                index += take
                state = remaining == take ? .dataCR : .data(remaining: remaining - take)
            case .dataCR:
                guard input[index] == UInt8(ascii: "\r") else { throw HTTPParseError.malformedChunkedBody }
                index += 1
                state = .dataLF
            case .dataLF:
                guard input[index] == UInt8(ascii: "\n") else { throw HTTPParseError.malformedChunkedBody }
                index += 1
                state = .sizeLine
            }
        }
        return index
    }

    private mutating func finishLine() throws {
        if state == .trailer {
            // Trailer fields are accepted and dropped; an empty line ends the message.
            state = line.isEmpty ? .done : .trailer
            return
        }
        let sizeText = line.prefix { $0 != UInt8(ascii: ";") }
        guard !sizeText.isEmpty, sizeText.count <= 15 else { throw HTTPParseError.malformedChunkedBody }
        var size = 0
        for byte in sizeText {
            guard let digit = Hex.value(of: byte) else { throw HTTPParseError.malformedChunkedBody }
            size = size * 16 + Int(digit)
        }
        state = size == 0 ? .trailer : .data(remaining: size)
    }
}
