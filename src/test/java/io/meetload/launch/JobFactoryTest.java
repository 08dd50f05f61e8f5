package io.meetload.launch;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobFactoryTest {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final String RUN = "r-20261204-1432-7f3a";

    @TempDir
    Path dir;

    private final JobFactory factory = new JobFactory(KubernetesFixtures.settings(Map.of()));

    @Test
    void jobRunsOneIndexedPodPerInstanceAndNeverRetries() throws Exception {
        Job job = factory.job(KubernetesFixtures.launch(RUN, dir), "load");

        assertEquals("meetload-" + RUN, job.getMetadata().getName());
        assertEquals("load", job.getMetadata().getNamespace());
        assertEquals(Map.of("app.kubernetes.io/name", "meetload-worker", "meetload.io/run", RUN),
                job.getMetadata().getLabels());
        assertEquals(RUN, job.getMetadata().getAnnotations().get("meetload.io/run-id"));
        JobSpec spec = job.getSpec();
        assertEquals(Boolean.TRUE, spec.getSuspend(), "created suspended, started once plan and token exist");
        assertEquals("Indexed", spec.getCompletionMode());
        assertEquals(6, spec.getCompletions());
        assertEquals(6, spec.getParallelism());
        assertEquals(0, spec.getBackoffLimitPerIndex());
        assertEquals(6, spec.getMaxFailedIndexes());
        assertEquals(60 + 30 * 60 + 5 * 60, spec.getActiveDeadlineSeconds(), "ramp-up + duration + 5 min grace");
        assertEquals(86_400, spec.getTtlSecondsAfterFinished());

        List<PodFailurePolicyRule> rules = spec.getPodFailurePolicy().getRules();
        assertEquals(2, rules.size());
        assertEquals("FailIndex", rules.get(0).getAction());
        assertEquals("worker", rules.get(0).getOnExitCodes().getContainerName());
        assertEquals("In", rules.get(0).getOnExitCodes().getOperator());
        assertEquals(List.of(137), rules.get(0).getOnExitCodes().getValues());
        assertEquals("FailIndex", rules.get(1).getAction());
        assertEquals("DisruptionTarget", rules.get(1).getOnPodConditions().get(0).getType());
        assertEquals("True", rules.get(1).getOnPodConditions().get(0).getStatus());

        Map<String, String> podLabels = spec.getTemplate().getMetadata().getLabels();
        assertEquals(job.getMetadata().getLabels(), podLabels);
        assertEquals(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "8080", "prometheus.io/path", "/q/metrics"),
                spec.getTemplate().getMetadata().getAnnotations());
    }

    @Test
    void podIsNonRootReadOnlyAndSizedByThePlan() throws Exception {
        PodSpec pod = factory.job(KubernetesFixtures.launch(RUN, dir), "load").getSpec().getTemplate().getSpec();

        assertEquals("Never", pod.getRestartPolicy());
        assertEquals(120L, pod.getTerminationGracePeriodSeconds(), "time to leave and deliver the report");
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());
        assertNull(pod.getServiceAccountName(), "the namespace's default account unless a setting names one");
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(1001L, pod.getSecurityContext().getRunAsUser());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());

        assertEquals(1, pod.getContainers().size());
        Container worker = pod.getContainers().get(0);
        assertEquals("worker", worker.getName());
        assertEquals("meetload/worker:latest", worker.getImage());
        assertEquals("IfNotPresent", worker.getImagePullPolicy());
        assertEquals(List.of("worker"), worker.getArgs());
        assertEquals(Map.of("cpu", new Quantity("2"), "memory", new Quantity("4Gi")), worker.getResources().getLimits());
        assertEquals(worker.getResources().getLimits(), worker.getResources().getRequests());
        assertEquals("metrics", worker.getPorts().get(0).getName());
        assertEquals(8080, worker.getPorts().get(0).getContainerPort());

        assertEquals(Boolean.TRUE, worker.getSecurityContext().getRunAsNonRoot());
        assertEquals(1001L, worker.getSecurityContext().getRunAsUser());
        assertEquals(Boolean.FALSE, worker.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(Boolean.TRUE, worker.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), worker.getSecurityContext().getCapabilities().getDrop());

        Map<String, Volume> volumes = pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
        assertEquals("Memory", volumes.get("dshm").getEmptyDir().getMedium());
        assertEquals(new Quantity("1Gi"), volumes.get("dshm").getEmptyDir().getSizeLimit());
        assertNull(volumes.get("tmp").getEmptyDir().getMedium(), "/tmp on the node's disk, not in memory");
        assertEquals("meetload-" + RUN + "-plan", volumes.get("plan").getConfigMap().getName());
        assertEquals("plan.json", volumes.get("plan").getConfigMap().getItems().get(0).getKey());
        Map<String, VolumeMount> mounts = worker.getVolumeMounts().stream()
                .collect(Collectors.toMap(VolumeMount::getMountPath, m -> m));
        assertEquals("dshm", mounts.get("/dev/shm").getName());
        assertEquals("tmp", mounts.get("/tmp").getName());
        assertEquals("plan", mounts.get("/etc/meetload").getName());
        assertEquals(Boolean.TRUE, mounts.get("/etc/meetload").getReadOnly());
    }

    @Test
    void workerEnvironmentNamesPlanRunCountCoordinatorAndTokenSecret() throws Exception {
        Container worker = factory.job(KubernetesFixtures.launch(RUN, dir), "load")
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, EnvVar> env = worker.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));

        assertEquals("/etc/meetload/plan.json", env.get("MEETLOAD_WORKER_PLAN").getValue());
        assertEquals("http://meetload-coordinator:8080", env.get("MEETLOAD_WORKER_COORDINATOR_URL").getValue());
        assertEquals(RUN, env.get("MEETLOAD_WORKER_RUN").getValue());
        assertEquals("6", env.get("MEETLOAD_WORKER_COUNT").getValue());
        assertEquals("/tmp", env.get("HOME").getValue());
        assertEquals("true", env.get("SE_OFFLINE").getValue());
        assertEquals("-XX:+UseSerialGC -Xmx96m -XX:ReservedCodeCacheSize=32m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k",
                env.get("JAVA_TOOL_OPTIONS").getValue(), "the worker JVM stays small");
        assertNull(env.get("MEETLOAD_WORKER_TOKEN").getValue(), "the token never stands in the pod spec");
        assertEquals("meetload-" + RUN + "-token", env.get("MEETLOAD_WORKER_TOKEN").getValueFrom().getSecretKeyRef().getName());
        assertEquals("token", env.get("MEETLOAD_WORKER_TOKEN").getValueFrom().getSecretKeyRef().getKey());
        assertEquals("/tmp/worker-report.json", env.get("MEETLOAD_WORKER_REPORT_FILE").getValue());
        assertEquals("8080", env.get("QUARKUS_HTTP_PORT").getValue());
        assertFalse(env.containsKey("JOB_COMPLETION_INDEX"), "Kubernetes sets the index itself");
        assertFalse(worker.getEnv().toString().contains(KubernetesFixtures.TOKEN));
    }

    @Test
    void settingsChangeImagePullPolicyAccountShmAndDeadlines() throws Exception {
        JobFactory custom = new JobFactory(KubernetesFixtures.settings(Map.of(
                "meetload.kubernetes.worker-image", "registry.example.org/meetload/worker:0.1.0",
                "meetload.kubernetes.image-pull-policy", "Always",
                "meetload.kubernetes.service-account", "meetload-worker",
                "meetload.kubernetes.shm-size", "2Gi",
                "meetload.kubernetes.deadline-grace", "90s",
                "meetload.kubernetes.ttl-after-finished", "2h")));
        Job job = custom.job(KubernetesFixtures.launch(RUN, dir), "load");
        PodSpec pod = job.getSpec().getTemplate().getSpec();

        assertEquals("registry.example.org/meetload/worker:0.1.0", pod.getContainers().get(0).getImage());
        assertEquals("Always", pod.getContainers().get(0).getImagePullPolicy());
        assertEquals("meetload-worker", pod.getServiceAccountName());
        assertEquals(new Quantity("2Gi"), pod.getVolumes().stream().filter(v -> v.getName().equals("dshm"))
                .findFirst().orElseThrow().getEmptyDir().getSizeLimit());
        assertEquals(60 + 1800 + 90, job.getSpec().getActiveDeadlineSeconds());
        assertEquals(7200, job.getSpec().getTtlSecondsAfterFinished());
    }

    @Test
    void configMapHoldsThePlanFilesExactBytesAndBelongsToTheJob() throws Exception {
        RunLaunch launch = KubernetesFixtures.launch(RUN, dir);
        byte[] bytes = Files.readAllBytes(launch.planFile());
        ConfigMap map = factory.planConfigMap(launch, bytes, created("3b8e-uid"));

        assertEquals("meetload-" + RUN + "-plan", map.getMetadata().getName());
        assertEquals("load", map.getMetadata().getNamespace());
        assertEquals(KubernetesFixtures.PLAN_TEXT, map.getData().get("plan.json"));
        assertTrue(KubernetesFixtures.PLAN_TEXT.contains("M\u00fcnchen"));
        assertEquals(List.of(ownerRef("3b8e-uid")), map.getMetadata().getOwnerReferences());
        assertEquals(Boolean.TRUE, map.getImmutable());
    }

    @Test
    void bytesThatAreNotUtf8GoToBinaryDataUnchanged() throws Exception {
        byte[] latin1 = "{\"name\":\"M\u00fcnchen\"}".getBytes(StandardCharsets.ISO_8859_1);
        ConfigMap map = factory.planConfigMap(KubernetesFixtures.launch(RUN, dir), latin1, created("u1"));

        assertFalse(map.getData() != null && map.getData().containsKey("plan.json"), "not as altered text");
        assertTrue(java.util.Arrays.equals(latin1, Base64.getDecoder().decode(map.getBinaryData().get("plan.json"))));
    }

    @Test
    void secretHoldsTheTokenAndBelongsToTheJob() throws Exception {
        Secret secret = factory.tokenSecret(KubernetesFixtures.launch(RUN, dir), created("3b8e-uid"));

        assertEquals("meetload-" + RUN + "-token", secret.getMetadata().getName());
        assertEquals(KubernetesFixtures.TOKEN,
                new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8));
        assertEquals(List.of(ownerRef("3b8e-uid")), secret.getMetadata().getOwnerReferences());
    }

    @Test
    void ownerWithoutUidIsRefusedNamingTheJob() throws Exception {
        Job notCreated = factory.job(KubernetesFixtures.launch(RUN, dir), "load");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> factory.tokenSecret(KubernetesFixtures.launch(RUN, dir), notCreated));
        assertEquals("owner: must be a created Job with a uid, was Job meetload-" + RUN + " without uid", e.getMessage());
    }

    @Test
    void namesAreDnsLabelsAndDistinctRunsKeepDistinctNames() {
        assertEquals("meetload-r-20261204-1432-7f3a", JobFactory.jobName("r-20261204-1432-7f3a"));
        List<String> runs = List.of("Run_12 Participants", "run-12-participants", "run_12_participants",
                "-x-", "r".repeat(100), "r".repeat(99) + "s", "ÜBER.lauf");
        List<String> names = runs.stream().map(JobFactory::jobName).toList();
        for (String name : names) {
            assertTrue(DNS_LABEL.matcher(name).matches(), name + " is not a DNS label");
            assertTrue(name.length() <= 52, name + " is longer than 52");
        }
        assertEquals(runs.size(), names.stream().distinct().count(), "names collide: " + names);
        assertNotEquals(JobFactory.jobName("r".repeat(100)), JobFactory.jobName("r".repeat(99) + "s"));
    }

    @Test
    void runLabelIsTheRunIdWhenValidAndAValidLabelOtherwise() {
        assertEquals("r-20261204-1432-7f3a", JobFactory.runLabelValue("r-20261204-1432-7f3a"));
        assertEquals("Run_12.a", JobFactory.runLabelValue("Run_12.a"));
        String odd = JobFactory.runLabelValue("run with spaces/and slashes");
        assertTrue(odd.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") && odd.length() <= 63, odd);
    }

    private static Job created(String uid) {
        return new JobBuilder().withNewMetadata().withName("meetload-" + RUN).withNamespace("load").withUid(uid)
                .endMetadata().build();
    }

    private static OwnerReference ownerRef(String uid) {
        return new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                .withName("meetload-" + RUN).withUid(uid).build();
    }
}
