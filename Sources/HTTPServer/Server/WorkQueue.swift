import Foundation

/// A blocking FIFO of connections ready to be served, shared by the worker threads.
final class WorkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [HTTPConnection] = []
    private var head = 0
    private var closed = false

    func push(_ connection: HTTPConnection) {
        condition.lock()
        items.append(connection)
        condition.signal()
        condition.unlock()
    }

    /// The next connection, or nil once the queue is closed and drained.
    func pop() -> HTTPConnection? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !closed {
            condition.wait()
        }
        guard head < items.count else { return nil }
        let item = items[head]
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
