import Foundation
import Synchronization

/// Finds scenario folders (any folder holding a scenario.yml) under the given paths.
public enum ScenarioDiscovery {
    public static func folders(under paths: [String]) -> [String] {
        var found: [String] = []
        for path in paths {
            let clean = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
            if FileManager.default.fileExists(atPath: clean + "/scenario.yml") {
                found.append(clean)
                continue
            }
            let children = ((try? FileManager.default.contentsOfDirectory(atPath: clean)) ?? []).sorted()
            for child in children where !child.hasPrefix(".") {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: clean + "/" + child, isDirectory: &isDirectory),
                    isDirectory.boolValue
                {
                    found += folders(under: [clean + "/" + child])
                }
            }
        }
        return found
    }
}

/// Runs scenarios N at a time, printing a progress line as each finishes.
public enum Runner {
    /// Every folder with every variant (the matrix), N at a time; results in folder order,
    /// variants in the order given.
    public static func run(
        folders: [String], jobs: Int, variants: [ReplayVariant] = [.standard], tools: ReplayTools = .none,
        progress: @escaping @Sendable (ScenarioResult, Int, Int) -> Void
    ) -> [ScenarioResult] {
        let work = folders.flatMap { folder in variants.map { (folder, $0) } }
        let results = Mutex<[Int: ScenarioResult]>([:])
        let next = Mutex(0)
        let total = work.count
        let group = DispatchGroup()
        for _ in 0..<max(1, min(jobs, total)) {
            group.enter()
            Thread.detachNewThread {
                while true {
                    let index = next.withLock { value -> Int in
                        defer { value += 1 }
                        return value
                    }
                    guard index < total else { break }
                    let result = ScenarioRun.replay(folder: work[index].0, variant: work[index].1, tools: tools)
                    let done = results.withLock { all -> Int in
                        all[index] = result
                        return all.count
                    }
                    progress(result, done, total)
                }
                group.leave()
            }
        }
        group.wait()
        return results.withLock { all in (0..<total).compactMap { all[$0] } }
    }
}

/// JUnit XML and JSON reports.
public enum Reports {
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Each value once, in the order first seen (scenarios and variants in run order).
    static func distinct<Value: Hashable>(_ values: [Value]) -> [Value] {
        var seen: Set<Value> = []
        return values.filter { seen.insert($0).inserted }
    }

    public static func junit(_ results: [ScenarioResult]) -> String {
        let variants = distinct(results.map(\.variant))
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"ebauth replay\">\n"
        for variant in variants {
            xml += suite(
                name: variants.count == 1 && variant == .standard ? "ebauth replay" : "ebauth replay \(variant)",
                results: results.filter { $0.variant == variant })
        }
        if variants.count > 1 { xml += matrix(results, variants: variants) }
        return xml + "</testsuites>\n"
    }

    static func suite(name: String, results: [ScenarioResult]) -> String {
        let failures = results.filter { $0.status == .failed }.count
        let errors = results.filter { $0.status == .error }.count
        let skipped = results.filter { $0.status == .skipped || $0.status == .notApplicable }.count
        let time = results.reduce(0) { $0 + $1.seconds }
        var xml =
            "<testsuite name=\"\(escape(name))\" tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(String(format: "%.3f", time))\">\n"
        for result in results {
            let variant = result.variant == .standard ? "" : " [\(result.variant)]"
            xml +=
                "  <testcase classname=\"\(escape(result.folder))\" name=\"\(escape(result.name + variant))\" time=\"\(String(format: "%.3f", result.seconds))\">\n"
            switch result.status {
            case .passed: break
            case .skipped: xml += "    <skipped message=\"\(escape(result.reason ?? ""))\"/>\n"
            case .notApplicable: xml += "    <skipped message=\"not applicable: \(escape(result.reason ?? ""))\"/>\n"
            case .failed:
                xml +=
                    "    <failure message=\"\(escape(result.reason ?? ""))\">\(escape(result.report?.text ?? ""))</failure>\n"
            case .error: xml += "    <error message=\"\(escape(result.reason ?? ""))\"/>\n"
            }
            if let report = result.report { xml += "    <system-out>\(escape(report.text))</system-out>\n" }
            xml += "  </testcase>\n"
        }
        return xml + "</testsuite>\n"
    }

    /// What a scenario ended with, in a form comparable across variants.
    static func outcome(_ result: ScenarioResult) -> String? {
        guard result.status == .passed || result.status == .failed, let report = result.report else { return nil }
        guard let failure = report.failure else { return "pulled" }
        return "failed at \(failure.step.rawValue) in deployment \(report.deployment)"
    }

    /// One test case per scenario: its outcome under every variant, failing when two variants
    /// that apply disagree (the same world must pull, or fail the same way, whatever pulls).
    static func matrix(_ results: [ScenarioResult], variants: [ReplayVariant]) -> String {
        let folders = distinct(results.map(\.folder))
        var cases = ""
        var failures = 0
        for folder in folders {
            let row = results.filter { $0.folder == folder }
            let cells = variants.map { variant -> String in
                guard let result = row.first(where: { $0.variant == variant }) else { return "\(variant): not run" }
                return "\(variant): \(result.status.rawValue)" + (outcome(result).map { " (\($0))" } ?? "")
            }
            let outcomes = Set(row.compactMap(outcome))
            cases += "  <testcase classname=\"matrix\" name=\"\(escape(row.first?.name ?? folder))\">\n"
            if outcomes.count > 1 {
                failures += 1
                cases +=
                    "    <failure message=\"variants disagree: \(escape(outcomes.sorted().joined(separator: " vs ")))\"/>\n"
            }
            cases += "    <system-out>\(escape(cells.joined(separator: "\n")))</system-out>\n  </testcase>\n"
        }
        return
            "<testsuite name=\"ebauth replay matrix\" tests=\"\(folders.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
            + cases + "</testsuite>\n"
    }

    /// Scenarios whose applicable variants ended differently.
    public static func disagreements(_ results: [ScenarioResult]) -> [String] {
        let folders = distinct(results.map(\.folder))
        return folders.compactMap { folder in
            let row = results.filter { $0.folder == folder }
            let outcomes = Set(row.compactMap(outcome))
            return outcomes.count > 1
                ? "\(row.first?.name ?? folder): \(outcomes.sorted().joined(separator: " vs "))" : nil
        }
    }

    /// The matrix as text: one line per scenario, one column per variant.
    public static func matrixTable(_ results: [ScenarioResult], variants: [ReplayVariant]) -> String {
        let folders = distinct(results.map(\.folder))
        let names = folders.map { ($0 as NSString).lastPathComponent }
        let width = max(8, names.map(\.count).max() ?? 8)
        let columns = variants.map { "\($0.registry.rawValue)/\($0.puller.rawValue)" }
        var lines = [
            "scenario".padding(toLength: width, withPad: " ", startingAt: 0) + "  " + columns.joined(separator: "  ")
        ]
        for (folder, name) in zip(folders, names) {
            var line = name.padding(toLength: width, withPad: " ", startingAt: 0)
            for (variant, column) in zip(variants, columns) {
                let status = results.first { $0.folder == folder && $0.variant == variant }?.status.rawValue ?? "-"
                line += "  " + status.padding(toLength: column.count, withPad: " ", startingAt: 0)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ results: [ScenarioResult]) -> Data {
        let array: [[String: Any]] = results.map { result in
            var object: [String: Any] = [
                "name": result.name, "folder": result.folder, "status": result.status.rawValue,
                "seconds": result.seconds,
                "registry": result.variant.registry.rawValue, "puller": result.variant.puller.rawValue,
            ]
            if let reason = result.reason { object["reason"] = reason }
            if let report = result.report {
                object["pulled"] = report.pulled
                object["setup"] = report.setup
                object["events"] = report.log.events
                object["engineLog"] = report.log.engine
                object["hooksLog"] = report.log.hooks
                if let failure = report.failure {
                    var f: [String: Any] = [
                        "step": failure.step.rawValue, "message": failure.message, "diagnosis": failure.diagnosis,
                    ]
                    if let url = failure.decisionURL { f["decision"] = url }
                    object["failure"] = f
                }
            }
            return object
        }
        return
            (try? JSONSerialization.data(withJSONObject: ["scenarios": array], options: [.prettyPrinted, .sortedKeys]))
            ?? Data()
    }
}
