package io.meetload.launch;

import java.util.Map;

/**
 * Starts and stops the instances of a run: child processes here ({@code LocalLauncher}), one
 * Indexed Job in Kubernetes ({@code KubernetesLauncher}). A launcher must answer {@link #status}
 * again after the coordinator restarts, from what it left on disk or in the cluster.
 */
public interface Launcher {

    /** Starts every instance of the run; throws (with nothing left running) when it cannot. */
    void launch(RunLaunch launch) throws LaunchException;

    /** What is known now of each instance (index to status); instances never seen are absent. */
    Map<Integer, InstanceStatus> status(RunLaunch launch);

    /** Stops every instance of the run and its browsers; returns when they are gone or the deadline passed. */
    void stop(RunLaunch launch, String why);
}
