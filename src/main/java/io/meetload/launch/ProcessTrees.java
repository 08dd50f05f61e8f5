package io.meetload.launch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Ends process trees so that nothing is left: SIGTERM to each root, SIGTERM to the descendants a
 * root leaves behind when it exits, SIGKILL to whatever is alive after the grace.
 * <p>
 * Only the roots get SIGTERM first: a worker stops its own browsers and reports them as having
 * left, whereas a browser killed under it would be reported as crashed. Descendants are gathered
 * before and during the wait, because once their parent is gone they are re-parented and can no
 * longer be found from it. A {@link ProcessHandle} carries the process's start time, so a pid
 * reused meanwhile is never signalled.
 */
public final class ProcessTrees {

    private static final long POLL_MILLIS = 100;

    private ProcessTrees() {
    }

    /** Returns the processes still alive after it is done (empty when all are gone). */
    public static List<ProcessHandle> end(List<ProcessHandle> roots, Duration grace, Clock clock) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        Set<ProcessHandle> orphansTermed = new LinkedHashSet<>();
        for (ProcessHandle root : roots) {
            tree.add(root);
            root.descendants().forEach(tree::add);
        }
        roots.forEach(ProcessHandle::destroy);
        Instant until = clock.instant().plus(grace);
        while (clock.instant().isBefore(until) && !Thread.currentThread().isInterrupted()
                && tree.stream().anyMatch(ProcessHandle::isAlive)) {
            for (ProcessHandle root : roots) {
                if (root.isAlive()) {
                    root.descendants().forEach(tree::add);
                }
            }
            if (roots.stream().noneMatch(ProcessHandle::isAlive)) {
                for (ProcessHandle left : tree) {
                    if (left.isAlive() && orphansTermed.add(left)) {
                        left.descendants().forEach(tree::add);
                        left.destroy();
                    }
                }
            }
            pause(POLL_MILLIS);
        }
        for (ProcessHandle left : List.copyOf(tree)) {
            if (left.isAlive()) {
                left.descendants().forEach(tree::add);
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported below as still alive
            }
        }
        return tree.stream().filter(ProcessHandle::isAlive).collect(Collectors.toList());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
