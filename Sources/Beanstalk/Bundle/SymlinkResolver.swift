/// Decides whether a symbolic link inside a bundle stays inside it, by resolving it the way the
/// kernel would — following every link it passes through — but over the bundle's own entry
/// list, before anything exists on disk.
///
/// A purely lexical check is not enough: with `s -> .` and `a -> s/..`, `a` looks like `.` but
/// the kernel resolves `s` first and `..` then leaves the bundle.
struct SymlinkResolver {
    /// Relative path of each link → its target as stored.
    let links: [String: String]
    /// Linux gives up after 40 links (ELOOP); so do we.
    static let maxHops = 40

    enum Outcome: Equatable {
        case inside
        case escapes
        case loop
    }

    func check(link path: String) -> Outcome {
        guard let target = links[path] else { return .inside }
        if target.hasPrefix("/") { return .escapes }
        var stack = BundlePath.parent(of: path).split(separator: "/").map(String.init)
        var pending = ArraySlice(target.split(separator: "/", omittingEmptySubsequences: true).map(String.init))
        var hops = 1
        while let part = pending.first {
            pending = pending.dropFirst()
            if part == "." { continue }
            if part == ".." {
                if stack.isEmpty { return .escapes }
                stack.removeLast()
                continue
            }
            stack.append(part)
            if let next = links[stack.joined(separator: "/")] {
                hops += 1
                if hops > Self.maxHops { return .loop }
                if next.hasPrefix("/") { return .escapes }
                stack.removeLast()
                pending =
                    ArraySlice(next.split(separator: "/", omittingEmptySubsequences: true).map(String.init)) + pending
            }
        }
        return .inside
    }
}
