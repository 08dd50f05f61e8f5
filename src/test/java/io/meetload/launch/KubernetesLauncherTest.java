package io.meetload.launch;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.meetload.instance.InstanceFact;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher against Quarkus's Kubernetes test server in CRUD mode. The server keeps objects but
 * runs no Job controller, so the tests create the pods the controller would, labelled the same.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class KubernetesLauncherTest {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    @Named("kubernetes")
    Launcher launcher;

    @Inject
    KubernetesSettings settings;

    @TempDir
    Path dir;

    @Test
    void launchCreatesTheJobThenPlanAndTokenOwnedByItAndStartsIt() throws Exception {
        RunLaunch launch = KubernetesFixtures.launch("r-launch-1", dir);
        launcher.launch(launch);

        KubernetesClient client = server.getClient();
        Job job = client.batch().v1().jobs().withName("meetload-r-launch-1").get();
        assertNotNull(job, "Job meetload-r-launch-1");
        assertEquals(Boolean.FALSE, job.getSpec().getSuspend(), "started once plan and token exist");
        assertEquals(6, job.getSpec().getCompletions());
        assertEquals("Indexed", job.getSpec().getCompletionMode());
        String uid = job.getMetadata().getUid();
        assertNotNull(uid);

        ConfigMap plan = client.configMaps().withName("meetload-r-launch-1-plan").get();
        assertEquals(KubernetesFixtures.PLAN_TEXT, plan.getData().get("plan.json"));
        assertOwnedBy(uid, plan.getMetadata().getOwnerReferences());

        Secret token = client.secrets().withName("meetload-r-launch-1-token").get();
        assertEquals(KubernetesFixtures.TOKEN,
                new String(Base64.getDecoder().decode(token.getData().get("token")), StandardCharsets.UTF_8));
        assertOwnedBy(uid, token.getMetadata().getOwnerReferences());
    }

    @Test
    void aSecondLaunchOfTheSameRunFailsNamingTheJobAndLeavesTheFirstAlone() throws Exception {
        RunLaunch launch = KubernetesFixtures.launch("r-twice", dir);
        launcher.launch(launch);

        LaunchException e = assertThrows(LaunchException.class, () -> launcher.launch(launch));
        assertTrue(e.getMessage().startsWith("run r-twice: Job meetload-r-twice could not be created in namespace test:"),
                e.getMessage());
        assertNotNull(server.getClient().batch().v1().jobs().withName("meetload-r-twice").get());
        assertNotNull(server.getClient().secrets().withName("meetload-r-twice-token").get());
    }

    @Test
    void unreadablePlanFileIsRefusedBeforeAnythingIsCreated() throws Exception {
        RunLaunch good = KubernetesFixtures.launch("r-noplan", dir);
        RunLaunch launch = new RunLaunch(good.runId(), good.plan(), dir, dir.resolve("missing.json"),
                good.coordinatorUrl(), good.workerToken());

        LaunchException e = assertThrows(LaunchException.class, () -> launcher.launch(launch));
        assertTrue(e.getMessage().startsWith("planFile: cannot be read at " + dir.resolve("missing.json")), e.getMessage());
        assertNull(server.getClient().batch().v1().jobs().withName("meetload-r-noplan").get());
    }

    @Test
    void anOomKilledPodIsAnOomFactNamingItsInstance() throws Exception {
        RunLaunch launch = KubernetesFixtures.launch("r-oom", dir);
        launcher.launch(launch);
        KubernetesClient client = server.getClient();
        for (int i = 0; i < 6; i++) {
            client.pods().resource(workerPod("r-oom", i)).create();
            setStatus(client, "meetload-r-oom-" + i, "Running", new ContainerStatusBuilder().withName("worker")
                    .withNewState().withNewRunning().withStartedAt("2026-12-04T14:32:10Z").endRunning().endState().build());
        }
        setStatus(client, "meetload-r-oom-2", "Failed", new ContainerStatusBuilder().withName("worker")
                .withNewState().withNewTerminated().withReason("OOMKilled").withExitCode(137)
                .withFinishedAt("2026-12-04T14:51:03Z").endTerminated().endState().build());

        Map<Integer, InstanceStatus> status = launcher.status(launch);

        assertEquals(6, status.size(), status.toString());
        InstanceStatus two = status.get(2);
        assertFalse(two.running());
        InstanceFact fact = two.ended().orElseThrow();
        assertEquals(InstanceFact.Outcome.OOM_KILLED, fact.outcome());
        assertEquals(2, fact.index());
        assertEquals(137, fact.exitCode());
        assertEquals("KILL", fact.signal());
        assertEquals(Instant.parse("2026-12-04T14:51:03Z"), fact.at());
        assertEquals("instance 2 (pod meetload-r-oom-2) was killed by the kernel for running out of memory"
                + " at its 4Gi limit (OOMKilled, exit code 137)", fact.message());
        for (int i : List.of(0, 1, 3, 4, 5)) {
            assertTrue(status.get(i).running() && status.get(i).ended().isEmpty(), "instance " + i + ": " + status.get(i));
        }
    }

    @Test
    void aPodPendingPastItsDeadlineIsNotStartedWithTheSchedulersReason() throws Exception {
        RunLaunch launch = KubernetesFixtures.launch("r-pending", dir);
        launcher.launch(launch);
        KubernetesClient client = server.getClient();
        Pod pod = client.pods().resource(workerPod("r-pending", 4)).create();
        Pod pending = new PodBuilder(pod).editOrNewStatus().withPhase("Pending")
                .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("0/3 nodes are available: 3 Insufficient cpu.").endCondition()
                .endStatus().build();
        client.pods().resource(pending).updateStatus();
        Instant created = Instant.parse(client.pods().withName("meetload-r-pending-4").get()
                .getMetadata().getCreationTimestamp());
        Duration timeout = settings.pendingTimeout();

        InstanceStatus early = launcherAt(created.plus(timeout).minusSeconds(1)).status(launch).get(4);
        assertTrue(early.running() && early.ended().isEmpty(), "within the deadline: " + early);

        InstanceStatus late = launcherAt(created.plus(timeout).plusSeconds(1)).status(launch).get(4);
        InstanceFact fact = late.ended().orElseThrow(() -> new AssertionError("past the deadline: " + late));
        assertFalse(late.running());
        assertEquals(InstanceFact.Outcome.NOT_STARTED, fact.outcome());
        assertEquals("instance 4 (pod meetload-r-pending-4) did not start: Pending for 301 s, longer than the 300 s"
                + " allowed (not scheduled: Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.)", fact.message());
    }

    @Test
    void stopDeletesTheJob() throws Exception {
        RunLaunch launch = KubernetesFixtures.launch("r-stop", dir);
        launcher.launch(launch);
        assertNotNull(server.getClient().batch().v1().jobs().withName("meetload-r-stop").get());

        launcher.stop(launch, "cancelled by the test");

        assertNull(server.getClient().batch().v1().jobs().withName("meetload-r-stop").get());
        String deleteBody = null;
        var requests = server.getKubernetesMockServer();
        for (RecordedRequest r = requests.takeRequest(1, TimeUnit.SECONDS); r != null;
             r = requests.takeRequest(1, TimeUnit.SECONDS)) {
            if (r.getMethod().equals("DELETE") && r.getPath().endsWith("/jobs/meetload-r-stop")) {
                deleteBody = r.getUtf8Body();
            }
        }
        assertNotNull(deleteBody, "a DELETE of the Job was sent");
        assertTrue(deleteBody.contains("\"propagationPolicy\":\"Foreground\""), deleteBody);
    }

    @Test
    void theRunsOwnPodsOnlyAreRead() throws Exception {
        RunLaunch launch = KubernetesFixtures.launch("r-mine", dir);
        launcher.launch(launch);
        server.getClient().pods().resource(workerPod("r-other", 0)).create();

        assertEquals(Map.of(), launcher.status(launch));
    }

    private KubernetesLauncher launcherAt(Instant now) {
        return new KubernetesLauncher(server.getClient(), settings, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** A pod as the Job controller makes it: the template's labels plus the index label and annotation. */
    private static Pod workerPod(String runId, int index) {
        Map<String, String> labels = new HashMap<>(JobFactory.labels(runId));
        labels.put(JobFactory.INDEX_KEY, String.valueOf(index));
        return new PodBuilder().withNewMetadata()
                .withName(JobFactory.jobName(runId) + "-" + index)
                .withLabels(labels)
                .withAnnotations(Map.of(JobFactory.INDEX_KEY, String.valueOf(index)))
                .endMetadata()
                .withNewSpec().addNewContainer().withName("worker").withImage("meetload/worker:latest").endContainer()
                .endSpec()
                .build();
    }

    private static void setStatus(KubernetesClient client, String name, String phase,
                                  io.fabric8.kubernetes.api.model.ContainerStatus worker) {
        Pod pod = client.pods().withName(name).get();
        client.pods().resource(new PodBuilder(pod).editOrNewStatus().withPhase(phase)
                .withContainerStatuses(worker).endStatus().build()).updateStatus();
    }

    private static void assertOwnedBy(String uid, List<io.fabric8.kubernetes.api.model.OwnerReference> refs) {
        assertEquals(1, refs.size(), refs.toString());
        assertEquals("Job", refs.get(0).getKind());
        assertEquals("batch/v1", refs.get(0).getApiVersion());
        assertEquals(uid, refs.get(0).getUid());
    }
}
