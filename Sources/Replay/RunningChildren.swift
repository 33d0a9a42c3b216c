import Foundation
import Synchronization

/// What a replay has started for scenarios in flight (registry processes and containers) and
/// the scenarios' temporary folders. A scenario stops its own children and removes its folder
/// when it ends; Ctrl-C or SIGTERM stops whatever is still here before the replay exits, so
/// nothing outlives it.
final class RunningChildren: Sendable {
    static let shared = RunningChildren()

    /// One started child. Its stop runs once; a second caller waits until the first is done
    /// (a scenario stopping its registry while the interrupt handler stops everything).
    final class Child: Sendable {
        let description: String
        private let action: Mutex<(@Sendable () -> Void)?>

        init(_ description: String, stop: @escaping @Sendable () -> Void) {
            self.description = description
            action = Mutex(stop)
        }

        func stop() {
            action.withLock { action in
                action?()
                action = nil
            }
        }
    }

    private struct State {
        var children: [ObjectIdentifier: Child] = [:]
        var directories: Set<String> = []
        /// Set once an interrupt is stopping everything: a child started after that is stopped
        /// by whoever starts it, and no scenario starts.
        var closed = false
    }

    private let state = Mutex(State())

    /// Keeps `stop` (which ends the child) for an interrupt; nil when the replay is already
    /// stopping everything, after running `stop` at once.
    @discardableResult
    func add(_ description: String, stop: @escaping @Sendable () -> Void) -> Child? {
        let child = Child(description, stop: stop)
        let closed = state.withLock { state in
            if !state.closed { state.children[ObjectIdentifier(child)] = child }
            return state.closed
        }
        guard closed else { return child }
        child.stop()
        return nil
    }

    /// Stops `child` (if it is still running) and forgets it.
    func stop(_ child: Child?) {
        guard let child else { return }
        child.stop()
        _ = state.withLock { $0.children.removeValue(forKey: ObjectIdentifier(child)) }
    }

    /// A scenario's temporary folder, which it removes itself when it ends; false (the
    /// scenario must not start) once the replay is stopping everything.
    func add(directory: String) -> Bool {
        state.withLock { state in
            if !state.closed { state.directories.insert(directory) }
            return !state.closed
        }
    }

    func remove(directory: String) {
        state.withLock { _ = $0.directories.remove(directory) }
    }

    var isStopping: Bool { state.withLock { $0.closed } }

    /// Refuses new scenarios, stops every child at once (each as its own stop says: SIGTERM, a
    /// short wait, SIGKILL; `docker rm -f` for a container), gives the scenarios in flight up
    /// to `grace` seconds to end and remove their folders — without their registries they end
    /// quickly, and a child one started meanwhile was stopped at once — then removes the
    /// folders still here.
    func stopAll(grace: TimeInterval = 10) {
        let children = state.withLock { state in
            state.closed = true
            defer { state.children = [:] }
            return Array(state.children.values)
        }
        DispatchQueue.concurrentPerform(iterations: children.count) { children[$0].stop() }
        let deadline = Date().addingTimeInterval(grace)
        while state.withLock({ !$0.directories.isEmpty }), Date() < deadline { usleep(20_000) }
        let directories = state.withLock { state in
            defer { state.directories = [] }
            return state.directories
        }
        for directory in directories { try? FileManager.default.removeItem(atPath: directory) }
    }
}
