import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// ebauth-bench: ebauth side by side with moto_server, docker-registry and nginx (the ceiling).
// Usage: ebauth-bench [--smoke] [--reps N] [--seconds S] [--big-mib N] [--json FILE]
//                     [--ebauth BIN] [--scenarios DIR] [--only TEXT]

signal(SIGPIPE, SIG_IGN)

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
do {
    try Bench(options: options).run()
} catch {
    FileHandle.standardError.write(Data("ebauth-bench: \(error)\n".utf8))
    exit(1)
}

struct Options {
    var smoke = false
    var reps = 3
    var seconds = 2.0
    var bigMiB = 256
    var manifestGets = 1000
    var json = "ebauth-bench.json"
    var ebauth: String?
    var scenarios: String?
    var only: String?

    static func parse(_ args: [String]) -> Options {
        var o = Options()
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { fail("\(args[i - 1]) needs a value") }
            return args[i]
        }
        var repsGiven = false, secondsGiven = false, bigGiven = false, manifestsGiven = false
        while i < args.count {
            switch args[i] {
            case "--smoke": o.smoke = true
            case "--reps": o.reps = number(value(), "--reps"); repsGiven = true
            case "--seconds": o.seconds = positiveSeconds(value()); secondsGiven = true
            case "--big-mib": o.bigMiB = number(value(), "--big-mib"); bigGiven = true
            case "--manifest-gets": o.manifestGets = number(value(), "--manifest-gets"); manifestsGiven = true
            case "--json": o.json = value()
            case "--ebauth": o.ebauth = value()
            case "--scenarios": o.scenarios = value()
            case "--only": o.only = value()
            case "-h", "--help":
                print(
                    """
                    usage: ebauth-bench [--smoke] [--reps N] [--seconds S] [--big-mib N] [--manifest-gets N]
                                        [--json FILE] [--ebauth BIN] [--scenarios DIR] [--only TEXT]
                    Targets found on PATH: moto_server, docker-registry, nginx; a missing one is left out.
                    --smoke runs every row with tiny counts (seconds); figures are not checked.
                    """)
                exit(0)
            default: fail("unknown argument \(args[i])")
            }
            i += 1
        }
        if o.smoke {
            if !repsGiven { o.reps = 1 }
            if !secondsGiven { o.seconds = 0.1 }
            if !bigGiven { o.bigMiB = 4 }
            if !manifestsGiven { o.manifestGets = 20 }
        }
        return o
    }
}

func number(_ text: String, _ option: String) -> Int {
    guard let n = Int(text), n > 0 else { fail("\(option): a positive number") }
    return n
}

func positiveSeconds(_ text: String) -> Double {
    guard let s = Double(text), s > 0 else { fail("--seconds: a positive number") }
    return s
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ebauth-bench: \(message)\n".utf8))
    exit(2)
}
