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
                if FileManager.default.fileExists(atPath: clean + "/" + child, isDirectory: &isDirectory), isDirectory.boolValue {
                    found += folders(under: [clean + "/" + child])
                }
            }
        }
        return found
    }
}

/// Runs scenarios N at a time, printing a progress line as each finishes.
public enum Runner {
    public static func run(folders: [String], jobs: Int, progress: @escaping @Sendable (ScenarioResult, Int, Int) -> Void) -> [ScenarioResult] {
        let results = Mutex<[Int: ScenarioResult]>([:])
        let next = Mutex(0)
        let total = folders.count
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
                    let result = ScenarioRun.replay(folder: folders[index])
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

    public static func junit(_ results: [ScenarioResult]) -> String {
        let failures = results.filter { $0.status == .failed }.count
        let errors = results.filter { $0.status == .error }.count
        let skipped = results.filter { $0.status == .skipped }.count
        let time = results.reduce(0) { $0 + $1.seconds }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuite name=\"ebauth replay\" tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(String(format: "%.3f", time))\">\n"
        for result in results {
            xml += "  <testcase classname=\"\(escape(result.folder))\" name=\"\(escape(result.name))\" time=\"\(String(format: "%.3f", result.seconds))\">\n"
            switch result.status {
            case .passed: break
            case .skipped: xml += "    <skipped message=\"\(escape(result.reason ?? ""))\"/>\n"
            case .failed: xml += "    <failure message=\"\(escape(result.reason ?? ""))\">\(escape(result.report?.text ?? ""))</failure>\n"
            case .error: xml += "    <error message=\"\(escape(result.reason ?? ""))\"/>\n"
            }
            if let report = result.report { xml += "    <system-out>\(escape(report.text))</system-out>\n" }
            xml += "  </testcase>\n"
        }
        return xml + "</testsuite>\n"
    }

    public static func json(_ results: [ScenarioResult]) -> Data {
        let array: [[String: Any]] = results.map { result in
            var object: [String: Any] = [
                "name": result.name, "folder": result.folder, "status": result.status.rawValue, "seconds": result.seconds,
            ]
            if let reason = result.reason { object["reason"] = reason }
            if let report = result.report {
                object["pulled"] = report.pulled
                object["events"] = report.log.events
                object["engineLog"] = report.log.engine
                object["hooksLog"] = report.log.hooks
                if let failure = report.failure {
                    var f: [String: Any] = ["step": failure.step.rawValue, "message": failure.message, "diagnosis": failure.diagnosis]
                    if let url = failure.decisionURL { f["decision"] = url }
                    object["failure"] = f
                }
            }
            return object
        }
        return (try? JSONSerialization.data(withJSONObject: ["scenarios": array], options: [.prettyPrinted, .sortedKeys])) ?? Data()
    }
}
