package io.meetload.coordinator;

import io.meetload.launch.Launcher;
import io.quarkus.arc.All;
import io.quarkus.arc.InstanceHandle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Picks the launcher named by {@code meetload.launcher} among the {@code @Named} Launcher beans
 * (local here; kubernetes where that bean is built in).
 */
@ApplicationScoped
public class Launchers {

    /** Handles, not instances: only the selected launcher is ever created (no cluster client for local runs). */
    private final Map<String, InstanceHandle<Launcher>> byName = new TreeMap<>();
    private final String wanted;

    public Launchers(@All List<InstanceHandle<Launcher>> launchers, StoreConfig config) {
        for (InstanceHandle<Launcher> handle : launchers) {
            handle.getBean().getQualifiers().stream()
                    .filter(q -> q instanceof Named)
                    .map(q -> ((Named) q).value())
                    .findFirst()
                    .ifPresent(name -> byName.put(name, handle));
        }
        this.wanted = config.launcher();
    }

    /** The configured launcher; throws naming the setting and what is available when there is none. */
    public Launcher selected() {
        InstanceHandle<Launcher> launcher = byName.get(wanted);
        if (launcher == null) {
            throw new IllegalStateException("meetload.launcher: must be one of " + byName.keySet() + ", was " + wanted);
        }
        return launcher.get();
    }

    public String selectedName() {
        return wanted;
    }
}
