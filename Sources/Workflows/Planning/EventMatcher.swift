/// What the repository looks like to the event: the ref being built and the files the change touches.
public struct EventState: Sendable {
    public var event: String
    /// `refs/heads/main` or `refs/tags/v1`.
    public var ref: String
    /// Files changed by the push, relative to the repository root; nil when unknown (then path filters pass).
    public var changedFiles: [String]?

    public init(event: String, ref: String, changedFiles: [String]?) {
        self.event = event
        self.ref = ref
        self.changedFiles = changedFiles
    }
}

/// Decides whether a workflow's `on:` selects an event, with GitHub's branch, tag and path filter rules.
public enum EventMatcher {
    public static func matches(_ workflow: Workflow, _ state: EventState) -> Bool {
        guard let trigger = workflow.trigger(for: state.event) else { return false }
        return matches(trigger, state)
    }

    public static func matches(_ trigger: Trigger, _ state: EventState) -> Bool {
        let branch = state.ref.hasPrefix("refs/heads/") ? String(state.ref.dropFirst("refs/heads/".count)) : nil
        let tag = state.ref.hasPrefix("refs/tags/") ? String(state.ref.dropFirst("refs/tags/".count)) : nil
        let hasRefFilter = trigger.branches != nil || trigger.branchesIgnore != nil || trigger.tags != nil || trigger.tagsIgnore != nil
        if hasRefFilter {
            var refMatches = false
            if let branch {
                if let branches = trigger.branches { refMatches = PatternList(branches).matches(branch) }
                else if let ignored = trigger.branchesIgnore { refMatches = !PatternList(ignored).matches(branch) }
                else { refMatches = trigger.tags == nil && trigger.tagsIgnore == nil }
            } else if let tag {
                if let tags = trigger.tags { refMatches = PatternList(tags).matches(tag) }
                else if let ignored = trigger.tagsIgnore { refMatches = !PatternList(ignored).matches(tag) }
                else { refMatches = trigger.branches == nil && trigger.branchesIgnore == nil }
            }
            // Pull request filters apply to the base branch; locally we only know the current one, so they pass.
            if !refMatches && !state.event.hasPrefix("pull_request") { return false }
        }
        if let files = state.changedFiles, tag == nil {
            if let paths = trigger.paths {
                let list = PatternList(paths)
                if !files.contains(where: list.matches) { return false }
            } else if let ignored = trigger.pathsIgnore {
                let list = PatternList(ignored)
                if files.allSatisfy(list.matches) && !files.isEmpty { return false }
            }
        }
        return true
    }
}
