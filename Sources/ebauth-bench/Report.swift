import Foundation

/// One line of the table: a metric of a row for each target, medians of the repetitions.
struct Line: Codable {
    var row: String
    var metric: String
    var values: [String: Double]  // target → median
    var samples: [String: [Double]]  // target → per repetition
    var anchor: String?
    var ceiling: String?
    var higherIsBetter: Bool
    var goal: String?
    var met: Bool?
    var note: String?

    var ebauthToAnchor: Double? {
        guard let anchor, let a = values[anchor], let e = values["ebauth"], a > 0 else { return nil }
        return higherIsBetter ? e / a : a / e
    }
    var ebauthToCeiling: Double? {
        guard let ceiling, let c = values[ceiling], let e = values["ebauth"], c > 0 else { return nil }
        return higherIsBetter ? e / c : c / e
    }
}

func format(_ v: Double?) -> String {
    guard let v, !v.isNaN, v.isFinite else { return "—" }
    if v >= 10_000 { return String(format: "%.0f", v) }
    if v >= 100 { return String(format: "%.0f", v) }
    if v >= 10 { return String(format: "%.1f", v) }
    if v >= 1 { return String(format: "%.2f", v) }
    return String(format: "%.3f", v)
}

func ratio(_ v: Double?) -> String {
    guard let v, !v.isNaN, v.isFinite else { return "—" }
    return v >= 10 ? String(format: "%.0f×", v) : String(format: "%.2f×", v)
}

func table(_ lines: [Line]) -> String {
    var out = "| Row | Metric | ebauth | anchor | ceiling (nginx) | ebauth vs anchor | ebauth vs ceiling | Target |\n"
    out += "|---|---|---:|---:|---:|---:|---:|---|\n"
    var lastRow = ""
    for line in lines {
        let anchorText = line.anchor.map { "\(format(line.values[$0])) (\($0))" } ?? "—"
        let goal = line.goal.map { g in g + (line.met.map { $0 ? " ✓" : " ✗" } ?? "") } ?? ""
        out +=
            "| \(line.row == lastRow ? "" : line.row) | \(line.metric) | \(format(line.values["ebauth"])) | \(anchorText) | \(line.ceiling.map { format(line.values[$0]) } ?? "—") | \(ratio(line.ebauthToAnchor)) | \(ratio(line.ebauthToCeiling)) | \(goal) |\n"
        lastRow = line.row
    }
    return out
}

/// Unbuffered output, so progress shows in CI logs as it happens.
func say(_ text: String = "", terminator: String = "\n") {
    try? FileHandle.standardOutput.write(contentsOf: Data((text + terminator).utf8))
}
