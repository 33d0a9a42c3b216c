import Testing

@testable import Beanstalk

@Suite("Dockerfile FROM images")
struct DockerfileTests {
    @Test("a multi-stage build pulls only external images; later FROMs of earlier stages are not pulls")
    func multiStage() throws {
        let dockerfile = try Dockerfile.parse(
            """
            FROM --platform=$BUILDPLATFORM golang:1.22 AS Builder
            RUN go build -o /app
            FROM builder AS test
            FROM scratch
            COPY --from=builder /app /app
            COPY --from=busybox:1.36 /bin/sh /bin/sh
            EXPOSE 8080
            """)
        #expect(dockerfile.stages.map(\.name) == ["builder", "test", nil])
        #expect(dockerfile.stages[0].platform == "linux/amd64")
        #expect(dockerfile.stages[1].base == .stage(0))
        #expect(dockerfile.stages[2].base == .scratch)
        #expect(
            dockerfile.pulls.map(\.image.canonical) == [
                "docker.io/library/golang:1.22", "docker.io/library/busybox:1.36",
            ])
        #expect(dockerfile.pulls[1].origin == .copyFrom(stage: 2))
        #expect(dockerfile.exposedPorts == ["8080"])
    }

    @Test("a FROM naming a stage defined later is an image pull, not a stage")
    func laterStageIsImage() throws {
        let dockerfile = try Dockerfile.parse("FROM base\nFROM alpine AS base\n")
        #expect(
            dockerfile.pulls.map(\.image.canonical) == [
                "docker.io/library/base:latest", "docker.io/library/alpine:latest",
            ])
    }

    @Test("ARGs before the first FROM are substituted, build arguments override defaults")
    func arguments() throws {
        let text = """
            ARG REGISTRY=quay.io
            ARG TAG
            ARG VARIANT=slim
            FROM ${REGISTRY}/johndoe/app:${TAG:-1.0}-$VARIANT
            ARG LATE=ignored
            """
        #expect(try Dockerfile.parse(text).pulls.map(\.image.canonical) == ["quay.io/johndoe/app:1.0-slim"])
        #expect(
            try Dockerfile.parse(text, buildArguments: ["TAG": "2.5", "VARIANT": "full"]).pulls.map(\.image.canonical)
                == ["quay.io/johndoe/app:2.5-full"])
    }

    @Test("line continuations, comments, lower-case keywords and CRLF are read as BuildKit reads them")
    func lexing() throws {
        let dockerfile = try Dockerfile.parse(
            "# a comment\r\nfrom \\\r\n  # inside a continuation\r\n  nginx:1.27 \\\r\n  as web\r\n")
        #expect(dockerfile.stages.first?.name == "web")
        #expect(dockerfile.pulls.first?.line == 2)
        #expect(dockerfile.pulls.map(\.image.canonical) == ["docker.io/library/nginx:1.27"])
    }

    @Test("heredoc bodies are not instructions")
    func heredoc() throws {
        let dockerfile = try Dockerfile.parse("FROM alpine\nRUN <<EOF\nFROM evil/image\nEOF\nRUN echo done\n")
        #expect(dockerfile.pulls.map(\.image.canonical) == ["docker.io/library/alpine:latest"])
    }

    @Test("the escape directive changes the continuation character")
    func escapeDirective() throws {
        let dockerfile = try Dockerfile.parse(
            "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 `\n  AS base\n")
        #expect(dockerfile.stages.first?.name == "base")
    }

    @Test(
        "broken Dockerfiles give BuildKit's messages",
        arguments: [
            ("", DockerfileError.empty, "the Dockerfile cannot be empty"),
            ("# only a comment\n", .empty, "the Dockerfile cannot be empty"),
            ("ARG X=1\n", .noStages, "dockerfile contains no stages to build"),
            (
                "RUN echo\nFROM nginx\n", .instructionBeforeFrom(line: 1, instruction: "RUN"),
                "dockerfile parse error on line 1: no build stage in current context"
            ),
            ("FROM $MISSING\n", .blankBaseName(line: 1, raw: "$MISSING"), "base name ($MISSING) should not be blank"),
            (
                "FROM\n", .fromMissingImage(line: 1),
                "dockerfile parse error on line 1: FROM requires either one or three arguments"
            ),
            (
                "FROM nginx AS\n", .fromMissingImage(line: 1),
                "dockerfile parse error on line 1: FROM requires either one or three arguments"
            ),
            (
                "FROM Nginx\n",
                .invalidBaseImage(line: 1, image: "Nginx", reason: .uppercaseRepository(remote: "library/Nginx")),
                "failed to parse stage name \"Nginx\": invalid reference format: repository name (library/Nginx) must be lowercase"
            ),
        ])
    func broken(text: String, error: DockerfileError, message: String) {
        #expect(throws: error) { try Dockerfile.parse(text) }
        #expect(error.message == message)
    }
}
