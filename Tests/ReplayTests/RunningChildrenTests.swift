import Foundation
import Synchronization
import Testing

@testable import Replay

/// What an interrupted replay stops: real children (here `sleep`) and the folders they own.
@Suite("Running children of a replay")
struct RunningChildrenTests {
    func sleeper() throws -> ChildProcess {
        let input = ChildProcess.devNull(write: false), output = ChildProcess.devNull(write: true)
        defer { for fd in [input, output] { close(fd) } }
        return try ChildProcess.spawn(
            "/bin/sleep", ["60"], environment: [:], stdin: input, stdout: output, stderr: output)
    }

    @Test("stopAll ends every child still running, then removes the folders of scenarios that did not end")
    func stopAllStopsChildrenThenFolders() throws {
        let children = RunningChildren()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = try sleeper(), second = try sleeper()
        let folderThereWhenStopped = Mutex<[Bool]>([])
        for process in [first, second] {
            children.add("sleep \(process.pid)") {
                folderThereWhenStopped.withLock { $0.append(FileManager.default.fileExists(atPath: folder.path)) }
                process.stop(grace: 5)
            }
        }
        #expect(children.add(directory: folder.path))
        children.stopAll(grace: 0)
        #expect(!first.isRunning && !second.isRunning)
        #expect(first.wait() == SIGTERM && second.wait() == SIGTERM)
        #expect(folderThereWhenStopped.withLock { $0 } == [true, true])
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test("a child its scenario stopped, and a folder it removed, are not the interrupt's any more")
    func stoppedChildIsForgotten() throws {
        let children = RunningChildren()
        let stops = Mutex(0)
        let child = children.add("counted") { stops.withLock { $0 += 1 } }
        children.stop(child)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(children.add(directory: folder.path))
        children.remove(directory: folder.path)
        children.stopAll(grace: 0)
        #expect(stops.withLock { $0 } == 1)
        #expect(FileManager.default.fileExists(atPath: folder.path))
    }

    @Test("after an interrupt a new child is stopped at once and no new scenario folder is taken")
    func nothingStartsAfterStopAll() throws {
        let children = RunningChildren()
        children.stopAll(grace: 0)
        let late = try sleeper()
        let child = children.add("late sleep") { late.stop(grace: 5) }
        #expect(child == nil)
        #expect(!late.isRunning)
        #expect(!children.add(directory: NSTemporaryDirectory() + "never-made"))
        #expect(children.isStopping)
    }

    @Test("a scenario that ends once its registry is stopped removes its own folder; stopAll waits for it")
    func scenarioEndsDuringGrace() throws {
        let children = RunningChildren()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(children.add(directory: folder.path))
        let scenarioEnded = Mutex(false)
        children.add("registry") {
            // The scenario notices its registry is gone, cleans up and ends (on its own thread).
            Thread.detachNewThread {
                try? FileManager.default.removeItem(atPath: folder.path + "/registry")
                scenarioEnded.withLock { $0 = true }
                children.remove(directory: folder.path)
            }
        }
        try folder.write("registry/config.yml", "version: 0.1\n")
        children.stopAll(grace: 600)
        #expect(scenarioEnded.withLock { $0 })
        // The scenario took its folder back; stopAll had nothing left to remove.
        #expect(FileManager.default.fileExists(atPath: folder.path))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/registry"))
    }
}
