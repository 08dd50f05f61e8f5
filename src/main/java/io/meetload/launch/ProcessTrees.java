package io.meetload.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    private static final long POLL_MILLIS = 50;
    /** SIGKILL cannot be refused: this only covers the kernel's time to tear a process down. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private ProcessTrees() {
    }

    /** Returns the processes still alive after it is done (empty when all are gone). */
    public static List<ProcessHandle> end(List<ProcessHandle> roots, Duration grace, Clock clock) {
        Set<ProcessHandle> tree = new LinkedHashSet<>(roots);
        Set<ProcessHandle> orphansTermed = new LinkedHashSet<>();
        tree.addAll(descendants(roots));
        roots.forEach(ProcessHandle::destroy);
        Instant until = clock.instant().plus(grace);
        while (clock.instant().isBefore(until) && !Thread.currentThread().isInterrupted()
                && tree.stream().anyMatch(ProcessTrees::running)) {
            List<ProcessHandle> rootsAlive = roots.stream().filter(ProcessTrees::running).toList();
            tree.addAll(descendants(rootsAlive));
            if (rootsAlive.isEmpty()) {
                List<ProcessHandle> fresh = new ArrayList<>();
                for (ProcessHandle left : tree) {
                    if (running(left) && !orphansTermed.contains(left)) {
                        fresh.add(left);
                    }
                }
                orphansTermed.addAll(fresh);
                tree.addAll(descendants(fresh));
                fresh.forEach(ProcessHandle::destroy);
            }
            pause(POLL_MILLIS);
        }
        tree.addAll(descendants(tree.stream().filter(ProcessTrees::running).toList()));
        tree.stream().filter(ProcessTrees::running).forEach(ProcessHandle::destroyForcibly);
        Instant killDeadline = clock.instant().plus(KILL_WAIT);
        while (clock.instant().isBefore(killDeadline) && tree.stream().anyMatch(ProcessTrees::running)) {
            pause(POLL_MILLIS);
        }
        return tree.stream().filter(ProcessTrees::running).collect(Collectors.toList());
    }

    /**
     * Every descendant of any of {@code parents}, from one pass over the process table.
     * {@link ProcessHandle#descendants()} reads the whole table for each parent it is asked
     * about: with a thousand instances that was a million reads of /proc per stop, minutes before
     * the verdict. Like it, a process that started before the parent it names is not taken for
     * its child (the parent's pid was reused).
     */
    public static Set<ProcessHandle> descendants(Collection<ProcessHandle> parents) {
        if (parents.isEmpty()) {
            return Set.of();
        }
        Map<Long, List<ProcessHandle>> children = new HashMap<>();
        ProcessHandle.allProcesses().forEach(p -> p.parent()
                .ifPresent(parent -> children.computeIfAbsent(parent.pid(), k -> new ArrayList<>()).add(p)));
        Set<ProcessHandle> found = new LinkedHashSet<>();
        Deque<ProcessHandle> todo = new ArrayDeque<>(parents);
        while (!todo.isEmpty()) {
            ProcessHandle parent = todo.pop();
            List<ProcessHandle> mine = children.getOrDefault(parent.pid(), List.of());
            if (mine.isEmpty()) {
                continue;
            }
            Optional<Instant> parentStart = parent.info().startInstant();
            for (ProcessHandle child : mine) {
                Optional<Instant> childStart = child.info().startInstant();
                boolean older = parentStart.isPresent() && childStart.isPresent()
                        && childStart.get().isBefore(parentStart.get());
                if (!older && found.add(child)) {
                    todo.add(child);
                }
            }
        }
        return found;
    }

    /**
     * Alive and not a zombie: a process that has exited but is not reaped yet (its parent gone,
     * and init slow to reap) is still "alive" to {@link ProcessHandle#isAlive} and ignores SIGKILL.
     */
    public static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            // No /proc (not Linux) or the process just went: isAlive said it was there.
            return process.isAlive();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Live processes whose environment has {@code key=value} (read from /proc; others' are unreadable). */
    public static List<ProcessHandle> withEnvironment(String key, String value) {
        byte[] wanted = (key + "=" + value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses().filter(p -> p.pid() != self).filter(ProcessTrees::running).filter(p -> {
            try {
                byte[] env = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ"));
                return containsEntry(env, wanted);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }).collect(Collectors.toList());
    }

    /** Whether a NUL-separated environment block holds exactly this entry. */
    static boolean containsEntry(byte[] environ, byte[] entry) {
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start == entry.length && java.util.Arrays.equals(environ, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
