package io.meetload.coordinator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run store on real files. */
class RunStoreTest {

    @TempDir
    Path root;

    private RunStore store(Path dir) {
        StoreConfig config = new StoreConfig() {
            public Path dataDir() { return dir; }
            public String launcher() { return "local"; }
        };
        return new RunStore(config, Clock.fixed(Instant.parse("2026-12-04T14:32:59Z"), ZoneOffset.UTC));
    }

    @Test
    void idsAreSortableUniqueAndCarryTheUtcMinute() throws IOException {
        RunStore store = store(root);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String id = store.allocate();
            assertTrue(id.matches("r-20261204-1432-[0-9a-f]{4}"), id);
            assertTrue(ids.add(id), "drawn twice: " + id);
            assertTrue(Files.isDirectory(root.resolve(id).resolve("instances")));
        }
        // A folder without run.json is not a run yet.
        assertEquals(0, store.list().size());
        assertFalse(store.exists(ids.iterator().next()));
    }

    @Test
    void stateIsWrittenWholeAndListedNewestFirst() throws IOException {
        RunStore store = store(root);
        for (String id : new String[] {"r-20261204-1430-0001", "r-20261204-1431-0001"}) {
            Files.createDirectories(root.resolve(id));
            store.save(new RunState(id, "p", RunStatus.RUNNING, 1, 2, "d", "h", Instant.EPOCH, null, null, null,
                    null, null, Map.of()));
        }
        assertEquals("r-20261204-1431-0001", store.list().get(0).id());
        try (var files = Files.list(root.resolve("r-20261204-1430-0001"))) {
            assertEquals(Set.of("run.json"), files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
                    "no temp file is left behind");
        }
        store.writeToken("r-20261204-1430-0001", "secret");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("r-20261204-1430-0001/worker-token"))));
    }

    @Test
    void runsOfTheSameMinuteAreListedByTheirCreationTime() throws IOException {
        RunStore store = store(root);
        Instant first = Instant.parse("2026-12-04T14:32:05Z");
        String[][] runs = {{"r-20261204-1432-ffff", "PT0S"}, {"r-20261204-1432-0001", "PT20S"}, {"r-20261204-1432-8000", "PT40S"}};
        for (String[] run : runs) {
            Files.createDirectories(root.resolve(run[0]));
            store.save(new RunState(run[0], "p", RunStatus.RUNNING, 1, 2, "d", "h", first.plus(Duration.parse(run[1])),
                    null, null, null, null, null, Map.of()));
        }
        assertEquals(List.of("r-20261204-1432-8000", "r-20261204-1432-0001", "r-20261204-1432-ffff"),
                store.list().stream().map(RunState::id).toList());
    }

    @Test
    void pathTricksAreNotRunIds() {
        RunStore store = store(root);
        assertThrows(IllegalArgumentException.class, () -> store.dir("../etc"));
        assertFalse(store.exists("../../etc/passwd"));
    }

    @Test
    void usableOnlyWhenTheFolderExistsAndIsWritable() throws IOException {
        assertFalse(store(root.resolve("missing")).usable());
        assertTrue(store(root).usable());
        // A file where the folder should be: a mount gone wrong, a typo.
        Path file = Files.writeString(root.resolve("not-a-folder"), "x");
        assertFalse(store(file).usable());
    }
}
