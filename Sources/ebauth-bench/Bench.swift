import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The run: starts one instance of each target, seeds it, measures the rows alternating between
/// targets (A B A B …), then start-up, SIGTERM and `ebauth replay`; prints the table and writes JSON.
final class Bench {
    let options: Options
    var lines: [Line] = []
    var running: [TargetKind: RunningTarget] = [:]
    let signer = Signer()

    init(options: Options) { self.options = options }

    func wanted(_ row: String) -> Bool {
        guard let only = options.only else { return true }
        return row.localizedCaseInsensitiveContains(only)
    }

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ebauth-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer {
            for target in running.values { target.stop() }
            try? FileManager.default.removeItem(atPath: root)
        }
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .path
        let ebauthPath = options.ebauth ?? "\(own)/ebauth"
        guard access(ebauthPath, X_OK) == 0 else {
            throw BenchError("no ebauth binary at \(ebauthPath) (build it, or pass --ebauth)")
        }
        let tools = Tools(
            ebauth: ebauthPath, moto: Tools.which("moto_server"), registry: Tools.which("docker-registry"),
            nginx: Tools.which("nginx"))
        var launcher = Launcher(tools: tools, root: root)
        say("ebauth-bench\(options.smoke ? " --smoke" : ""): ebauth \(ebauthPath)")
        for kind in TargetKind.allCases where !launcher.available(kind) {
            say("  \(kind.rawValue): not found, left out")
        }
        say(
            "  \(ProcessInfo.processInfo.activeProcessorCount) CPUs, \(options.reps) repetitions, \(options.seconds) s each, big object \(options.bigMiB) MiB"
        )

        let fixture = try Fixture(directory: root, bigSize: options.bigMiB << 20)
        let seeder = Seeder(fixture: fixture, signer: signer)
        let blobPath = "/v2/\(fixture.repository)/blobs/sha256:\(fixture.bigDigest)"
        let nginxFiles = [
            "/\(fixture.bucket)/small": fixture.smallFile, "/\(fixture.bucket)/big": fixture.bigFile,
            blobPath: fixture.bigFile,
        ]
        for kind in TargetKind.allCases where launcher.available(kind) {
            running[kind] = try launcher.start(kind, nginxFiles: nginxFiles).0
        }
        var memory: [String: [String: Double]] = [:]  // point → target → MiB
        func sampleMemory(_ point: String) {
            for kind in [TargetKind.ebauth, .moto] {
                if let t = running[kind] { memory[point, default: [:]][kind.rawValue] = ProcStats.memory(t.pid).rss }
            }
        }
        usleep(200_000)
        sampleMemory("idle")
        for kind in [TargetKind.ebauth, .moto] {
            if let t = running[kind] { try seeder.seedAWS(t); try seeder.seedBigObject(t) }
        }
        sampleMemory("stored")
        for kind in [TargetKind.ebauth, .registry] { if let t = running[kind] { try seeder.seedRegistry(t) } }

        let aws: [TargetKind] = [.ebauth, .moto, .nginx]
        let registry: [TargetKind] = [.ebauth, .registry, .nginx]
        let signer = self.signer
        let bucket = fixture.bucket, parameter = fixture.parameter, small = fixture.small,
            repository = fixture.repository
        for connections in [1, 16] {
            requestRow("SSM GetParameter, \(connections) conn", aws, anchor: .moto, connections) { t in
                let host = t.host
                return { _ in
                    signer.json(
                        host: host, service: "ssm", target: "AmazonSSM.GetParameter", body: #"{"Name":"\#(parameter)"}"#
                    )
                }
            }
        }
        for connections in [1, 16] {
            requestRow("ECR GetAuthorizationToken, \(connections) conn", aws, anchor: .moto, connections) { t in
                let host = t.host
                return { _ in
                    signer.json(
                        host: host, service: "ecr",
                        target: "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken", body: "{}")
                }
            }
        }
        for connections in [1, 16] {
            requestRow("S3 PutObject 1 KiB, \(connections) conn", aws, anchor: .moto, connections) { t in
                let host = t.host
                return { i in
                    signer.request("PUT", path: "/\(bucket)/put-\(i % 1000)", host: host, service: "s3", body: small)
                }
            }
            requestRow("S3 GetObject 1 KiB, \(connections) conn", aws, anchor: .moto, connections) { t in
                let host = t.host
                return { _ in signer.request("GET", path: "/\(bucket)/small", host: host, service: "s3") }
            }
        }
        let bigCount = options.smoke ? 1 : 2
        requestRow("S3 GetObject \(options.bigMiB) MiB", aws, anchor: .moto, 1, amount: .count(bigCount), big: true) {
            t in
            let host = t.host
            return { _ in signer.request("GET", path: "/\(bucket)/big", host: host, service: "s3") }
        }
        requestRow(
            "Registry blob GET \(options.bigMiB) MiB", registry, anchor: .registry, 1, amount: .count(bigCount),
            big: true
        ) { t in
            let head = renderHead(method: "GET", target: blobPath, headers: [("Host", t.host)], contentLength: nil)
            return { _ in Request(head: head, body: []) }
        }
        for connections in [1, 16] {
            requestRow(
                "Registry \(options.manifestGets) manifest GETs, \(connections) conn", registry, anchor: .registry,
                connections,
                amount: .count(options.manifestGets)
            ) { t in
                let head = renderHead(
                    method: "GET", target: "/v2/\(repository)/manifests/latest",
                    headers: [("Host", t.host), ("Accept", Fixture.manifestType)], contentLength: nil)
                return { _ in Request(head: head, body: []) }
            }
        }
        sampleMemory("load")
        var peak: [String: Double] = [:]
        for kind in [TargetKind.ebauth, .moto] {
            if let t = running[kind] { peak[kind.rawValue] = ProcStats.memory(t.pid).hwm }
        }
        for target in running.values { target.stop() }
        running = [:]

        memoryLines(memory, peak: peak)
        try lifecycleRows(&launcher)
        try replayRow(ebauthPath)

        say("")
        say(table(lines))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let document = Document(
            smoke: options.smoke, repetitions: options.reps, secondsPerRun: options.seconds, bigMiB: options.bigMiB,
            cpus: ProcessInfo.processInfo.activeProcessorCount, date: ISO8601DateFormatter().string(from: Date()),
            lines: lines)
        try encoder.encode(document).write(to: URL(fileURLWithPath: options.json))
        say("JSON: \(options.json)")
    }

    struct Document: Codable {
        var smoke: Bool
        var repetitions: Int
        var secondsPerRun: Double
        var bigMiB: Int
        var cpus: Int
        var date: String
        var lines: [Line]
    }

    /// Warm-up, then `reps` rounds over the targets in turn; throughput, p50/p99 and server CPU.
    func requestRow(
        _ name: String, _ kinds: [TargetKind], anchor: TargetKind, _ connections: Int, amount: Amount? = nil,
        big: Bool = false,
        make: (RunningTarget) -> @Sendable (Int) -> Request
    ) {
        guard wanted(name) else { return }
        let targets = kinds.compactMap { running[$0] }
        let amount = amount ?? .seconds(options.seconds)
        var makers: [TargetKind: @Sendable (Int) -> Request] = [:]
        for t in targets { makers[t.kind] = make(t) }
        say("\(name):", terminator: "")
        var results: [TargetKind: [LoadResult]] = [:]
        var notes: [String] = []
        for t in targets where !big {
            _ = runLoad(
                target: t, connections: connections, amount: .seconds(min(0.3, options.seconds)), make: makers[t.kind]!)
        }
        for _ in 0..<options.reps {
            for t in targets {
                let r = runLoad(
                    target: t, connections: connections, amount: amount, keepBody: !big, make: makers[t.kind]!)
                results[t.kind, default: []].append(r)
                if r.errors > 0 { notes.append("\(t.kind.rawValue): \(r.errors) errors, first: \(r.firstError ?? "")") }
                say(" \(t.kind.rawValue) \(format(big ? r.mibPerSecond : r.perSecond))", terminator: "")
            }
        }
        say("")
        for note in Set(notes) { say("  ! \(note)") }
        func line(
            _ metric: String, higher: Bool, ceiling: Bool = true, goal: String? = nil, met: ((Line) -> Bool)? = nil,
            _ value: (LoadResult) -> Double
        ) {
            var values: [String: Double] = [:], samples: [String: [Double]] = [:]
            for (kind, runs) in results {
                samples[kind.rawValue] = runs.map(value)
                values[kind.rawValue] = median(runs.map(value))
            }
            var l = Line(
                row: name, metric: metric, values: values, samples: samples,
                anchor: running[anchor] != nil ? anchor.rawValue : nil,
                ceiling: ceiling && results[.nginx] != nil ? "nginx" : nil, higherIsBetter: higher, goal: goal,
                note: notes.isEmpty ? nil : Set(notes).sorted().joined(separator: "; "))
            if let met, l.values["ebauth"] != nil { l.met = met(l) }
            lines.append(l)
        }
        let isAWS = anchor == .moto
        if big {
            line("MiB/s", higher: true, goal: "≥ 0.9× ceiling", met: { ($0.ebauthToCeiling ?? 0) >= 0.9 }) {
                $0.mibPerSecond
            }
            line("server CPU ms/GiB", higher: false, ceiling: true) {
                $0.cpuSeconds * 1000 / (Double($0.bytes) / 1_073_741_824)
            }
            return
        }
        line(
            "req/s", higher: true, goal: isAWS ? "≥ 100× moto" : "≥ 20× docker-registry",
            met: { ($0.ebauthToAnchor ?? 0) >= (isAWS ? 100 : 20) }
        ) { $0.perSecond }
        line("p50 ms", higher: false) { $0.percentile(0.5) * 1000 }
        line("p99 ms", higher: false) { $0.percentile(0.99) * 1000 }
        line(
            "server CPU µs/req", higher: false, goal: isAWS ? "≤ 40 µs" : nil,
            met: isAWS ? { ($0.values["ebauth"] ?? .infinity) <= 40 } : nil
        ) {
            $0.cpuMicrosPerRequest
        }
    }

    func memoryLines(_ memory: [String: [String: Double]], peak: [String: Double]) {
        guard wanted("RSS") else { return }
        func line(_ metric: String, _ values: [String: Double]?, goal: String? = nil, limit: Double? = nil) {
            guard let values else { return }
            var l = Line(
                row: "RSS", metric: metric, values: values, samples: values.mapValues { [$0] },
                anchor: values["moto"] != nil ? "moto" : nil,
                ceiling: nil, higherIsBetter: false, goal: goal)
            if let limit, let e = values["ebauth"] { l.met = e < limit }
            lines.append(l)
        }
        line("idle MiB", memory["idle"], goal: "< 20 MiB", limit: 20)
        line("after storing the big object MiB", memory["stored"], goal: "< 40 MiB", limit: 40)
        line("after load MiB", memory["load"])
        line("peak (VmHWM) MiB", peak.isEmpty ? nil : peak)
    }

    /// Fresh processes: exec → first successful answer, then SIGTERM → exit.
    func lifecycleRows(_ launcher: inout Launcher) throws {
        guard wanted("start-up") || wanted("SIGTERM") else { return }
        let reps = options.smoke ? 1 : max(options.reps, 5)
        var startup: [String: [Double]] = [:], stop: [String: [Double]] = [:]
        say("start-up / SIGTERM:", terminator: "")
        for _ in 0..<reps {
            for kind in TargetKind.allCases where launcher.available(kind) {
                let (target, seconds) = try launcher.start(kind)
                startup[kind.rawValue, default: []].append(seconds * 1000)
                let exit = target.stop()
                stop[kind.rawValue, default: []].append(exit * 1000)
                say(" \(kind.rawValue) \(format(seconds * 1000))/\(format(exit * 1000))", terminator: "")
            }
        }
        say("")
        let anchor = startup["moto"] != nil ? "moto" : nil
        let ceiling = startup["nginx"] != nil ? "nginx" : nil
        var up = Line(
            row: "Start-up (exec → first API answer)", metric: "ms", values: startup.mapValues(median),
            samples: startup,
            anchor: anchor, ceiling: ceiling, higherIsBetter: false, goal: "< 30 ms")
        up.met = (up.values["ebauth"] ?? .infinity) < 30
        var down = Line(
            row: "SIGTERM → exit", metric: "ms", values: stop.mapValues(median), samples: stop,
            anchor: anchor, ceiling: ceiling, higherIsBetter: false, goal: "< 50 ms")
        down.met = (down.values["ebauth"] ?? .infinity) < 50
        lines += [up, down]
    }

    /// `ebauth replay` over the three guide flows, end to end.
    func replayRow(_ ebauth: String) throws {
        guard wanted("replay") else { return }
        let flows = ["ecr-flow", "s3-flow", "ssm-flow-guide-verbatim"]
        let candidates = [options.scenarios ?? "Scenarios"]
        guard
            let scenarios = candidates.first(where: { dir in
                flows.allSatisfy { FileManager.default.fileExists(atPath: "\(dir)/\($0)/scenario.yml") }
            })
        else {
            say("replay: no Scenarios folder with the three guide flows (pass --scenarios), left out")
            return
        }
        let reps = options.smoke ? 1 : options.reps
        var times: [Double] = []
        var note: String?
        say("replay:", terminator: "")
        for _ in 0..<reps {
            let log = FileManager.default.temporaryDirectory.appendingPathComponent(
                "ebauth-bench-replay-\(getpid()).log"
            ).path
            let t0 = now()
            let pid = try spawn([ebauth, "replay"] + flows.map { "\(scenarios)/\($0)" }, log: log)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            let seconds = now() - t0
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(atPath: log)
            if status != 0 { note = "replay exited \(status >> 8): \(output.suffix(400))" }
            times.append(seconds)
            say(" \(format(seconds)) s", terminator: "")
        }
        say("")
        if let note { say("  ! \(note)") }
        var l = Line(
            row: "ebauth replay, the three guide flows", metric: "s", values: ["ebauth": median(times)],
            samples: ["ebauth": times],
            anchor: nil, ceiling: nil, higherIsBetter: false, goal: "< 2 s", note: note)
        l.met = note == nil && median(times) < 2
        lines.append(l)
    }
}
