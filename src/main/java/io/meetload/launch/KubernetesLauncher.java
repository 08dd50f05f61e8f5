package io.meetload.launch;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a plan's instances as one Indexed Job (see {@link JobFactory}). Everything it knows lives
 * in the cluster, found again by the run's labels, so a restarted coordinator sees the same
 * state. The client connects only when a method is called, so the application starts without a
 * cluster; in a pod it uses the pod's service account (in-cluster config). Chosen by name
 * ({@code kubernetes}), never the default launcher.
 */
@Named("kubernetes")
// A second qualifier takes away @Default, so a plain "@Inject Launcher" never gets this one by chance.
@Identifier("kubernetes")
@ApplicationScoped
public class KubernetesLauncher implements Launcher {

    private static final Logger LOG = Logger.getLogger(KubernetesLauncher.class);

    private final KubernetesClient client;
    private final KubernetesSettings settings;
    private final JobFactory factory;
    private final KubernetesPodOutcomes outcomes;
    private final Clock clock;

    /** Takes the application's Clock when one is produced, the system clock otherwise. */
    @Inject
    public KubernetesLauncher(KubernetesClient client, KubernetesSettings settings, Instance<Clock> clocks) {
        this(client, settings, clocks.isResolvable() ? clocks.get() : Clock.systemUTC());
    }

    public KubernetesLauncher(KubernetesClient client, KubernetesSettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.factory = new JobFactory(settings);
        this.outcomes = new KubernetesPodOutcomes(settings.pendingTimeout());
        this.clock = clock;
    }

    @Override
    public void launch(RunLaunch launch) throws LaunchException {
        byte[] planBytes;
        try {
            planBytes = Files.readAllBytes(launch.planFile());
        } catch (IOException e) {
            throw new LaunchException("planFile: cannot be read at " + launch.planFile() + ": " + e.getMessage(), e);
        }
        String namespace = namespace();
        String name = JobFactory.jobName(launch.runId());
        Job created;
        try {
            created = client.batch().v1().jobs().inNamespace(namespace)
                    .resource(factory.job(launch, namespace)).create();
        } catch (KubernetesClientException e) {
            throw new LaunchException("run " + launch.runId() + ": Job " + name + " could not be created in namespace "
                    + namespace + ": " + describe(e), e);
        }
        try {
            client.configMaps().inNamespace(namespace).resource(factory.planConfigMap(launch, planBytes, created)).create();
            client.secrets().inNamespace(namespace).resource(factory.tokenSecret(launch, created)).create();
            // The Job was created suspended so that no pod starts before its plan and token exist.
            client.batch().v1().jobs().inNamespace(namespace).withName(name).edit(job -> {
                job.getSpec().setSuspend(false);
                return job;
            });
        } catch (KubernetesClientException e) {
            removeQuietly(launch, namespace, name);
            throw new LaunchException("run " + launch.runId() + ": the plan ConfigMap, token Secret or start of Job "
                    + name + " failed in namespace " + namespace + ", the Job was removed again: " + describe(e), e);
        }
        LOG.infof("run %s: Job %s started in namespace %s with %d instances of %s CPU, %s memory", launch.runId(),
                name, namespace, launch.plan().instances(), launch.plan().instanceSize().cpu(),
                launch.plan().instanceSize().memory());
    }

    /**
     * The run's pods, read by label. A failing API call throws (KubernetesClientException), so a
     * passing fault is never taken for instances that vanished.
     */
    @Override
    public Map<Integer, InstanceStatus> status(RunLaunch launch) {
        List<Pod> pods = client.pods().inNamespace(namespace())
                .withLabels(JobFactory.labels(launch.runId())).list().getItems();
        return outcomes.statuses(pods, launch.plan().instanceSize().memory(), clock.instant());
    }

    /** Deletes the Job in the foreground: it is gone once its pods are (they get SIGTERM and report). */
    @Override
    public void stop(RunLaunch launch, String why) {
        String namespace = namespace();
        String name = JobFactory.jobName(launch.runId());
        LOG.infof("run %s: deleting Job %s in namespace %s: %s", launch.runId(), name, namespace, why);
        try {
            client.batch().v1().jobs().inNamespace(namespace).withName(name)
                    .withPropagationPolicy(DeletionPropagation.FOREGROUND)
                    .withTimeout(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .delete();
        } catch (KubernetesClientException e) {
            LOG.warnf("run %s: Job %s in namespace %s not gone within %s s: %s", launch.runId(), name, namespace,
                    settings.stopTimeout().toSeconds(), describe(e));
        }
    }

    String namespace() {
        return settings.namespace().orElseGet(() -> client.getNamespace() == null ? "default" : client.getNamespace());
    }

    private void removeQuietly(RunLaunch launch, String namespace, String name) {
        try {
            // Owner references would remove these with the Job, but only where a garbage collector runs.
            client.configMaps().inNamespace(namespace).withName(JobFactory.planConfigMapName(launch.runId())).delete();
            client.secrets().inNamespace(namespace).withName(JobFactory.tokenSecretName(launch.runId())).delete();
            client.batch().v1().jobs().inNamespace(namespace).withName(name)
                    .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        } catch (KubernetesClientException e) {
            LOG.errorf("run %s: Job %s in namespace %s could not be removed after a failed launch: %s",
                    launch.runId(), name, namespace, describe(e));
        }
    }

    private static String describe(KubernetesClientException e) {
        return e.getCode() > 0 ? "HTTP " + e.getCode() + ": " + e.getMessage() : e.getMessage();
    }
}
