import Delivery
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs `kubectl` calls: standard output is the answer, standard error goes into the error of a failed call, and
/// every manifest sent is also written under `manifestDirectory`, so what Gantry asked of the cluster can be read
/// afterwards.
struct Kubectl: Sendable {
    /// The program, resolved against the repository root when it is a relative path.
    let program: String
    let directory: String
    let manifestDirectory: String
    /// How long one call may take before it is killed.
    let timeout: Duration

    init(program: String, root: String, manifestDirectory: String, timeout: Duration = .seconds(60)) {
        self.program = program.contains("/") && !program.hasPrefix("/") ? root + "/" + program : program
        directory = root
        self.manifestDirectory = manifestDirectory
        self.timeout = timeout
    }

    /// Runs `command` and returns what it printed on standard output; throws when it exits non-zero.
    func run(_ command: KubectlCommand) async throws -> String {
        if let input = command.input { save(input, for: command) }
        let call = KubectlCall(program: program, command: command, directory: directory)
        try call.start()
        let deadline = Task {
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled { call.terminate(timedOut: true) }
        }
        defer { deadline.cancel() }
        let (status, output, errors) = await withTaskCancellationHandler {
            await call.wait()
        } onCancel: {
            call.terminate()
        }
        try Task.checkCancellation()
        if call.timedOut { throw TargetError(message: "\(command) did not finish within \(timeout) and was killed") }
        guard status == 0 else {
            let why = errors.trimmingCharacters(in: .whitespacesAndNewlines)
            throw TargetError(message: "\(command) failed (exit \(status))\(why.isEmpty ? "" : ": " + why)")
        }
        return output
    }

    /// Runs `command` and parses its output as a JSON object.
    func object(_ command: KubectlCommand) async throws -> [String: Any] {
        let output = try await run(command)
        guard let object = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] else {
            throw TargetError(message: "\(command) printed no JSON object: \(output.prefix(200))")
        }
        return object
    }

    /// Keeps a copy of a manifest: `<n>-<verb>-<kind>-<name>.json`, numbered in the order sent.
    private func save(_ manifest: String, for command: KubectlCommand) {
        guard
            (try? FileManager.default.createDirectory(atPath: manifestDirectory, withIntermediateDirectories: true))
                != nil
        else { return }
        let object = try? JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any]
        let kind = (object?["kind"] as? String ?? "object").lowercased()
        let name = (object?["metadata"] as? [String: Any])?["name"] as? String ?? "unnamed"
        let verb = command.arguments.first { ["apply", "replace"].contains($0) } ?? "send"
        let count = (try? FileManager.default.contentsOfDirectory(atPath: manifestDirectory).count) ?? 0
        let number = String(repeating: "0", count: max(0, 4 - String(count + 1).count)) + String(count + 1)
        let file = "\(manifestDirectory)/\(number)-\(verb)-\(kind)-\(name).json"
        _ = FileManager.default.createFile(atPath: file, contents: Data(manifest.utf8))
    }
}

/// One running `kubectl` process with its three pipes.
private final class KubectlCall: @unchecked Sendable {
    private let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private let input: Pipe?
    private let text: String?
    /// Standard error, read on its own thread so a chatty call never blocks on a full pipe.
    private var errorData = Data()

    init(program: String, command: KubectlCommand, directory: String) {
        if program.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = command.arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + command.arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = output
        process.standardError = errors
        text = command.input
        input = command.input == nil ? nil : Pipe()
        process.standardInput = input ?? FileHandle.nullDevice
    }

    func start() throws {
        do {
            try process.run()
        } catch {
            throw TargetError(
                message: "cannot start \(process.arguments?.first ?? "kubectl"): \(error.localizedDescription)")
        }
        if let input, let text {
            let handle = input.fileHandleForWriting
            DispatchQueue.global().async {
                try? handle.write(contentsOf: Data(text.utf8))
                try? handle.close()
            }
        }
    }

    /// Waits for the exit, reading both pipes to their ends meanwhile.
    func wait() async -> (Int32, String, String) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let group = DispatchGroup()
                group.enter()
                DispatchQueue.global().async {
                    self.errorData = self.errors.fileHandleForReading.readDataToEndOfFile()
                    group.leave()
                }
                let outputData = self.output.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                self.process.waitUntilExit()
                continuation.resume(
                    returning: (
                        self.process.terminationStatus, String(decoding: outputData, as: UTF8.self),
                        String(decoding: self.errorData, as: UTF8.self)
                    ))
            }
        }
    }

    /// Whether the call was killed for taking too long.
    private(set) var timedOut = false

    func terminate(timedOut: Bool = false) {
        guard process.isRunning else { return }
        if timedOut { self.timedOut = true }
        kill(process.processIdentifier, SIGKILL)
    }
}
