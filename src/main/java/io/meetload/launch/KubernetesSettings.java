package io.meetload.launch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How the Kubernetes launcher builds and watches a run's Job. */
@ConfigMapping(prefix = "meetload.kubernetes")
public interface KubernetesSettings {

    /** The worker image every pod runs; default {@code meetload/worker:latest}. */
    @WithDefault("meetload/worker:latest")
    String workerImage();

    /** Pull policy of the worker image: Always, IfNotPresent or Never; default IfNotPresent. */
    @WithDefault("IfNotPresent")
    PullPolicy imagePullPolicy();

    /** Namespace of the runs' Jobs; default: the client's own (in a pod: the pod's namespace). */
    Optional<String> namespace();

    /** Service account of the worker pods; default: the namespace's default account. */
    Optional<String> serviceAccount();

    /** How long a pod may stay Pending before its instance counts as NOT_STARTED; default 5m. */
    @WithDefault("5m")
    Duration pendingTimeout();

    /** Added to ramp-up + duration for the Job's activeDeadlineSeconds (start, report, stop); default 5m. */
    @WithDefault("5m")
    Duration deadlineGrace();

    /** How long a finished Job and its pods stay for inspection (ttlSecondsAfterFinished); default 1d. */
    @WithDefault("1d")
    Duration ttlAfterFinished();

    /** Size of the in-memory /dev/shm of each pod, a Kubernetes quantity; default 1Gi. */
    @WithDefault("1Gi")
    String shmSize();

    /** How long stop() waits for the Job and its pods to be gone; default 2m. */
    @WithDefault("2m")
    Duration stopTimeout();

    /** Written {@code Always}, {@code IfNotPresent} or {@code Never}, as in a pod spec. */
    enum PullPolicy {
        ALWAYS("Always"), IF_NOT_PRESENT("IfNotPresent"), NEVER("Never");

        private final String kubernetesName;

        PullPolicy(String kubernetesName) {
            this.kubernetesName = kubernetesName;
        }

        public String kubernetesName() {
            return kubernetesName;
        }
    }
}
