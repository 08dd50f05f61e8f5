package io.meetload.launch;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import io.meetload.plan.RunPlan;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds the Kubernetes objects of a run, without talking to any server: one Indexed Job (one
 * pod per instance, each computing its share from {@code JOB_COMPLETION_INDEX}, which Kubernetes
 * sets in every pod of an Indexed Job), the plan in a
 * ConfigMap and the run's worker token in a Secret. The Job is built suspended: the launcher
 * creates it, then the ConfigMap and Secret owned by it (they need its uid), then lets it run,
 * so no pod ever starts before its plan and token exist.
 */
public final class JobFactory {

    public static final String CONTAINER = "worker";
    public static final String NAME_LABEL = "app.kubernetes.io/name";
    public static final String WORKER_NAME = "meetload-worker";
    public static final String RUN_LABEL = "meetload.io/run";
    /** Set by Kubernetes on every pod of an Indexed Job (annotation always, label since 1.28). */
    public static final String INDEX_KEY = "batch.kubernetes.io/job-completion-index";
    public static final String RUN_ID_ANNOTATION = "meetload.io/run-id";
    public static final String PLAN_DIR = "/etc/meetload";
    public static final String PLAN_KEY = "plan.json";
    public static final String TOKEN_KEY = "token";
    public static final int METRICS_PORT = 8080;
    public static final long WORKER_UID = 1001;
    /** The kernel's SIGKILL exit code: the OOM killer's, as the kubelet reports it. */
    public static final int KILLED_EXIT_CODE = 137;

    /** Leaves room for "-<index>" in pod hostnames, which must stay within 63 characters. */
    static final int MAX_JOB_NAME = 52;
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    private final KubernetesSettings settings;

    public JobFactory(KubernetesSettings settings) {
        this.settings = settings;
    }

    /** The run's Job, suspended, in {@code namespace}. */
    public Job job(RunLaunch launch, String namespace) {
        RunPlan plan = launch.plan();
        long deadlineSeconds = ceilSeconds(plan.totalDuration().plus(settings.deadlineGrace()));
        return new JobBuilder()
                .withNewMetadata()
                    .withName(jobName(launch.runId()))
                    .withNamespace(namespace)
                    .withLabels(labels(launch.runId()))
                    .withAnnotations(Map.of(RUN_ID_ANNOTATION, launch.runId(), "meetload.io/plan-name", plan.name()))
                .endMetadata()
                .withNewSpec()
                    .withSuspend(true)
                    .withCompletionMode("Indexed")
                    .withCompletions(plan.instances())
                    .withParallelism(plan.instances())
                    // A retried pod would run the test a second time, on top of the first.
                    .withBackoffLimitPerIndex(0)
                    .withMaxFailedIndexes(plan.instances())
                    .withPodFailurePolicy(podFailurePolicy())
                    .withActiveDeadlineSeconds(deadlineSeconds)
                    .withTtlSecondsAfterFinished((int) ceilSeconds(settings.ttlAfterFinished()))
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(labels(launch.runId()))
                            .withAnnotations(scrapeAnnotations())
                        .endMetadata()
                        .withSpec(podSpec(launch))
                    .endTemplate()
                .endSpec()
                .build();
    }

    /** The plan exactly as posted, mounted at {@value #PLAN_DIR}/{@value #PLAN_KEY}, owned by the Job. */
    public ConfigMap planConfigMap(RunLaunch launch, byte[] planBytes, Job owner) {
        ConfigMapBuilder builder = new ConfigMapBuilder()
                .withNewMetadata()
                    .withName(planConfigMapName(launch.runId()))
                    .withNamespace(owner.getMetadata().getNamespace())
                    .withLabels(labels(launch.runId()))
                    .withOwnerReferences(ownerReference(owner))
                .endMetadata()
                .withImmutable(true);
        // ConfigMap data is text; bytes that are not UTF-8 would be altered there, binaryData keeps them.
        String text = utf8(planBytes);
        return text != null
                ? builder.withData(Map.of(PLAN_KEY, text)).build()
                : builder.withBinaryData(Map.of(PLAN_KEY, Base64.getEncoder().encodeToString(planBytes))).build();
    }

    /** The run's worker token, owned by the Job. */
    public Secret tokenSecret(RunLaunch launch, Job owner) {
        return new SecretBuilder()
                .withNewMetadata()
                    .withName(tokenSecretName(launch.runId()))
                    .withNamespace(owner.getMetadata().getNamespace())
                    .withLabels(labels(launch.runId()))
                    .withOwnerReferences(ownerReference(owner))
                .endMetadata()
                .withType("Opaque")
                .withImmutable(true)
                .withData(Map.of(TOKEN_KEY, Base64.getEncoder().encodeToString(
                        launch.workerToken().getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    /** {@code meetload-<runId>}, made a DNS label; a lossy change gets a hash so two runs never share a name. */
    public static String jobName(String runId) {
        String body = runId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        String name = "meetload-" + body;
        if (body.equals(runId) && name.length() <= MAX_JOB_NAME) {
            return name;
        }
        String hash = sha256Hex(runId).substring(0, 8);
        int keep = MAX_JOB_NAME - hash.length() - 1;
        String head = name.length() > keep ? name.substring(0, keep).replaceAll("-+$", "") : name;
        return head + "-" + hash;
    }

    /** The value of the run label: the run id itself when it is a valid label value. */
    public static String runLabelValue(String runId) {
        return LABEL_VALUE.matcher(runId).matches() && runId.length() <= 63
                ? runId
                : jobName(runId).substring("meetload-".length());
    }

    /** Labels of the Job, its pods, ConfigMap and Secret; also the selector of the run's pods. */
    public static Map<String, String> labels(String runId) {
        return Map.of(NAME_LABEL, WORKER_NAME, RUN_LABEL, runLabelValue(runId));
    }

    public static String planConfigMapName(String runId) {
        return jobName(runId) + "-plan";
    }

    public static String tokenSecretName(String runId) {
        return jobName(runId) + "-token";
    }

    private PodSpec podSpec(RunLaunch launch) {
        PodSpecBuilder spec = new PodSpecBuilder()
                .withRestartPolicy("Never")
                // on SIGTERM the worker's participants leave, its browsers close and its report is
                // delivered (retried): Kubernetes' default 30 s would cut that short
                .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
                // Workers never call the API; the token would only be something to steal.
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext()
                    .withRunAsNonRoot(true)
                    .withRunAsUser(WORKER_UID)
                    .withRunAsGroup(WORKER_UID)
                    .withFsGroup(WORKER_UID)
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withContainers(container(launch))
                .addNewVolume()
                    .withName("plan")
                    .withNewConfigMap()
                        .withName(planConfigMapName(launch.runId()))
                        .addNewItem().withKey(PLAN_KEY).withPath(PLAN_KEY).endItem()
                    .endConfigMap()
                .endVolume()
                // Chromium keeps its frames in /dev/shm; Docker's 64 MB default crashes tabs.
                .addNewVolume()
                    .withName("dshm")
                    .withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity(settings.shmSize())).endEmptyDir()
                .endVolume()
                // The root filesystem is read-only; Chromium profiles and the JVM need somewhere to write.
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume();
        settings.serviceAccount().ifPresent(spec::withServiceAccountName);
        return spec.build();
    }

    private Container container(RunLaunch launch) {
        Map<String, Quantity> resources = Map.of(
                "cpu", new Quantity(launch.plan().instanceSize().cpu()),
                "memory", new Quantity(launch.plan().instanceSize().memory()));
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(settings.workerImage())
                .withImagePullPolicy(settings.imagePullPolicy().kubernetesName())
                .withArgs("worker")
                .withEnv(env(launch))
                .addNewPort().withName("metrics").withContainerPort(METRICS_PORT).withProtocol("TCP").endPort()
                // requests = limits: the worker's CPU ratio is measured against a limit it really has.
                .withNewResources().withRequests(resources).withLimits(resources).endResources()
                .addNewVolumeMount().withName("plan").withMountPath(PLAN_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("dshm").withMountPath("/dev/shm").endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .withNewSecurityContext()
                    .withRunAsNonRoot(true)
                    .withRunAsUser(WORKER_UID)
                    .withAllowPrivilegeEscalation(false)
                    .withReadOnlyRootFilesystem(true)
                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .build();
    }

    /** How long a worker pod gets between SIGTERM and SIGKILL. */
    static final long TERMINATION_GRACE_SECONDS = 120;

    private static List<EnvVar> env(RunLaunch launch) {
        return List.of(
                env("MEETLOAD_WORKER_PLAN", PLAN_DIR + "/" + PLAN_KEY),
                new EnvVarBuilder().withName("MEETLOAD_WORKER_TOKEN")
                        .withNewValueFrom().withNewSecretKeyRef()
                            .withName(tokenSecretName(launch.runId())).withKey(TOKEN_KEY)
                        .endSecretKeyRef().endValueFrom().build(),
                env("MEETLOAD_WORKER_COORDINATOR_URL", launch.coordinatorUrl().toString()),
                env("MEETLOAD_WORKER_RUN", launch.runId()),
                env("MEETLOAD_WORKER_COUNT", String.valueOf(launch.plan().instances())),
                // The root filesystem is read-only: the worker's own copy of its report goes to /tmp.
                env("MEETLOAD_WORKER_REPORT_FILE", "/tmp/worker-report.json"),
                // The port the scrape annotations and the "metrics" port name, whatever the binary presets.
                env("QUARKUS_HTTP_PORT", String.valueOf(METRICS_PORT)),
                env("HOME", "/tmp"),
                // Chromium and chromedriver are in the image: Selenium must never try to download one
                env("SE_OFFLINE", "true"),
                env("JAVA_TOOL_OPTIONS", WorkerJvm.DEFAULT_OPTIONS.replace(',', ' ')));
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    /**
     * No failure is retried (backoffLimitPerIndex 0 already says so); these rules make the two
     * generator faults explicit: an OOM kill of the worker and a disruption (eviction, preemption)
     * fail their index at once and are counted, never re-run.
     */
    private static PodFailurePolicy podFailurePolicy() {
        return new PodFailurePolicyBuilder()
                .addNewRule()
                    .withAction("FailIndex")
                    .withNewOnExitCodes()
                        .withContainerName(CONTAINER).withOperator("In").withValues(KILLED_EXIT_CODE)
                    .endOnExitCodes()
                .endRule()
                .addNewRule()
                    .withAction("FailIndex")
                    .addNewOnPodCondition().withType("DisruptionTarget").withStatus("True").endOnPodCondition()
                .endRule()
                .build();
    }

    private static Map<String, String> scrapeAnnotations() {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("prometheus.io/scrape", "true");
        annotations.put("prometheus.io/port", String.valueOf(METRICS_PORT));
        annotations.put("prometheus.io/path", "/q/metrics");
        return annotations;
    }

    private static OwnerReference ownerReference(Job owner) {
        if (owner.getMetadata().getUid() == null) {
            throw new IllegalArgumentException("owner: must be a created Job with a uid, was Job "
                    + owner.getMetadata().getName() + " without uid");
        }
        // No blockOwnerDeletion: setting it needs rights on jobs/finalizers, and the GC removes these anyway.
        return new OwnerReferenceBuilder()
                .withApiVersion("batch/v1")
                .withKind("Job")
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .build();
    }

    private static long ceilSeconds(java.time.Duration duration) {
        return duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notText) {
            return null;
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
