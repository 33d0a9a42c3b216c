import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// CPU and memory of a server process and its children (nginx's workers), from /proc.
enum ProcStats {
    static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))

    static func tree(_ pid: pid_t) -> [pid_t] {
        var all = [pid]
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        for task in tasks {
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
            for child in text.split(separator: " ").compactMap({ pid_t($0) }) { all += tree(child) }
        }
        return all
    }

    /// utime + stime in seconds.
    static func cpuSeconds(_ pid: pid_t) -> Double {
        var total = 0.0
        for p in tree(pid) {
            guard let text = try? String(contentsOfFile: "/proc/\(p)/stat", encoding: .utf8),
                let close = text.lastIndex(of: ")")
            else { continue }
            let fields = text[text.index(after: close)...].split(separator: " ")
            // Fields after the name start at field 3 (state); utime is field 14, stime 15.
            if fields.count > 13, let u = Double(fields[11]), let s = Double(fields[12]) {
                total += (u + s) / ticksPerSecond
            }
        }
        return total
    }

    /// VmRSS and VmHWM in MiB.
    static func memory(_ pid: pid_t) -> (rss: Double, hwm: Double) {
        var rss = 0.0, hwm = 0.0
        for p in tree(pid) {
            guard let text = try? String(contentsOfFile: "/proc/\(p)/status", encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard parts.count >= 2, let kb = Double(parts[1]) else { continue }
                if parts[0] == "VmRSS:" { rss += kb / 1024 }
                if parts[0] == "VmHWM:" { hwm += kb / 1024 }
            }
        }
        return (rss, hwm)
    }
}

/// One load run's outcome.
struct LoadResult {
    var requests: Int
    var errors: Int
    var firstError: String?
    var seconds: Double
    var bytes: Int
    var latencies: [Double]
    var cpuSeconds: Double
    var connects: Int

    var perSecond: Double { Double(requests) / seconds }
    var mibPerSecond: Double { Double(bytes) / 1_048_576 / seconds }
    var cpuMicrosPerRequest: Double { requests > 0 ? cpuSeconds / Double(requests) * 1e6 : .nan }
    func percentile(_ p: Double) -> Double {
        guard !latencies.isEmpty else { return .nan }
        let sorted = latencies.sorted()
        let index = max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1)
        return sorted[min(sorted.count - 1, index)]
    }
}

/// How long a run lasts: a number of requests in all, or a duration.
enum Amount {
    case count(Int)
    case seconds(Double)
}

/// Runs `connections` threads, each on its own keep-alive connection, sending what `make` builds
/// until the amount is reached; latencies in seconds. The server's CPU is read around the run.
func runLoad(
    target: RunningTarget, connections: Int, amount: Amount, keepBody: Bool = true,
    expect: Set<Int> = [200], make: @escaping @Sendable (Int) -> Request
) -> LoadResult {
    final class Slot: @unchecked Sendable {
        var latencies: [Double] = []
        var errors = 0
        var firstError: String?
        var bytes = 0
        var connects = 0
    }
    let slots = (0..<connections).map { _ in Slot() }
    let counter = Counter()
    let group = DispatchGroup()
    let startGate = DispatchSemaphore(value: 0)
    let ready = DispatchSemaphore(value: 0)
    var deadline = 0.0
    let deadlineBox = Box(0.0)
    let limit: Int
    switch amount {
    case .count(let n): limit = n
    case .seconds: limit = Int.max
    }
    let port = target.port
    for index in 0..<connections {
        group.enter()
        let slot = slots[index]
        let thread = Thread {
            let connection = Connection(port: port)
            slot.latencies.reserveCapacity(100_000)
            ready.signal()
            startGate.wait()
            var i = index
            while true {
                if counter.next() >= limit { break }
                let t0 = now()
                if t0 >= deadlineBox.value { break }
                let request = make(i)
                i += connections
                do {
                    let response = try connection.send(request, keepBody: keepBody)
                    slot.latencies.append(now() - t0)
                    slot.bytes += response.bodyBytes
                    if !expect.contains(response.status) {
                        slot.errors += 1
                        if slot.firstError == nil {
                            slot.firstError = "HTTP \(response.status): \(response.text.prefix(300))"
                        }
                    }
                } catch {
                    slot.errors += 1
                    if slot.firstError == nil { slot.firstError = "\(error)" }
                    connection.close()
                }
            }
            slot.connects = connection.connects
            connection.close()
            group.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    for _ in 0..<connections { ready.wait() }
    let cpu0 = ProcStats.cpuSeconds(target.pid)
    let t0 = now()
    switch amount {
    case .count: deadline = .infinity
    case .seconds(let s): deadline = t0 + s
    }
    deadlineBox.value = deadline
    for _ in 0..<connections { startGate.signal() }
    group.wait()
    let seconds = now() - t0
    let cpu1 = ProcStats.cpuSeconds(target.pid)
    return LoadResult(
        requests: slots.reduce(0) { $0 + $1.latencies.count }, errors: slots.reduce(0) { $0 + $1.errors },
        firstError: slots.compactMap(\.firstError).first, seconds: seconds, bytes: slots.reduce(0) { $0 + $1.bytes },
        latencies: slots.flatMap(\.latencies), cpuSeconds: cpu1 - cpu0, connects: slots.reduce(0) { $0 + $1.connects })
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; let v = value; value += 1; return v }
}

final class Box<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

func median(_ values: [Double]) -> Double {
    let v = values.filter { !$0.isNaN }.sorted()
    guard !v.isEmpty else { return .nan }
    return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
}
