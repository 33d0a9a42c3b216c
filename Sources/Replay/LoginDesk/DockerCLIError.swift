/// A `docker login` that ends with an error: what the CLI prints on stderr and its status.
struct DockerCLIError: Error, Equatable {
    var stderr: String
    var status: Int32 = 1

    /// cobra's flag errors: exit status 125 and the pointer to `--help`.
    static func flag(_ text: String) -> DockerCLIError {
        DockerCLIError(stderr: "\(text)\nSee 'docker login --help'.\n", status: 125)
    }

    /// An error the CLI reports after its warnings, with status 1.
    static func error(_ text: String) -> DockerCLIError { DockerCLIError(stderr: text + "\n") }
}
