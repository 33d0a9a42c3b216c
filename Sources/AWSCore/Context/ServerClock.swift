import Foundation
import Synchronization

/// The one clock every time-based rule of the server reads: token and credential lifetimes,
/// restores, lifecycle, parameter expirations, scans. Tests move it through `/_ebauth/clock`
/// (moto's time endpoint is the model) instead of sleeping. Signature skew and presigned-URL
/// expiry do not read it: clients sign with the real time.
public final class ServerClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)
    private let observers = Mutex<[@Sendable (Date) -> Void]>([])

    public init() {}

    public func now() -> Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    /// Seconds the clock runs ahead of the real time (never behind: time-based rules assume
    /// time only moves forward).
    public var offsetSeconds: TimeInterval { offset.withLock { $0 } }

    /// The clock as services take it.
    public var awsClock: AWSClock { AWSClock(now: { [self] in now() }) }

    /// Moves the clock forward; `seconds` must not be negative.
    public func advance(by seconds: TimeInterval) throws(ServerClockError) {
        guard seconds.isFinite, seconds >= 0 else { throw .backwards }
        offset.withLock { $0 += seconds }
        moved()
    }

    /// Sets the clock to `date`, which must not be earlier than the clock's current time.
    public func set(to date: Date) throws(ServerClockError) {
        let target = date.timeIntervalSince(Date())
        let accepted = offset.withLock { current -> Bool in
            guard target >= current else { return false }
            current = target
            return true
        }
        guard accepted else { throw .backwards }
        moved()
    }

    /// Back to the real time (the reset endpoint does this too).
    public func reset() {
        offset.withLock { $0 = 0 }
        moved()
    }

    /// Runs `observer` after every move, so services whose rules fire at a time (expirations,
    /// lifecycle) can apply them at once rather than on the next request.
    public func whenMoved(_ observer: @escaping @Sendable (Date) -> Void) {
        observers.withLock { $0.append(observer) }
    }

    private func moved() {
        let now = now()
        for observer in observers.withLock({ $0 }) { observer(now) }
    }
}

public enum ServerClockError: Error, Equatable, CustomStringConvertible {
    case backwards

    public var description: String { "the server's clock only moves forward" }
}
