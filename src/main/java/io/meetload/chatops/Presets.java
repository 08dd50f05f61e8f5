package io.meetload.chatops;

import io.meetload.coordinator.ApiConfig;
import io.meetload.coordinator.StoreConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The named plans a chat command can run: {@code NAME.json} in one folder (the data folder's
 * {@code presets}, or a mounted ConfigMap). Names are checked before they become paths, and the
 * path must stay in the folder.
 */
@ApplicationScoped
public class Presets {

    private static final int MAX_LISTED = 20;

    private final Path dir;
    private final int maxBytes;

    public Presets(ChatOpsConfig chat, StoreConfig store, ApiConfig api) {
        this.dir = chat.presetsDir().orElse(store.dataDir().resolve("presets")).toAbsolutePath().normalize();
        this.maxBytes = api.maxBodyBytes();
    }

    public Path dir() {
        return dir;
    }

    /** The preset's text; empty when there is no such preset. Throws ChatCommand.Refused when it cannot be used. */
    Optional<String> load(String name) {
        if (!ChatCommand.PRESET.matcher(name).matches()) {
            throw new ChatCommand.Refused("preset: not a valid name");
        }
        Path file = dir.resolve(name + ".json").normalize();
        if (!dir.equals(file.getParent())) {
            throw new ChatCommand.Refused("preset: not a valid name");
        }
        try {
            if (Files.size(file) > maxBytes) {
                throw new ChatCommand.Refused("preset " + name + ": larger than " + maxBytes + " bytes (meetload.api.max-body-bytes)");
            }
            return Optional.of(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ChatCommand.Refused("preset " + name + ": cannot be read on the coordinator");
        }
    }

    /** The names of the presets there are, sorted, at most 20. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                name = name.substring(0, name.length() - ".json".length());
                if (ChatCommand.PRESET.matcher(name).matches()) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            return names;
        }
        names.sort(null);
        return names.size() > MAX_LISTED ? names.subList(0, MAX_LISTED) : names;
    }
}
