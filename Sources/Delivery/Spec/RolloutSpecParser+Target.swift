import Diagnostics
import Workflows

extension RolloutSpecParser {
    static let localKeys = ["command", "workingDirectory", "env", "replicas", "readiness", "restart", "drain"]
    static let localPlaceholders: [Placeholder] = [.version, .port, .replica, .service, .environment]
    static let readinessKeys = ["path", "interval", "timeout", "failureThreshold", "startTimeout"]
    static let scriptKeys = ScriptTargetConfig.hookNames + ["workingDirectory", "env", "timeout", "replicas"]
    static let scriptPlaceholders: [Placeholder] = [
        .version, .role, .group, .replicas, .weight, .service, .environment,
    ]
    static let kubernetesKeys = [
        "context", "namespace", "deployment", "container", "image", "traffic", "replicas", "readyTimeout", "kubectl",
    ]

    static func parseTarget(_ entry: YAMLEntry, context: inout SpecParseContext) -> TargetConfig? {
        switch entry.key.text {
        case "local": parseLocal(entry.value, context: &context).map(TargetConfig.local)
        case "script": parseScript(entry.value, context: &context).map(TargetConfig.script)
        default: parseKubernetes(entry.value, context: &context).map(TargetConfig.kubernetes)
        }
    }

    static func parseLocal(_ value: YAMLValue, context: inout SpecParseContext) -> LocalTargetConfig? {
        guard context.mapping(value, "the \"local\" target", allowed: localKeys) != nil else { return nil }
        var scalars: [YAMLScalar] = []
        var command: [String] = []
        if let commandValue = context.required(value, "command", in: "the \"local\" target") {
            if let items = commandValue.items, !items.isEmpty {
                let parts = items.compactMap { context.scalar($0, "each item of \"command\"") }
                scalars += parts
                command = parts.map(\.text)
                if command.first?.isEmpty == true {
                    context.error(commandValue.location, "the program in \"command\" must not be empty", rule: "target")
                }
            } else if let scalar = commandValue.scalar {
                let words = scalar.text.split(separator: " ").map { "\"\($0)\"" }.joined(separator: ", ")
                context.error(
                    scalar.location,
                    "\"command\" must be a sequence of arguments, such as [\(words)]; it is not run by a shell",
                    rule: "target")
            } else {
                context.error(commandValue.location, "\"command\" must be a non-empty sequence of arguments")
            }
        }
        var config = LocalTargetConfig(command: command)
        if let directory = value["workingDirectory"], let scalar = context.scalar(directory, "\"workingDirectory\"") {
            config.workingDirectory = scalar.text
            scalars.append(scalar)
        }
        if let env = value["env"], context.mapping(env, "\"env\"") != nil {
            config.environment = context.stringMapping(env, "\"env\"")
            scalars += env.entries?.compactMap(\.value.scalar) ?? []
        }
        if let replicas = value["replicas"] {
            config.replicas = context.integer(replicas, "\"replicas\"", in: 1...1000) ?? 1
        }
        if let readiness = value["readiness"] { config.readiness = parseReadiness(readiness, context: &context) }
        if let restart = value["restart"],
            context.mapping(restart, "\"restart\"", allowed: ["backoff", "maxBackoff"]) != nil
        {
            if let backoff = restart["backoff"] {
                config.restart.backoff =
                    context.duration(backoff, "\"backoff\"", minimum: .milliseconds(10)) ?? config.restart.backoff
            }
            if let maximum = restart["maxBackoff"] {
                config.restart.maxBackoff =
                    context.duration(maximum, "\"maxBackoff\"", minimum: .milliseconds(10)) ?? config.restart.maxBackoff
            }
        }
        if let drain = value["drain"], context.mapping(drain, "\"drain\"", allowed: ["grace"]) != nil,
            let grace = drain["grace"]
        {
            config.drain.grace = context.duration(grace, "\"grace\"", maximum: .seconds(3600)) ?? config.drain.grace
        }
        for scalar in scalars { checkPlaceholders(scalar, allowed: localPlaceholders, context: &context) }
        if !command.isEmpty {
            let texts = command + Array(config.environment.values)
            if !texts.contains(where: { $0.contains("${PORT}") }) {
                context.error(
                    value["command"]!.location,
                    "no argument or env value uses \"${PORT}\", so replicas cannot listen on their own ports",
                    rule: "target")
            }
            if !(texts + [config.workingDirectory ?? ""]).contains(where: { $0.contains("${VERSION}") }) {
                context.warning(
                    value["command"]!.location,
                    "nothing in \"command\", \"workingDirectory\" or \"env\" uses \"${VERSION}\", so every version "
                        + "runs the same program",
                    rule: "target")
            }
        }
        return config
    }

    static func parseReadiness(_ value: YAMLValue, context: inout SpecParseContext) -> ReadinessProbe {
        var probe = ReadinessProbe()
        guard context.mapping(value, "\"readiness\"", allowed: readinessKeys) != nil else { return probe }
        if let path = value["path"], let scalar = context.scalar(path, "\"path\"") {
            if scalar.text.hasPrefix("/") {
                probe.path = scalar.text
            } else {
                context.error(
                    scalar.location, "the readiness \"path\" must start with \"/\", but it is \"\(scalar.text)\"",
                    rule: "target")
            }
        }
        if let interval = value["interval"] {
            probe.interval = context.duration(interval, "\"interval\"", minimum: .milliseconds(100)) ?? probe.interval
        }
        if let timeout = value["timeout"] {
            probe.timeout = context.duration(timeout, "\"timeout\"", minimum: .milliseconds(10)) ?? probe.timeout
        }
        if let threshold = value["failureThreshold"] {
            probe.failureThreshold =
                context.integer(threshold, "\"failureThreshold\"", in: 1...100) ?? probe.failureThreshold
        }
        if let start = value["startTimeout"] {
            probe.startTimeout = context.duration(start, "\"startTimeout\"", minimum: .seconds(1)) ?? probe.startTimeout
        }
        return probe
    }

    static func parseScript(_ value: YAMLValue, context: inout SpecParseContext) -> ScriptTargetConfig? {
        guard context.mapping(value, "the \"script\" target", allowed: scriptKeys) != nil else { return nil }
        var hooks: [String: ScriptTargetConfig.Hook] = [:]
        for name in ScriptTargetConfig.hookNames {
            guard let hookValue = value[name] else { continue }
            hooks[name] = parseHook(hookValue, name, context: &context)
        }
        for name in ["deploy", "setWeight"] where value[name] == nil {
            let why = name == "deploy" ? "it starts the replicas" : "script targets route their own traffic"
            context.error(
                value.location, "the \"script\" target has no \"\(name)\" hook; it is required because \(why)",
                rule: "target")
        }
        guard let deploy = hooks["deploy"], let setWeight = hooks["setWeight"] else { return nil }
        var config = ScriptTargetConfig(
            deploy: deploy, setWeight: setWeight, scale: hooks["scale"], promote: hooks["promote"],
            rollback: hooks["rollback"], stop: hooks["stop"], health: hooks["health"])
        if let directory = value["workingDirectory"] {
            config.workingDirectory = context.string(directory, "\"workingDirectory\"")
        }
        if let env = value["env"] { config.environment = context.stringMapping(env, "\"env\"") }
        if let timeout = value["timeout"] {
            config.timeout = context.duration(timeout, "\"timeout\"", minimum: .seconds(1)) ?? config.timeout
        }
        if let replicas = value["replicas"] {
            config.replicas = context.integer(replicas, "\"replicas\"", in: 1...1000) ?? 1
        }
        return config
    }

    static func parseHook(_ value: YAMLValue, _ name: String, context: inout SpecParseContext) -> ScriptTargetConfig
        .Hook?
    {
        if let scalar = value.scalar, !scalar.text.isEmpty {
            checkPlaceholders(scalar, allowed: scriptPlaceholders, context: &context)
            return .shell(scalar.text)
        }
        if let items = value.items, !items.isEmpty {
            let parts = items.compactMap { context.scalar($0, "each item of \"\(name)\"") }
            for part in parts { checkPlaceholders(part, allowed: scriptPlaceholders, context: &context) }
            return .arguments(parts.map(\.text))
        }
        context.error(
            value.location, "the \"\(name)\" hook must be a command string or a non-empty sequence of arguments",
            rule: "target")
        return nil
    }

    static func parseKubernetes(_ value: YAMLValue, context: inout SpecParseContext) -> KubernetesTargetConfig? {
        let what = "the \"kubernetes\" target"
        guard context.mapping(value, what, allowed: kubernetesKeys) != nil else { return nil }
        let deployment = context.required(value, "deployment", in: what).flatMap {
            context.string($0, "\"deployment\"")
        }
        var image: String?
        if let imageValue = context.required(value, "image", in: what),
            let scalar = context.scalar(imageValue, "\"image\"")
        {
            checkPlaceholders(scalar, allowed: [.version], context: &context)
            if scalar.text.contains("${VERSION}") {
                image = scalar.text
            } else {
                context.error(
                    scalar.location,
                    "\"image\" must contain \"${VERSION}\", such as \"registry.example.com/web:${VERSION}\"",
                    rule: "target")
            }
        }
        let traffic = context.required(value, "traffic", in: what).flatMap { parseTraffic($0, context: &context) }
        guard let deployment, let image, let traffic else { return nil }
        var config = KubernetesTargetConfig(deployment: deployment, image: image, traffic: traffic)
        if let kubeContext = value["context"] { config.context = context.string(kubeContext, "\"context\"") }
        if let namespace = value["namespace"] {
            config.namespace = context.string(namespace, "\"namespace\"") ?? "default"
        }
        if let container = value["container"] { config.container = context.string(container, "\"container\"") }
        if let replicas = value["replicas"] {
            config.replicas = context.integer(replicas, "\"replicas\"", in: 1...10_000) ?? 1
        }
        if let timeout = value["readyTimeout"] {
            config.readyTimeout =
                context.duration(timeout, "\"readyTimeout\"", minimum: .seconds(1)) ?? config.readyTimeout
        }
        if let kubectl = value["kubectl"] { config.kubectl = context.string(kubectl, "\"kubectl\"") ?? "kubectl" }
        return config
    }

    static func parseTraffic(_ value: YAMLValue, context: inout SpecParseContext) -> KubernetesTargetConfig.Traffic? {
        guard let entry = context.oneOf(value, ["service", "istio"], in: "\"traffic\"") else { return nil }
        if entry.key.text == "service" {
            return context.string(entry.value, "\"service\"").map { .service(name: $0) }
        }
        guard context.mapping(entry.value, "\"istio\"", allowed: ["virtualService", "route"]) != nil,
            let name = context.required(entry.value, "virtualService", in: "\"istio\"").flatMap({
                context.string($0, "\"virtualService\"")
            })
        else { return nil }
        return .istio(virtualService: name, route: entry.value["route"].flatMap { context.string($0, "\"route\"") })
    }
}
