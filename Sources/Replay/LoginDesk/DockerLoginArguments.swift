import Foundation

/// `docker login [OPTIONS] [SERVER]` as docker/cli's `login` command reads its flags.
struct DockerLoginArguments: Equatable {
    var username: String?
    var password: String?
    var passwordStdin = false
    var server: String?

    static let usage = """
        Usage:  docker login [OPTIONS] [SERVER]

        Authenticate to a registry.
        Defaults to Docker Hub if no server is specified.
        """

    init(parsing args: [String]) throws(DockerCLIError) {
        var positional: [String] = []
        var index = 0
        func value(of flag: String) throws(DockerCLIError) -> String {
            index += 1
            guard index < args.count else {
                throw .flag("flag needs an argument: '\(flag.drop { $0 == "-" })' in \(flag)")
            }
            return args[index]
        }
        while index < args.count {
            let arg = args[index]
            switch arg {
            case "-u", "--username": username = try value(of: arg)
            case "-p", "--password": password = try value(of: arg)
            case "--password-stdin": passwordStdin = true
            case _ where arg.hasPrefix("--username="): username = String(arg.dropFirst(11))
            case _ where arg.hasPrefix("--password="): password = String(arg.dropFirst(11))
            case _ where arg.hasPrefix("-u") && arg.count > 2: username = String(arg.dropFirst(2))
            case _ where arg.hasPrefix("-p") && arg.count > 2: password = String(arg.dropFirst(2))
            case _ where arg.hasPrefix("--") && arg.count > 2:
                throw .flag("unknown flag: \(arg.split(separator: "=")[0])")
            case _ where arg.hasPrefix("-") && arg.count > 1:
                throw .flag("unknown shorthand flag: '\(arg.dropFirst().prefix(1))' in \(arg)")
            default: positional.append(arg)
            }
            index += 1
        }
        guard positional.count <= 1 else {
            throw .error("\"docker login\" requires at most 1 argument.\nSee 'docker login --help'.\n\n\(Self.usage)")
        }
        server = positional.first
    }

    /// What the CLI prints before anything else once the flags are read.
    var warning: String {
        password == nil ? "" : "WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n"
    }

    /// The user and password to log in with. `--password-stdin` reads stdin without its line
    /// ending. docker would prompt for what is missing, but only on a terminal, which a hook
    /// never has (its stdin is /dev/null).
    func credential(stdin: Data?) throws(DockerCLIError) -> (username: String, password: String) {
        var password = password
        if passwordStdin {
            guard self.password == nil else {
                throw .error("Error: --password and --password-stdin are mutually exclusive")
            }
            guard let username, !username.isEmpty else {
                throw .error("Error: Must provide --username with --password-stdin")
            }
            var text = String(decoding: stdin ?? Data(), as: UTF8.self)
            if text.hasSuffix("\n") { text.removeLast() }
            if text.hasSuffix("\r") { text.removeLast() }
            password = text
        }
        guard let username, !username.isEmpty, let password, !password.isEmpty else {
            throw .error("Error: Cannot perform an interactive login from a non TTY device")
        }
        return (username, password)
    }
}
