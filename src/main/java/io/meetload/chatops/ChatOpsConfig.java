package io.meetload.chatops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Slash commands from Slack and Mattermost, and where their presets are. */
@ConfigMapping(prefix = "meetload.chatops")
public interface ChatOpsConfig {

    Slack slack();

    Mattermost mattermost();

    /** Where the named plans of {@code run PRESET} are (NAME.json); default {@code <meetload.data-dir>/presets}. */
    Optional<Path> presetsDir();

    /** The coordinator's address as people reach it, for links in chat and webhooks; default the address a command came in on. */
    Optional<URI> publicUrl();

    /** Hosts a command's response_url may name (https only, or http on loopback); default hooks.slack.com. */
    @WithDefault("hooks.slack.com")
    List<String> responseUrlHosts();

    /** How long a command waits for its run to start before answering without the run id; default 2s (Slack allows 3s). */
    @WithDefault("2s")
    Duration replyWait();

    /** How far a request's timestamp may be from now, either way; default 5m. */
    @WithDefault("5m")
    Duration maxClockSkew();

    /** Largest command body, in bytes (413 above it); default 16384. */
    @WithDefault("16384")
    int maxBodyBytes();

    interface Slack {
        /** The Slack app's signing secret; no default (without it, and without a Mattermost token, the endpoint is 404). */
        Optional<String> signingSecret();

        /** An incoming webhook for verdicts when a command's response_url has expired (30 min); no default. */
        Optional<URI> incomingWebhook();
    }

    interface Mattermost {
        /** The slash command's token, as Mattermost shows it; no default (Mattermost commands refused). */
        Optional<String> token();
    }
}
