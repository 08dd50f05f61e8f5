package io.meetload.launch;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The application starts, and the launcher is built, with no cluster anywhere near. */
@QuarkusTest
class KubernetesLauncherWithoutClusterTest {

    @Inject
    @Named("kubernetes")
    Launcher launcher;

    @Test
    void theLauncherIsBuiltByNameWithoutConnecting() {
        KubernetesLauncher kubernetes = assertInstanceOf(KubernetesLauncher.class, launcher);
        // No kubeconfig and no service account here: the namespace falls back without a request. (The
        // test server of another test class leaves kubernetes.namespace set in this JVM.)
        assertEquals(System.getProperty("kubernetes.namespace", "default"), kubernetes.namespace());
    }

    @Test
    void itIsNeverTheDefaultLauncher() {
        Set<Bean<?>> defaults = Arc.container().beanManager().getBeans(Launcher.class, Default.Literal.INSTANCE);
        assertFalse(defaults.stream().anyMatch(b -> b.getBeanClass().equals(KubernetesLauncher.class)), defaults.toString());
    }
}
