package io.meetload.launch;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.meetload.instance.InstanceFact;
import io.meetload.instance.InstanceFact.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KubernetesPodOutcomesTest {

    private static final Instant CREATED = Instant.parse("2026-12-04T14:32:00Z");
    private static final Instant NOW = CREATED.plus(Duration.ofMinutes(2));

    private final KubernetesPodOutcomes outcomes = new KubernetesPodOutcomes(Duration.ofMinutes(5));

    @Test
    void evictionIsEvictedWithKubeletsWords() {
        Pod pod = pod(1, CREATED, "Failed", null, List.of());
        pod.getStatus().setReason("Evicted");
        pod.getStatus().setMessage("The node was low on resource: memory.");

        InstanceFact fact = only(pod);
        assertEquals(Outcome.EVICTED, fact.outcome());
        assertEquals("instance 1 (pod p-1) was evicted by Kubernetes and not retried"
                + " (Evicted: The node was low on resource: memory.)", fact.message());
    }

    @Test
    void aDisruptionConditionIsEvictedAtItsTime() {
        PodCondition disruption = new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
                .withReason("PreemptionByScheduler").withMessage("preempted by a higher priority pod")
                .withLastTransitionTime("2026-12-04T14:33:10Z").build();
        Pod pod = pod(3, CREATED, "Failed", terminated("Error", 143), List.of(disruption));

        InstanceFact fact = only(pod);
        assertEquals(Outcome.EVICTED, fact.outcome());
        assertEquals(Instant.parse("2026-12-04T14:33:10Z"), fact.at());
        assertEquals(143, fact.exitCode());
        assertTrue(fact.message().endsWith("(PreemptionByScheduler: preempted by a higher priority pod)"), fact.message());
    }

    @Test
    void anImagePullFailureIsNotStartedAtOnce() {
        ContainerState waiting = new ContainerStateBuilder().withNewWaiting().withReason("ImagePullBackOff")
                .withMessage("Back-off pulling image \"meetload/worker:latest\"").endWaiting().build();
        InstanceFact fact = only(pod(0, NOW.minusSeconds(10), "Pending", waiting, List.of()));

        assertEquals(Outcome.NOT_STARTED, fact.outcome());
        assertEquals("instance 0 (pod p-0) did not start: ImagePullBackOff: Back-off pulling image \"meetload/worker:latest\"",
                fact.message());
    }

    @Test
    void aStartingPodWithinItsDeadlineCountsAsRunning() {
        ContainerState creating = new ContainerStateBuilder().withNewWaiting().withReason("ContainerCreating").endWaiting()
                .build();
        InstanceStatus status = outcomes.statuses(List.of(pod(0, CREATED, "Pending", creating, List.of())), "4Gi", NOW)
                .get(0);
        assertTrue(status.running());
        assertTrue(status.ended().isEmpty());
    }

    @Test
    void aNonZeroExitIsLostWithCodeSignalAndReason() {
        InstanceFact fact = only(pod(5, CREATED, "Failed", terminated("Error", 143), List.of()));

        assertEquals(Outcome.LOST, fact.outcome());
        assertEquals(143, fact.exitCode());
        assertEquals("TERM", fact.signal());
        assertEquals(Instant.parse("2026-12-04T14:40:00Z"), fact.at());
        assertEquals("instance 5 (pod p-5) failed with exit code 143 (Error)", fact.message());
    }

    @Test
    void exitZeroIsReported() {
        InstanceFact fact = only(pod(2, CREATED, "Succeeded", terminated("Completed", 0), List.of()));
        assertEquals(Outcome.REPORTED, fact.outcome());
        assertEquals(0, fact.exitCode());
        assertNull(fact.signal());
    }

    @Test
    void anOomKillCountsEvenBeforeThePhaseSaysFailed() {
        InstanceFact fact = only(pod(4, CREATED, "Running", terminated("OOMKilled", 137), List.of()));
        assertEquals(Outcome.OOM_KILLED, fact.outcome());
        assertEquals("instance 4 (pod p-4) was killed by the kernel for running out of memory at its 4Gi limit"
                + " (OOMKilled, exit code 137)", fact.message());
    }

    @Test
    void theNewestPodOfAnIndexWinsAndPodsWithoutIndexAreIgnored() {
        Pod old = pod(1, CREATED, "Failed", terminated("Error", 1), List.of());
        Pod newer = pod(1, CREATED.plusSeconds(30), "Running", running(), List.of());
        newer.getMetadata().setName("p-1-b");
        Pod stranger = new PodBuilder(pod(0, CREATED, "Running", running(), List.of())).editMetadata()
                .withLabels(Map.of()).withAnnotations(Map.of()).endMetadata().build();

        Map<Integer, InstanceStatus> statuses = outcomes.statuses(List.of(newer, old, stranger), "4Gi", NOW);
        assertEquals(Map.of(1, new InstanceStatus(1, true, java.util.Optional.empty())), statuses);
        assertFalse(outcomes.statuses(List.of(old, newer), "4Gi", NOW).get(1).ended().isPresent());
    }

    private InstanceFact only(Pod pod) {
        Map<Integer, InstanceStatus> statuses = outcomes.statuses(List.of(pod), "4Gi", NOW);
        assertEquals(1, statuses.size());
        InstanceStatus status = statuses.values().iterator().next();
        assertFalse(status.running(), status.toString());
        return status.ended().orElseThrow();
    }

    private static Pod pod(int index, Instant created, String phase, ContainerState worker, List<PodCondition> conditions) {
        PodBuilder builder = new PodBuilder().withNewMetadata().withName("p-" + index)
                .withCreationTimestamp(created.toString())
                .withLabels(Map.of(JobFactory.INDEX_KEY, String.valueOf(index)))
                .endMetadata()
                .withNewStatus().withPhase(phase).withConditions(conditions).endStatus();
        if (worker != null) {
            builder.editStatus().addNewContainerStatus().withName("worker").withState(worker).endContainerStatus().endStatus();
        }
        return builder.build();
    }

    private static ContainerState terminated(String reason, int exitCode) {
        return new ContainerStateBuilder().withNewTerminated().withReason(reason).withExitCode(exitCode)
                .withFinishedAt("2026-12-04T14:40:00Z").endTerminated().build();
    }

    private static ContainerState running() {
        return new ContainerStateBuilder().withNewRunning().withStartedAt(CREATED.toString()).endRunning().build();
    }
}
