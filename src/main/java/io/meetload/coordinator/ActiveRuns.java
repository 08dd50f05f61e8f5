package io.meetload.coordinator;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The runs this coordinator is watching (not finished yet), by id. */
@ApplicationScoped
class ActiveRuns {

    private final Map<String, ActiveRun> runs = new ConcurrentHashMap<>();

    Optional<ActiveRun> get(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    void put(ActiveRun run) {
        runs.put(run.launch.runId(), run);
    }

    void remove(String id) {
        runs.remove(id);
    }

    Collection<ActiveRun> all() {
        return List.copyOf(runs.values());
    }
}
