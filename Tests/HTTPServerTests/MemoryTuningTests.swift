import Foundation
import Testing

@testable import HTTPServer

@Suite("Start-up code pages")
struct MemoryTuningTests {
    /// Resident kilobytes of the executable's code mapping, from /proc/self/smaps.
    static func residentCodeKilobytes() throws -> Int {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let smaps = try String(contentsOfFile: "/proc/self/smaps", encoding: .utf8)
        var inCode = false
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let first = fields.first, first.contains("-"), fields.count >= 2, first.first?.isHexDigit == true {
                inCode = fields[1] == "r-xp" && fields.last.map(String.init) == executable
            } else if inCode, fields.first == "Rss:", fields.count >= 2, let kilobytes = Int(fields[1]) {
                return kilobytes
            }
        }
        return 0
    }

    @Test("releasing start-up code unmaps the executable's resident code pages and the process runs on")
    func releaseLowersResidentCode() throws {
        let before = try Self.residentCodeKilobytes()
        try #require(before > 0)
        let released = MemoryTuning.releaseStartUpCode()
        #expect(released > 0)
        // Code runs again right away (pages come back from the page cache on use).
        let after = try Self.residentCodeKilobytes()
        #expect(after < before)
        #expect(HTTPHeadParser.isTokenByte(UInt8(ascii: "a")))
    }
}
