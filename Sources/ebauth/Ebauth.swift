import ArgumentParser

@main
struct Ebauth: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ebauth",
        abstract:
            "A local, offline stand-in for ECR, SSM Parameter Store and S3, with an Elastic Beanstalk engine emulation.",
        version: "0.1.0",
        subcommands: [Serve.self, Replay.self, Deploy.self],
        defaultSubcommand: Serve.self)
}
