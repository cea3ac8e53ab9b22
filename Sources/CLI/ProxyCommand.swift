import ArgumentParser
import Dispatch
import Proxy

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `gantry proxy`: the traffic-splitting proxy on its own, for users who want only the splitter and for benchmarks.
struct ProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Run the traffic-splitting HTTP proxy on its own.",
        discussion: """
            Splits requests between versions of a service by weight (exact to 0.1% over every 1000 requests), \
            header or cookie routes, and a sticky cookie; balances across each version's replicas. Stops \
            gracefully on SIGINT or SIGTERM. Example:
              gantry proxy --listen 127.0.0.1:18080 --backend stable=127.0.0.1:18081 \
            --backend canary=127.0.0.1:18082 --weight canary=10 --admin 127.0.0.1:18090
            """
    )

    @Option(help: "The address to listen on, HOST:PORT.")
    var listen: String

    @Option(name: .customLong("backend"), help: "A version and its replicas, NAME=HOST:PORT[,HOST:PORT...]; repeat.")
    var backends: [String]

    @Option(
        name: .customLong("weight"),
        help: "A version's share in percent, NAME=PERCENT (one decimal at most); repeat. Others share the rest."
    )
    var weights: [String] = []

    @Option(
        name: .customLong("route"),
        help: "Send matching requests to a version: header:NAME=VALUE=VERSION or cookie:NAME=VALUE=VERSION; repeat.")
    var routes: [String] = []

    @Option(help: "A cookie that keeps each client on the version it was first sent to (for example gantry-version).")
    var stickyCookie: String?

    @Option(help: "The address of the admin endpoint serving /metrics and /healthz, HOST:PORT.")
    var admin: String?

    @Option(help: "I/O threads (default: one per CPU core).")
    var threads: Int?

    func run() async throws {
        let proxy = try TrafficProxy(configuration: try makeConfiguration())
        let port = try await proxy.start()
        let endpoint = Endpoint(host: Endpoint(listen)?.host ?? listen, port: port)
        let split = proxy.weights.sorted { $0.key < $1.key }.map { "\($0.key)=\(Double($0.value) / 10)%" }
        print("gantry proxy: listening on \(endpoint), weights \(split.joined(separator: " "))")
        if let adminPort = proxy.adminPort, let admin = Endpoint(admin ?? "") {
            print("gantry proxy: metrics on http://\(Endpoint(host: admin.host, port: adminPort))/metrics")
        }
        fflush(nil)
        await Self.waitForTerminationSignal()
        print("gantry proxy: stopping, letting requests in flight finish")
        await proxy.shutdown()
    }

    private func makeConfiguration() throws -> ProxyConfiguration {
        guard let listenEndpoint = Endpoint(listen) else {
            throw ValidationError("--listen must be HOST:PORT, such as 127.0.0.1:18080; found \"\(listen)\"")
        }
        let groups = try backends.map { text in
            guard let group = BackendGroup(parsing: text) else {
                throw ValidationError("--backend must be NAME=HOST:PORT[,HOST:PORT...]; found \"\(text)\"")
            }
            return group
        }
        var permille: [String: Int] = [:]
        for text in weights {
            guard let (group, value) = ProxyConfiguration.parseWeight(text) else {
                throw ValidationError(
                    "--weight must be NAME=PERCENT with at most one decimal, such as canary=10; found \"\(text)\"")
            }
            permille[group] = value
        }
        let parsedRoutes = try routes.map { text in
            guard let route = Route(parsing: text) else {
                throw ValidationError(
                    "--route must be header:NAME=VALUE=VERSION or cookie:NAME=VALUE=VERSION; found \"\(text)\"")
            }
            return route
        }
        var adminEndpoint: Endpoint?
        if let admin {
            guard let endpoint = Endpoint(admin) else {
                throw ValidationError("--admin must be HOST:PORT, such as 127.0.0.1:18090; found \"\(admin)\"")
            }
            adminEndpoint = endpoint
        }
        var configuration = ProxyConfiguration(
            listen: listenEndpoint, backends: groups, weights: permille, routes: parsedRoutes,
            stickyCookie: stickyCookie, admin: adminEndpoint
        )
        configuration.threads = threads
        return configuration
    }

    /// Returns when the process receives SIGINT or SIGTERM.
    private static func waitForTerminationSignal() async {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        for await _ in stream { break }
        for source in sources { source.cancel() }
    }
}
