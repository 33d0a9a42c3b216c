/// Why a Dockerfile cannot be built, in BuildKit's words (`frontend/dockerfile`).
public enum DockerfileError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case noStages
    case instructionBeforeFrom(line: Int, instruction: String)
    case blankBaseName(line: Int, raw: String)
    case fromMissingImage(line: Int)
    case invalidBaseImage(line: Int, image: String, reason: ImageReferenceError)

    public var description: String { message }

    public var message: String {
        switch self {
        case .empty:
            "the Dockerfile cannot be empty"
        case .noStages:
            "dockerfile contains no stages to build"
        case .instructionBeforeFrom(let line, _):
            "dockerfile parse error on line \(line): no build stage in current context"
        case .blankBaseName(_, let raw):
            "base name (\(raw)) should not be blank"
        case .fromMissingImage(let line):
            "dockerfile parse error on line \(line): FROM requires either one or three arguments"
        case .invalidBaseImage(_, let image, let reason):
            "failed to parse stage name \"\(image)\": \(reason.message)"
        }
    }
}
