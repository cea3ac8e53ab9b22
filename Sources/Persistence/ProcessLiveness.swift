#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tells whether the process that owns a run is still there.
public enum ProcessLiveness {
    /// Whether process `pid` exists.
    ///
    /// A pid of 0 or less names no single process and counts as gone. Otherwise the process is gone
    /// only when `kill(pid, 0)` fails with `ESRCH`: `EPERM` means it exists but belongs to someone else.
    public static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        if kill(pid, 0) == 0 { return true }
        return errno != ESRCH
    }
}
