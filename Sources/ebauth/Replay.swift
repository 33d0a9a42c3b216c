import ArgumentParser

extension Ebauth {
    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay Beanstalk's private-registry flows and failure scenarios against a fresh mock.")

        @Argument(help: "Scenario folders; all embedded scenarios when omitted.")
        var scenarios: [String] = []

        func run() throws {
            // The Beanstalk engine and scenario runner are their own issue; until they land
            // this says so plainly instead of pretending that something was replayed.
            print("ebauth replay: not yet — the Beanstalk engine and scenario runner are not built; 0 scenarios replayed.")
        }
    }
}
