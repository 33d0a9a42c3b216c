import Foundation

/// What a deployment leaves behind: eb-engine.log lines, eb-hooks.log output and the
/// environment events the console shows.
public struct EngineLog: Sendable {
    public var engine: [String] = []
    public var hooks: [String] = []
    public var events: [String] = []

    static func timestamp(_ date: Date = Date()) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        let micros = Int((date.timeIntervalSince1970 - Double(time)) * 1_000_000)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(Int(parts.tm_year) + 1900, 4))/\(pad(Int(parts.tm_mon) + 1, 2))/\(pad(Int(parts.tm_mday), 2)) "
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(micros, 6))"
    }

    mutating func info(_ text: String) { engine.append("\(Self.timestamp()) [INFO] \(text)") }
    mutating func warn(_ text: String) { engine.append("\(Self.timestamp()) [WARN] \(text)") }
    mutating func error(_ text: String) { engine.append("\(Self.timestamp()) [ERROR] \(text)") }
    mutating func hookOutput(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            hooks.append("\(Self.timestamp()) [INFO] \(line)")
        }
    }
    mutating func event(_ text: String) { events.append(text) }
}
