package io.meetload.launch;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.meetload.instance.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manifests under k8s/: every kustomization names files that exist, every manifest is one
 * that is named, kinds are the expected ones and nothing is cluster-wide. Where kubectl is on the
 * PATH, kustomize itself renders both entry points too.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final Set<String> CLUSTER_WIDE = Set.of("ClusterRole", "ClusterRoleBinding");
    private static final List<String> BASE_KINDS = List.of("Deployment", "Namespace", "PersistentVolumeClaim", "Role",
            "RoleBinding", "Service", "ServiceAccount");

    @Test
    void everyKustomizationNamesExistingFilesAndEveryManifestIsNamed() throws IOException {
        Set<Path> named = new HashSet<>();
        for (Path kustomization : files("kustomization.yaml")) {
            Path dir = kustomization.getParent();
            Map<String, Object> k = yaml(kustomization);
            for (String key : List.of("resources", "components")) {
                for (String entry : strings(k.get(key))) {
                    Path target = dir.resolve(entry).normalize();
                    assertTrue(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")),
                            kustomization + ": " + key + " entry " + entry + " is neither a file nor a kustomization");
                    named.add(target);
                }
            }
            for (Object generator : list(k.get("configMapGenerator"))) {
                for (String file : strings(((Map<?, ?>) generator).get("files"))) {
                    Path target = dir.resolve(file).normalize();
                    assertTrue(Files.isRegularFile(target), kustomization + ": configMapGenerator file " + file + " is missing");
                    named.add(target);
                }
            }
        }
        for (Path manifest : manifests()) {
            assertTrue(named.contains(manifest.normalize()), manifest + " is in no kustomization");
        }
    }

    @Test
    void manifestsAreTheExpectedKindsAndNoneIsClusterWide() throws IOException {
        Set<String> kinds = new TreeSet<>();
        for (Path manifest : manifests()) {
            HasMetadata object = Serialization.unmarshal(Files.readString(manifest));
            assertNotNull(object.getMetadata().getName(), manifest + ": metadata.name");
            assertFalse(CLUSTER_WIDE.contains(object.getKind()), manifest + " is a " + object.getKind());
            kinds.add(object.getKind());
        }
        Set<String> expected = new TreeSet<>(BASE_KINDS);
        expected.addAll(List.of("PodMonitor", "ServiceMonitor"));
        assertEquals(expected, kinds);
    }

    @Test
    void roleIsLimitedToWhatTheLauncherDoes() throws IOException {
        Role role = Serialization.unmarshal(Files.readString(K8S.resolve("base/role.yaml")), Role.class);
        Map<String, List<String>> verbs = new java.util.TreeMap<>();
        for (PolicyRule rule : role.getRules()) {
            assertFalse(rule.getVerbs().contains("*") || rule.getResources().contains("*"), "no wildcards: " + rule);
            for (String resource : rule.getResources()) {
                verbs.put(resource, rule.getVerbs());
            }
        }
        assertEquals(Set.of("jobs", "pods", "pods/log", "configmaps", "secrets", "events"), verbs.keySet());
        assertEquals(List.of("create", "delete"), verbs.get("secrets"), "it never reads Secrets");
        assertEquals(List.of("get", "list", "watch"), verbs.get("pods"));
        assertEquals(List.of("get"), verbs.get("pods/log"));
    }

    @Test
    void coordinatorRunsNonRootReadOnlyWithProbesSecretsAndItsRunStore() throws IOException {
        Deployment deployment = Serialization.unmarshal(Files.readString(K8S.resolve("base/deployment.yaml")),
                Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container coordinator = pod.getContainers().get(0);

        assertEquals("meetload-coordinator", pod.getServiceAccountName());
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(Boolean.TRUE, coordinator.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(Boolean.FALSE, coordinator.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), coordinator.getSecurityContext().getCapabilities().getDrop());
        assertEquals("/q/health/live", coordinator.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/q/health/ready", coordinator.getReadinessProbe().getHttpGet().getPath());
        assertEquals(8080, coordinator.getPorts().get(0).getContainerPort());
        assertNotNull(coordinator.getResources().getLimits().get("memory"));

        Map<String, EnvVar> env = coordinator.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        assertEquals("kubernetes", env.get("MEETLOAD_LAUNCHER").getValue());
        assertEquals("/data", env.get("MEETLOAD_DATA_DIR").getValue());
        assertEquals("meetload-secrets", env.get("MEETLOAD_API_TOKEN").getValueFrom().getSecretKeyRef().getName());
        assertFalse(Boolean.TRUE.equals(env.get("MEETLOAD_API_TOKEN").getValueFrom().getSecretKeyRef().getOptional()),
                "no coordinator without an API token");
        assertEquals(Boolean.TRUE,
                env.get("MEETLOAD_CHATOPS_SLACK_SIGNING_SECRET").getValueFrom().getSecretKeyRef().getOptional());
        String dataVolume = coordinator.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/data"))
                .findFirst().orElseThrow().getName();
        assertEquals("meetload-data", pod.getVolumes().stream().filter(v -> v.getName().equals(dataVolume))
                .findFirst().orElseThrow().getPersistentVolumeClaim().getClaimName());
    }

    @Test
    void dashboardShowsParticipantsCpuAgainstTheLimitBitrateDropsAndBridgeStress() throws IOException {
        JsonNode dashboard = Json.MAPPER.readTree(
                K8S.resolve("components/grafana-dashboard/meetload-dashboard.json").toFile());
        List<String> exprs = new ArrayList<>();
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> exprs.add(t.get("expr").asText())));

        assertTrue(exprs.contains("sum by (state) (meetload_participants{run=~\"$run\"})"), exprs.toString());
        assertTrue(exprs.contains("meetload_instance_cpu_ratio{run=~\"$run\"}"), exprs.toString());
        assertTrue(exprs.contains("vector(1)") && exprs.contains("vector(0.9)"), exprs.toString());
        assertTrue(exprs.contains("meetload_participant_receive_bits_per_second{run=~\"$run\"}"), exprs.toString());
        assertTrue(exprs.contains("sum by (reason) (increase(meetload_participant_drops_total{run=~\"$run\"}[5m]))"),
                exprs.toString());
        assertTrue(exprs.contains("jitsi_jvb_stress"), exprs.toString());
    }

    @Test
    void examplePlansAreTheOriginalLoadTestAndASmallJanusOne() throws IOException {
        JsonNode original = Json.MAPPER.readTree(K8S.resolve("examples/plan-12p-10cam-30min.json").toFile());
        assertEquals(12, original.get("participants").asInt());
        assertEquals(10, original.get("videoSenders").asInt());
        assertEquals(6, original.get("instances").asInt());
        assertEquals("PT30M", original.get("duration").asText());
        assertEquals("2", original.get("instanceSize").get("cpu").asText());
        assertEquals("4Gi", original.get("instanceSize").get("memory").asText());
        assertEquals("https://meet.example.org", original.get("target").get("url").asText());
        assertEquals("loadtest-12p", original.get("target").get("room").asText());

        JsonNode janus = Json.MAPPER.readTree(K8S.resolve("examples/plan-janus-small.json").toFile());
        assertEquals("janus", janus.get("target").get("driver").asText());
        assertTrue(janus.get("participants").asInt() <= 4);
    }

    @Test
    void kustomizeRendersBothEntryPointsNamespacedAndWithoutClusterWideObjects() throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl (with kustomize) is not on the PATH");
        Set<String> monitoring = new TreeSet<>(BASE_KINDS);
        monitoring.addAll(List.of("ConfigMap", "PodMonitor", "ServiceMonitor"));
        Map<String, Set<String>> expected = Map.of("k8s", new TreeSet<>(BASE_KINDS), "k8s/overlays/monitoring", monitoring);

        for (Map.Entry<String, Set<String>> entry : expected.entrySet()) {
            List<HasMetadata> objects = render(entry.getKey());
            Set<String> kinds = objects.stream().map(HasMetadata::getKind).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(entry.getValue(), kinds, entry.getKey());
            for (HasMetadata object : objects) {
                if (!object.getKind().equals("Namespace")) {
                    assertEquals("meetload", object.getMetadata().getNamespace(), object.getKind() + " " + object.getMetadata().getName());
                }
            }
        }
        HasMetadata dashboard = render("k8s/overlays/monitoring").stream()
                .filter(o -> o.getKind().equals("ConfigMap")).findFirst().orElseThrow();
        assertEquals("meetload-dashboard", dashboard.getMetadata().getName());
        assertEquals("1", dashboard.getMetadata().getLabels().get("grafana_dashboard"));
    }

    private static List<HasMetadata> render(String dir) throws Exception {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir).redirectErrorStream(true).start();
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + dir + " did not finish");
        assertEquals(0, kubectl.exitValue(), "kubectl kustomize " + dir + ":\n" + out);
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : out.split("(?m)^---$")) {
            if (!document.isBlank()) {
                objects.add(Serialization.unmarshal(document));
            }
        }
        return objects;
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** Every Kubernetes object under k8s/: the YAML files that are not kustomizations. */
    private static List<Path> manifests() throws IOException {
        try (Stream<Path> walk = Files.walk(K8S)) {
            return walk.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("kustomization.yaml")).sorted().toList();
        }
    }

    private static List<Path> files(String name) throws IOException {
        try (Stream<Path> walk = Files.walk(K8S)) {
            return walk.filter(p -> p.endsWith(name)).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        return Serialization.yamlMapper().readValue(file.toFile(), Map.class);
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }
}
