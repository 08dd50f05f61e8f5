package io.meetload.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The browsers' processes, found through ProcessHandle: chromedriver children of this process
 * (each with its Chromium below it), and any process still running with a given profile folder
 * on its command line (a Chromium orphaned by a chromedriver that died first).
 */
final class ProcessTrees {

    private ProcessTrees() {
    }

    /** PIDs of this process's chromedriver children: the roots of the browsers' trees. */
    static List<Long> browserRoots(Path chromedriver) {
        String name = chromedriver.getFileName().toString();
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().equals(name)).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    /** Processes whose command line names this profile folder (one participant's browser). */
    static List<ProcessHandle> usingProfile(Path profile) {
        String marker = "--user-data-dir=" + profile;
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(marker)).orElse(false))
                .toList();
    }

    /**
     * Ends these processes: TERM, then KILL what is left after {@code grace}. Browsers must never
     * outlive their participant.
     *
     * @return how many were alive
     */
    static int end(List<ProcessHandle> processes, Duration grace) {
        List<ProcessHandle> alive = processes.stream().filter(ProcessHandle::isAlive).toList();
        alive.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(grace);
        for (ProcessHandle p : alive) {
            Duration left = Duration.between(Instant.now(), deadline);
            try {
                if (!left.isNegative()) {
                    p.onExit().get(left.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                }
            } catch (Exception e) {
                // still alive: killed below
            }
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        return alive.size();
    }
}
