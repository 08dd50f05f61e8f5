package io.meetload.worker.host;

/**
 * The fields of {@code /proc/PID/stat} the sampler needs.
 *
 * @param comm the command name, which may hold spaces and parentheses
 * @param cpuTicks utime + stime (fields 14 and 15), in clock ticks
 * @param startTicks start time after boot (field 22), in clock ticks; with the pid it tells a
 *        reused pid from the process seen before
 */
public record ProcStat(long pid, String comm, long ppid, long cpuTicks, long startTicks) {

    /**
     * Parses one stat line. The comm is everything between the first '(' and the LAST ')', because
     * a name such as "a) (b" would otherwise shift every field after it.
     */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open || close + 2 > line.length()) {
            throw new IllegalArgumentException("/proc/PID/stat: must read 'PID (COMM) STATE ...', was '" + line.strip() + "'");
        }
        String[] rest = line.substring(close + 2).strip().split(" ");
        if (rest.length < 20) {
            throw new IllegalArgumentException("/proc/PID/stat: must have at least 22 fields, had "
                    + (rest.length + 2) + " in '" + line.strip() + "'");
        }
        // rest[0] is field 3 (state), so field N is rest[N - 3]
        return new ProcStat(KeyedText.parseLong(line.substring(0, open), "/proc/PID/stat pid"),
                line.substring(open + 1, close),
                KeyedText.parseLong(rest[1], "/proc/PID/stat ppid"),
                KeyedText.parseLong(rest[11], "/proc/PID/stat utime") + KeyedText.parseLong(rest[12], "/proc/PID/stat stime"),
                KeyedText.parseLong(rest[19], "/proc/PID/stat starttime"));
    }
}
