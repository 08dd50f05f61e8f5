package io.meetload.launch;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.meetload.instance.InstanceFact;
import io.meetload.instance.InstanceFact.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a run's pods say about its instances, as pure logic: pods and the time now in, one status
 * per instance index out. {@code running} means "not ended": a pod still starting counts as
 * running until its pending deadline. A pod that exited 0 counts as REPORTED (the worker exits 0
 * only after its report); the coordinator still checks that the report arrived.
 */
public final class KubernetesPodOutcomes {

    /** Waiting reasons a pod does not recover from by itself. */
    static final Set<String> NEVER_STARTS = Set.of("ImagePullBackOff", "ErrImagePull",
            "CreateContainerConfigError", "InvalidImageName", "CreateContainerError");

    private final Duration pendingTimeout;

    public KubernetesPodOutcomes(Duration pendingTimeout) {
        this.pendingTimeout = pendingTimeout;
    }

    /** One status per index found on the pods; for an index with several pods the newest wins. */
    public Map<Integer, InstanceStatus> statuses(List<Pod> pods, String memoryLimit, Instant now) {
        Map<Integer, Pod> newest = new HashMap<>();
        Comparator<Pod> byCreation = Comparator.comparing(KubernetesPodOutcomes::createdAt);
        for (Pod pod : pods) {
            index(pod).ifPresent(i -> newest.merge(i, pod, (a, b) -> byCreation.compare(a, b) >= 0 ? a : b));
        }
        Map<Integer, InstanceStatus> statuses = new HashMap<>();
        newest.forEach((index, pod) -> statuses.put(index, status(index, pod, memoryLimit, now)));
        return statuses;
    }

    InstanceStatus status(int index, Pod pod, String memoryLimit, Instant now) {
        Optional<InstanceFact> fact = ended(index, pod, memoryLimit, now);
        return new InstanceStatus(index, fact.isEmpty(), fact);
    }

    private Optional<InstanceFact> ended(int index, Pod pod, String memoryLimit, Instant now) {
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        String who = "instance " + index + " (pod " + pod.getMetadata().getName() + ")";
        Optional<ContainerState> state = workerState(status);
        ContainerStateTerminated terminated = state.map(ContainerState::getTerminated).orElse(null);

        // With restartPolicy Never a terminated worker is final, even while the pod's phase lags behind.
        if (terminated != null && "OOMKilled".equals(terminated.getReason())) {
            return fact(index, Outcome.OOM_KILLED, at(terminated.getFinishedAt(), now), exitCode(terminated, 137), "KILL",
                    who + " was killed by the kernel for running out of memory at its " + memoryLimit
                            + " limit (OOMKilled, exit code " + exitCode(terminated, 137) + ")");
        }
        Optional<PodCondition> disruption = condition(status, "DisruptionTarget");
        if ("Evicted".equals(status.getReason()) || ("Failed".equals(status.getPhase()) && disruption.isPresent())) {
            String why = disruption.map(c -> c.getReason() + ": " + c.getMessage())
                    .orElse(status.getReason() + ": " + status.getMessage());
            return fact(index, Outcome.EVICTED, disruption.map(c -> at(c.getLastTransitionTime(), now)).orElse(now),
                    terminated == null ? null : terminated.getExitCode(), null,
                    who + " was evicted by Kubernetes and not retried (" + why + ")");
        }
        if (terminated != null) {
            int code = exitCode(terminated, -1);
            if (code == 0) {
                return fact(index, Outcome.REPORTED, at(terminated.getFinishedAt(), now), 0, null,
                        who + " completed (exit code 0)");
            }
            return fact(index, Outcome.LOST, at(terminated.getFinishedAt(), now), code, signal(code),
                    who + " failed with exit code " + code + " (" + describe(terminated) + ")");
        }
        if ("Failed".equals(status.getPhase()) || "Succeeded".equals(status.getPhase())) {
            return fact(index, Outcome.LOST, now, null, null, who + " ended (" + status.getPhase()
                    + ") without a worker exit status: " + status.getReason() + ": " + status.getMessage());
        }
        ContainerStateWaiting waiting = state.map(ContainerState::getWaiting).orElse(null);
        if (waiting != null && NEVER_STARTS.contains(waiting.getReason())) {
            return fact(index, Outcome.NOT_STARTED, now, null, null,
                    who + " did not start: " + waiting.getReason() + ": " + waiting.getMessage());
        }
        if ("Pending".equals(status.getPhase()) || status.getPhase() == null) {
            Duration pending = Duration.between(at(pod.getMetadata().getCreationTimestamp(), now), now);
            if (pending.compareTo(pendingTimeout) > 0) {
                return fact(index, Outcome.NOT_STARTED, now, null, null, who + " did not start: Pending for "
                        + pending.toSeconds() + " s, longer than the " + pendingTimeout.toSeconds()
                        + " s allowed (" + pendingWhy(status, waiting) + ")");
            }
        }
        return Optional.empty();
    }

    /** The pod's instance index: the label Kubernetes sets since 1.28, else the annotation. */
    static Optional<Integer> index(Pod pod) {
        String value = Optional.ofNullable(pod.getMetadata().getLabels()).map(l -> l.get(JobFactory.INDEX_KEY))
                .or(() -> Optional.ofNullable(pod.getMetadata().getAnnotations())
                        .map(a -> a.get(JobFactory.INDEX_KEY)))
                .orElse(null);
        try {
            return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<ContainerState> workerState(PodStatus status) {
        return Optional.ofNullable(status.getContainerStatuses()).orElse(List.of()).stream()
                .filter(c -> JobFactory.CONTAINER.equals(c.getName()))
                .map(ContainerStatus::getState)
                .filter(s -> s != null)
                .findFirst();
    }

    private static Optional<PodCondition> condition(PodStatus status, String type) {
        return Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }

    private static String pendingWhy(PodStatus status, ContainerStateWaiting waiting) {
        if (waiting != null) {
            return waiting.getReason() + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage());
        }
        return Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                .map(c -> "not scheduled: " + c.getReason() + ": " + c.getMessage())
                .findFirst()
                .orElse("no reason given");
    }

    private static String describe(ContainerStateTerminated terminated) {
        String reason = terminated.getReason() == null ? "no reason given" : terminated.getReason();
        return terminated.getMessage() == null ? reason : reason + ": " + terminated.getMessage();
    }

    private static int exitCode(ContainerStateTerminated terminated, int otherwise) {
        return terminated.getExitCode() == null ? otherwise : terminated.getExitCode();
    }

    /** Exit codes above 128 are 128 + the signal, as the shell and the kubelet report them. */
    private static String signal(int exitCode) {
        return switch (exitCode) {
            case 137 -> "KILL";
            case 143 -> "TERM";
            case 134 -> "ABRT";
            case 139 -> "SEGV";
            default -> null;
        };
    }

    private static Optional<InstanceFact> fact(int index, Outcome outcome, Instant at, Integer exitCode,
                                               String signal, String message) {
        return Optional.of(new InstanceFact(index, outcome, at, exitCode, signal, message));
    }

    private static Instant createdAt(Pod pod) {
        return at(pod.getMetadata().getCreationTimestamp(), Instant.EPOCH);
    }

    private static Instant at(String timestamp, Instant otherwise) {
        try {
            return timestamp == null ? otherwise : Instant.parse(timestamp);
        } catch (java.time.format.DateTimeParseException e) {
            return otherwise;
        }
    }
}
