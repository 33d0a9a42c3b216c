/// What a Dockerfile asks the builder to pull: each stage's `FROM` image (a reference to an
/// earlier stage, or `scratch`, is not a pull) and each `COPY --from=<image>`.
///
/// Parsing follows BuildKit's Dockerfile frontend where it matters for pulls: parser directives
/// (`# escape=`), line continuations, comments, heredocs, `ARG`s declared before the first
/// `FROM` (with `--build-arg` overrides and the automatic platform arguments), `--platform=`,
/// `AS name`, stage names compared case-insensitively.
public struct Dockerfile: Sendable, Equatable {
    public struct Stage: Sendable, Equatable {
        public enum Base: Sendable, Equatable {
            case image(ImageReference)
            /// An earlier stage, by index.
            case stage(Int)
            case scratch
        }

        public let index: Int
        /// Lower-cased, as BuildKit stores it.
        public let name: String?
        public let base: Base
        /// The `FROM` argument after substitution, as written.
        public let baseName: String
        public let platform: String?
        public let line: Int
    }

    public struct Pull: Sendable, Equatable {
        public enum Origin: Sendable, Equatable {
            case from(stage: Int)
            case copyFrom(stage: Int)
        }

        public let image: ImageReference
        public let origin: Origin
        public let line: Int
    }

    public let stages: [Stage]
    /// Every external image named, in file order (duplicates kept: each is a reference).
    public let pulls: [Pull]
    /// `EXPOSE` arguments of the last stage.
    public let exposedPorts: [String]

    /// Automatic platform arguments BuildKit defines for an x86-64 Linux builder.
    public static let platformArguments: [String: String] = [
        "BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux", "BUILDARCH": "amd64", "BUILDVARIANT": "",
        "TARGETPLATFORM": "linux/amd64", "TARGETOS": "linux", "TARGETARCH": "amd64", "TARGETVARIANT": "",
    ]

    public static func parse(_ text: String, buildArguments: [String: String] = [:]) throws(DockerfileError)
        -> Dockerfile
    {
        let instructions = DockerfileLexer.instructions(text)
        if instructions.isEmpty { throw .empty }
        var globals = platformArguments
        var stages: [Stage] = []
        var pulls: [Pull] = []
        var exposed: [String] = []
        for instruction in instructions {
            switch instruction.keyword {
            case "ARG" where stages.isEmpty:
                for declaration in DockerfileLexer.words(instruction.arguments) {
                    let parts = declaration.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    let name = String(parts[0])
                    var expander = ArgumentExpander(variables: globals)
                    let declared = parts.count == 2 ? ((try? expander.expand(unquote(String(parts[1])))) ?? "") : nil
                    if let value = buildArguments[name] ?? declared { globals[name] = value }
                }
            case "FROM":
                let stage = try fromStage(instruction, index: stages.count, earlier: stages, globals: globals)
                if case .image(let image) = stage.base {
                    pulls.append(Pull(image: image, origin: .from(stage: stage.index), line: instruction.line))
                }
                stages.append(stage)
                exposed = []
            case _ where stages.isEmpty:
                if instruction.keyword == "ARG" { continue }
                throw .instructionBeforeFrom(line: instruction.line, instruction: instruction.keyword)
            case "COPY":
                if let source = DockerfileLexer.flag("from", in: instruction.arguments),
                    let pull = copySource(source, line: instruction.line, stages: stages)
                {
                    pulls.append(pull)
                }
            case "EXPOSE":
                exposed += DockerfileLexer.words(instruction.arguments)
            default:
                continue
            }
        }
        if stages.isEmpty { throw .noStages }
        return Dockerfile(stages: stages, pulls: pulls, exposedPorts: exposed)
    }

    private static func fromStage(
        _ instruction: DockerfileLexer.Instruction, index: Int, earlier: [Stage], globals: [String: String]
    ) throws(DockerfileError) -> Stage {
        var words = DockerfileLexer.words(instruction.arguments)
        var platform: String?
        while let first = words.first, first.hasPrefix("--") {
            if first.lowercased().hasPrefix("--platform=") {
                var expander = ArgumentExpander(variables: globals)
                platform = (try? expander.expand(String(first.dropFirst("--platform=".count)))) ?? ""
            }
            words.removeFirst()
        }
        guard words.count == 1 || (words.count == 3 && words[1].lowercased() == "as") else {
            throw .fromMissingImage(line: instruction.line)
        }
        let raw = words[0]
        var expander = ArgumentExpander(variables: globals)
        let baseName = (try? expander.expand(raw)) ?? ""
        if baseName.isEmpty { throw .blankBaseName(line: instruction.line, raw: raw) }
        let name = words.count == 3 ? words[2].lowercased() : nil
        let base: Stage.Base
        if let earlierStage = earlier.first(where: { $0.name != nil && $0.name == baseName.lowercased() }) {
            base = .stage(earlierStage.index)
        } else if baseName.lowercased() == "scratch" {
            base = .scratch
        } else {
            do {
                base = .image(try ImageReference.parse(baseName))
            } catch {
                throw .invalidBaseImage(line: instruction.line, image: baseName, reason: error)
            }
        }
        return Stage(
            index: index, name: name, base: base, baseName: baseName, platform: platform, line: instruction.line)
    }

    /// `COPY --from=` names a stage (by name or index) or else an image to pull.
    private static func copySource(_ source: String, line: Int, stages: [Stage]) -> Pull? {
        if stages.contains(where: { $0.name == source.lowercased() }) { return nil }
        if let index = Int(source), index >= 0, index < stages.count { return nil }
        guard let image = try? ImageReference.parse(source) else { return nil }
        return Pull(image: image, origin: .copyFrom(stage: stages.count - 1), line: line)
    }

    private static func unquote(_ text: String) -> String {
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}
