#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// The CPU time the calling thread has used: it does not advance while the thread waits for a core,
/// so that a figure taken with it shows the work done, not the machine's other load.
enum ThreadClock {
    /// The thread's CPU time so far, in nanoseconds.
    static func nanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
