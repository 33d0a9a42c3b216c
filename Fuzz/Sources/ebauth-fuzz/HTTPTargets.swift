import HTTPServer

/// The request head parser, then what the server reads from a parsed head (framing, keep-alive,
/// Range). Invariant: a parsed head, written back out, parses to the same head.
enum HTTPHeadTarget {
    static func run(_ bytes: [UInt8]) {
        guard let head = try? HTTPHeadParser.parse(bytes[...]) else { return }
        FuzzCheck.require(!head.method.isEmpty && !head.target.isEmpty, "empty method or target accepted")
        FuzzCheck.require(head.headers.count <= HTTPHeadParser.maxFields, "more fields than maxFields")
        if case .length(let length)? = try? head.bodyFraming() {
            FuzzCheck.require(length > 0, "non-positive Content-Length framing")
        }
        _ = head.keepAlive
        _ = head.expectsContinue
        let request = HTTPRequest(
            method: head.method, target: head.target, version: head.version, headers: head.httpHeaders)
        FuzzCheck.require(
            request.path.hasPrefix("/") || request.path.isEmpty || head.target == "*",
            "path without slash: \(request.path)")
        for size in [0, 1, 1000] {
            if case .partial(let range) = ByteRange.resolve(request.headers["range"], size: size) {
                FuzzCheck.require(range.offset >= 0 && range.length > 0 && range.last < size, "range outside the body")
            }
        }

        var written = "\(head.method) \(head.target) \(head.version == .http11 ? "HTTP/1.1" : "HTTP/1.0")"
        for field in head.headers { written += "\r\n\(field.name): \(field.value)" }
        let again = try? HTTPHeadParser.parse(Array(written.utf8)[...])
        FuzzCheck.require(again == head, "head does not survive a round trip")
    }
}

/// The chunked transfer-coding decoder, fed the body whole and in slices (the first byte picks
/// the slice size). Invariants: never more payload out than bytes in, never more consumed than
/// given, and slicing does not change the outcome.
enum HTTPChunkedTarget {
    struct Outcome: Equatable {
        var payload: [UInt8] = []
        var consumed = 0
        var failed = false
        var complete = false
    }

    static func run(_ bytes: [UInt8]) {
        let input = FuzzInput(bytes)
        let whole = decode(input.body, slice: max(input.body.count, 1))
        let sliced = decode(input.body, slice: Int(input.selector % 17) + 1)
        FuzzCheck.require(whole.payload.count <= input.body.count, "more payload than input")
        FuzzCheck.require(whole.consumed <= input.body.count, "consumed past the input")
        // Errors surface at different offsets in different slicings; the payload up to then must agree.
        if whole.failed || sliced.failed {
            FuzzCheck.require(whole.failed == sliced.failed, "slicing changed whether the body is valid")
            let shorter = min(whole.payload.count, sliced.payload.count)
            FuzzCheck.require(
                whole.payload.prefix(shorter) == sliced.payload.prefix(shorter), "slicing changed the payload")
        } else {
            FuzzCheck.require(whole == sliced, "slicing changed the outcome")
        }
    }

    static func decode(_ body: [UInt8], slice: Int) -> Outcome {
        var decoder = ChunkedDecoder()
        var outcome = Outcome()
        var offset = 0
        while offset < body.count, !decoder.isComplete {
            let end = min(offset + slice, body.count)
            do {
                let used = try body[offset..<end].withUnsafeBytes { buffer in
                    try decoder.decode(buffer) { outcome.payload += $0 }
                }
                FuzzCheck.require(used <= end - offset, "consumed more than the slice")
                outcome.consumed += used
                FuzzCheck.require(decoder.decodedCount == outcome.payload.count, "decodedCount disagrees with the sink")
                if used < end - offset {
                    FuzzCheck.require(decoder.isComplete, "stopped early without completing")
                    break
                }
            } catch {
                outcome.failed = true
                break
            }
            offset = end
        }
        outcome.complete = decoder.isComplete
        return outcome
    }
}
