import Foundation
import Testing

@testable import HTTPServer

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Start-up code pages")
struct MemoryTuningTests {
    /// Resident kilobytes of the executable's code mapping, from /proc/self/smaps (read line by
    /// line with stdio: under ThreadSanitizer the file has tens of thousands of mappings, and the
    /// executable's comes after the sanitizer's own).
    static func residentCodeKilobytes() throws -> Int {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        guard let smaps = fopen("/proc/self/smaps", "r") else { return 0 }
        defer { fclose(smaps) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        var inCode = false
        while getline(&line, &capacity, smaps) > 0, let line {
            let text = String(cString: line).trimmingCharacters(in: .newlines)
            let fields = text.split(separator: " ", omittingEmptySubsequences: true)
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
