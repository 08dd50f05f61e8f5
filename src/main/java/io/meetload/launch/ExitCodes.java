package io.meetload.launch;

import java.util.Map;

/** Reads a process's exit code the way a shell does: above 128 means killed by signal (code - 128). */
public final class ExitCodes {

    private static final Map<Integer, String> SIGNALS = Map.of(1, "HUP", 2, "INT", 3, "QUIT", 6, "ABRT",
            9, "KILL", 11, "SEGV", 13, "PIPE", 15, "TERM");

    private ExitCodes() {
    }

    /** The signal's name (KILL, TERM, ...) when the code says one ended the process; otherwise null. */
    public static String signal(Integer exitCode) {
        if (exitCode == null || exitCode <= 128 || exitCode > 128 + 64) {
            return null;
        }
        return SIGNALS.getOrDefault(exitCode - 128, "SIG" + (exitCode - 128));
    }

    /** "exited with code 70", "killed by signal KILL (exit code 137)". */
    public static String describe(int exitCode) {
        String signal = signal(exitCode);
        return signal == null ? "exited with code " + exitCode
                : "killed by signal " + signal + " (exit code " + exitCode + ")";
    }
}
