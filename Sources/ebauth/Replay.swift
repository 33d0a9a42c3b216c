import Replay

extension Ebauth {
    /// `ebauth replay` and `ebauth deploy` are the Replay module's commands.
    typealias Replay = ReplayCommand
    typealias Deploy = DeployCommand
}
