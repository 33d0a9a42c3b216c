import Foundation
import Testing

@testable import Beanstalk

@Suite("Dockerrun.aws.json and the Docker platforms")
struct DockerApplicationTests {
    @Test("a v1 Dockerrun pulls Image.Name and names its S3 auth file with Bucket/Key")
    func v1Image() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle([
            "Dockerrun.aws.json": """
            {"AWSEBDockerrunVersion": "1",
             "Authentication": {"Bucket": "amzn-s3-demo-bucket", "Key": "mydockercfg"},
             "Image": {"Name": "quay.io/johndoe/private-image", "Update": "true"},
             "Ports": [{"ContainerPort": "8080", "HostPort": "8000"}]}
            """
        ])
        let app = try DockerApplication.load(from: bundle, platform: dockerAL2023)
        #expect(app.pulls.map(\.image.canonical) == ["quay.io/johndoe/private-image:latest"])
        #expect(app.pulls.first?.origin == .dockerrunImage)
        #expect(
            app.authentication
                == AuthenticationLocation(bucket: "amzn-s3-demo-bucket", key: "mydockercfg", spelling: .capitalised))
    }

    @Test("a numeric version 1 is accepted, as the EB CLI compares str(value)")
    func numericVersion() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle([
            "Dockerrun.aws.json":
                #"{"AWSEBDockerrunVersion": 1, "Image": {"Name": "nginx"}, "Ports": [{"ContainerPort": 80}]}"#
        ])
        #expect(
            try DockerApplication.load(from: bundle, platform: dockerAL2023).pulls.map(\.image.canonical)
                == ["docker.io/library/nginx:latest"])
    }

    @Test("with a Dockerfile the v1 Image is ignored and the FROM images are pulled")
    func dockerfileWins() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle([
            "Dockerrun.aws.json": #"{"AWSEBDockerrunVersion": "1", "Image": {"Name": "ignored/image"}}"#,
            "Dockerfile":
                "FROM golang:1.22 AS build\nRUN go build\nFROM build\nFROM 123456789012.dkr.ecr.us-east-2.amazonaws.com/base:3\n",
        ])
        let app = try DockerApplication.load(from: bundle, platform: dockerAL2023)
        #expect(
            app.pulls.map(\.image.canonical) == [
                "docker.io/library/golang:1.22", "123456789012.dkr.ecr.us-east-2.amazonaws.com/base:3",
            ])
        #expect(app.pulls[1].origin == .dockerfile(path: "Dockerfile", line: 4))
    }

    @Test("neither Dockerfile nor Dockerrun.aws.json gives EB's event")
    func bothMissing() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle(["index.html": "<h1>hi</h1>"])
        #expect(throws: DockerApplicationError.dockerrun(.bothMissing)) {
            try DockerApplication.load(from: bundle, platform: dockerAL2023)
        }
        #expect(
            DockerrunError.bothMissing.message
                == "Instance deployment: Both 'Dockerfile' and 'Dockerrun.aws.json' are missing in your source bundle. Include at least one of them. The deployment failed."
        )
    }

    @Test("a compose file named docker-compose.yaml is not recognised, so both files count as missing")
    func composeYamlExtension() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle(["docker-compose.yaml": "services:\n  web:\n    image: nginx\n"])
        #expect(throws: DockerApplicationError.dockerrun(.bothMissing)) {
            try DockerApplication.load(from: bundle, platform: dockerAL2023)
        }
    }

    @Test("a v2 Dockerrun on a Docker platform gives the unsupported-version event")
    func v2OnDocker() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle([
            "Dockerrun.aws.json": #"{"AWSEBDockerrunVersion": 2, "containerDefinitions": []}"#
        ])
        #expect(throws: DockerApplicationError.dockerrun(.unsupportedVersion(found: "2"))) {
            try DockerApplication.load(from: bundle, platform: dockerAL2023)
        }
        #expect(
            DockerrunError.unsupportedVersion(found: "2").message
                == "Instance deployment: 'Dockerrun.aws.json' in your source bundle specifies an unsupported version. Elastic Beanstalk only supports version 1 for non compose app and version 3 for compose app. The deployment failed."
        )
    }

    @Test("version 3 without docker-compose.yml, and version 1 beside one, are unsupported")
    func composeVersionMismatch() throws {
        let scratch = Scratch()
        let v3Alone = try scratch.bundle(["Dockerrun.aws.json": #"{"AWSEBDockerrunVersion": "3"}"#])
        #expect(throws: DockerApplicationError.dockerrun(.unsupportedVersion(found: "3"))) {
            try DockerApplication.load(from: v3Alone, platform: dockerAL2023)
        }
        let v1WithCompose = try scratch.bundle([
            "Dockerrun.aws.json": #"{"AWSEBDockerrunVersion": "1"}"#,
            "docker-compose.yml": "services:\n  web:\n    image: nginx\n",
        ])
        #expect(throws: DockerApplicationError.dockerrun(.unsupportedVersion(found: "1"))) {
            try DockerApplication.load(from: v1WithCompose, platform: dockerAL2023)
        }
    }

    @Test("a missing version key is an unsupported version")
    func missingVersion() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle(["Dockerrun.aws.json": #"{"Image": {"Name": "nginx"}}"#])
        #expect(throws: DockerApplicationError.dockerrun(.unsupportedVersion(found: nil))) {
            try DockerApplication.load(from: bundle, platform: dockerAL2023)
        }
    }

    @Test("invalid JSON gives EB's invalid-JSON text")
    func invalidJSON() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle(["Dockerrun.aws.json": #"{"AWSEBDockerrunVersion": "1",}"#])
        #expect(throws: DockerApplicationError.dockerrun(.invalidJSON)) {
            try DockerApplication.load(from: bundle, platform: dockerAL2023)
        }
        #expect(DockerrunError.invalidJSON.message == "The Dockerrun.aws.json file is not in valid JSON format.")
    }

    @Test("without a Dockerfile, v1 needs Image.Name, Ports and ContainerPort, in that order")
    func v1RequiredKeys() throws {
        let scratch = Scratch()
        let cases: [(String, DockerrunError, String)] = [
            (
                #"{"AWSEBDockerrunVersion": "1", "Ports": [{"ContainerPort": 80}]}"#, .missingImage,
                "The Dockerrun.aws.json file requires the Image key."
            ),
            (
                #"{"AWSEBDockerrunVersion": "1", "Image": {"Update": "false"}, "Ports": [{"ContainerPort": 80}]}"#,
                .missingImage,
                "The Dockerrun.aws.json file requires the Image key."
            ),
            (
                #"{"AWSEBDockerrunVersion": "1", "Image": {"Name": "nginx"}}"#, .missingPorts,
                "The Dockerrun.aws.json file requires the Ports key."
            ),
            (
                #"{"AWSEBDockerrunVersion": "1", "Image": {"Name": "nginx"}, "Ports": [{"HostPort": 80}]}"#,
                .missingContainerPort,
                "The Dockerrun.aws.json file requires the ContainerPort field."
            ),
        ]
        for (json, error, text) in cases {
            let bundle = try scratch.bundle(["Dockerrun.aws.json": json])
            #expect(throws: DockerApplicationError.dockerrun(error)) {
                try DockerApplication.load(from: bundle, platform: dockerAL2023)
            }
            #expect(error.message == text)
        }
    }

    @Test("an empty Image.Name gives the troubleshooting page's pull event")
    func emptyImageName() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle([
            "Dockerrun.aws.json":
                #"{"AWSEBDockerrunVersion": "1", "Image": {"Name": ""}, "Ports": [{"ContainerPort": 80}]}"#
        ])
        #expect(throws: DockerApplicationError.dockerrun(.invalidImageName(name: ""))) {
            try DockerApplication.load(from: bundle, platform: dockerAL2023)
        }
        #expect(
            DockerrunError.invalidImageName(name: "").message
                == "Failed to pull Docker image :latest: Invalid repository name (), only [a-z0-9-_.] are allowed. Tail the logs for more details."
        )
        #expect(
            DockerrunError.invalidImageName(name: "John/App:1").message
                == "Failed to pull Docker image John/App:1: Invalid repository name (John/App), only [a-z0-9-_.] are allowed. Tail the logs for more details."
        )
    }

    @Test("a Compose app pulls each service image, interpolated from the environment, and builds the rest")
    func compose() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle([
            "Dockerrun.aws.json":
                #"{"AWSEBDockerrunVersion": "3", "Authentication": {"bucket": "auth-bucket", "key": "cfg"}}"#,
            "docker-compose.yml": """
            services:
              web:
                image: quay.io/johndoe/private-image:${TAG:-latest}
              proxy:
                image: nginx:${NGINX_VERSION}
              worker:
                build:
                  context: ./worker
                  dockerfile: Dockerfile.prod
                image: my-worker
            """,
            "worker/Dockerfile.prod": "FROM python:3.12-slim\n",
        ])
        let app = try DockerApplication.load(
            from: bundle, platform: dockerAL2023, environment: ["NGINX_VERSION": "1.27"])
        #expect(
            app.pulls.map(\.image.canonical) == [
                "docker.io/library/nginx:1.27", "quay.io/johndoe/private-image:latest",
                "docker.io/library/python:3.12-slim",
            ])
        #expect(app.pulls[0].origin == .composeService("proxy"))
        #expect(app.pulls[2].origin == .dockerfile(path: "worker/Dockerfile.prod", line: 1))
        #expect(app.authentication == AuthenticationLocation(bucket: "auth-bucket", key: "cfg", spelling: .mixed))
    }

    @Test("a v3 Authentication in the capitalised spelling is read too")
    func v3Capitalised() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle([
            "Dockerrun.aws.json": #"{"AWSEBDockerrunVersion": "3", "Authentication": {"Bucket": "b", "Key": "k"}}"#,
            "docker-compose.yml": "services:\n  web:\n    image: nginx\n",
        ])
        #expect(
            try DockerApplication.load(from: bundle, platform: dockerAL2023).authentication?.spelling == .capitalised)
    }

    @Test("a v1 Authentication in lowercase is not read, as the v1 key is capitalised")
    func v1Lowercase() throws {
        let data = Data(#"{"AWSEBDockerrunVersion": "1", "authentication": {"bucket": "b", "key": "k"}}"#.utf8)
        #expect(try Dockerrun.parse(data).authentication == nil)
        let mixed = Data(#"{"AWSEBDockerrunVersion": "1", "Authentication": {"bucket": "b", "key": "k"}}"#.utf8)
        #expect(try Dockerrun.parse(mixed).authentication == nil)
    }

    @Test("a compose service with neither image nor build is refused with compose's text")
    func composeServiceWithoutImage() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle(["docker-compose.yml": "services:\n  web:\n    ports: [\"80:80\"]\n"])
        #expect(throws: DockerApplicationError.compose(.noImageOrBuild(service: "web"))) {
            try DockerApplication.load(from: bundle, platform: dockerAL2023)
        }
        #expect(
            ComposeError.noImageOrBuild(service: "web").message
                == "service \"web\" has neither an image nor a build context specified: invalid compose project")
    }

    @Test("a Dockerfile without FROM fails the build with BuildKit's reason")
    func dockerfileWithoutFrom() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle(["Dockerfile": "RUN echo hi\n"])
        #expect(
            throws: DockerApplicationError.dockerfile(
                path: "Dockerfile", .instructionBeforeFrom(line: 1, instruction: "RUN"))
        ) {
            try DockerApplication.load(from: bundle, platform: dockerAL2023)
        }
    }
}

@Suite("Dockerrun.aws.json v2 on the ECS platforms")
struct ECSDockerrunTests {
    @Test("a v2 Dockerrun pulls every container image and reads lowercase authentication")
    func v2Containers() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle([
            "Dockerrun.aws.json": """
            {"AWSEBDockerrunVersion": 2,
             "authentication": {"bucket": "amzn-s3-demo-bucket", "key": "mydockercfg"},
             "containerDefinitions": [
               {"name": "php-app", "image": "php:fpm", "essential": true, "memory": 128},
               {"name": "nginx-proxy", "image": "nginx", "memoryReservation": 128}]}
            """
        ])
        let app = try DockerApplication.load(from: bundle, platform: ecsAL2023)
        #expect(app.pulls.map(\.image.canonical) == ["docker.io/library/php:fpm", "docker.io/library/nginx:latest"])
        #expect(app.pulls.map(\.origin) == [.ecsContainer("php-app"), .ecsContainer("nginx-proxy")])
        #expect(
            app.authentication
                == AuthenticationLocation(bucket: "amzn-s3-demo-bucket", key: "mydockercfg", spelling: .lowercase))
    }

    @Test("v2 falls back to the capitalised Authentication, as the AL1 ECS hook did")
    func v2CapitalisedFallback() throws {
        let data = Data(#"{"AWSEBDockerrunVersion": "2", "Authentication": {"Bucket": "b", "Key": "k"}}"#.utf8)
        #expect(
            try Dockerrun.parse(data).authentication
                == AuthenticationLocation(bucket: "b", key: "k", spelling: .capitalised))
    }

    @Test("a v1 Dockerrun on ECS gives the event the EB CLI recognises")
    func v1OnECS() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle([
            "Dockerrun.aws.json": #"{"AWSEBDockerrunVersion": "1", "Image": {"Name": "nginx"}}"#
        ])
        #expect(throws: DockerApplicationError.dockerrun(.ecsUnsupportedVersion(found: "1"))) {
            try DockerApplication.load(from: bundle, platform: ecsAL2023)
        }
        #expect(
            DockerrunError.ecsUnsupportedVersion(found: "1").message
                .hasPrefix("ECS Application sourcebundle validation error: Unsupported AWSEBDockerrunVersion:"))
    }

    @Test("ECS needs a Dockerrun.aws.json even when a Dockerfile is present")
    func ecsNeedsDockerrun() throws {
        let scratch = Scratch()
        let bundle = try scratch.bundle(["Dockerfile": "FROM nginx\n"])
        #expect(throws: DockerApplicationError.dockerrun(.ecsDockerrunMissing)) {
            try DockerApplication.load(from: bundle, platform: ecsAL2023)
        }
    }

    @Test("container definitions are checked with ECS's RegisterTaskDefinition messages, wrapped as EB shows them")
    func taskDefinitionErrors() throws {
        let scratch = Scratch()
        let cases: [(String, String)] = [
            (#"[]"#, "Container list cannot be empty."),
            (#"[{"image": "nginx", "memory": 128}]"#, "Container.name should not be null or empty."),
            (#"[{"name": "web", "memory": 128}]"#, "Container.image should not be null or empty."),
            (
                #"[{"name": "client", "image": "nginx"}]"#,
                "Invalid setting for container 'client'. At least one of 'memory' or 'memoryReservation' must be specified."
            ),
            (
                #"[{"name": "web", "image": "$IMAGE_NAME", "memory": 128}]"#,
                "Container.image contains invalid characters."
            ),
        ]
        for (containers, message) in cases {
            let bundle = try scratch.bundle([
                "Dockerrun.aws.json": #"{"AWSEBDockerrunVersion": 2, "containerDefinitions": "# + containers + "}"
            ])
            #expect(throws: DockerApplicationError.dockerrun(.ecsTaskDefinition(message: message))) {
                try DockerApplication.load(from: bundle, platform: ecsAL2023)
            }
        }
        #expect(
            DockerrunError.ecsTaskDefinition(
                message:
                    "Invalid setting for container 'client'. At least one of 'memory' or 'memoryReservation' must be specified."
            ).message
                == "Service:AmazonECS, Code:ClientException, Message:Invalid setting for container 'client'. At least one of 'memory' or 'memoryReservation' must be specified., Class:com.amazonaws.services.ecs.model.ClientException"
        )
    }
}
