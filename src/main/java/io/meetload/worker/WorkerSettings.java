package io.meetload.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The worker's settings ({@code MEETLOAD_WORKER_...} in the environment). */
@ConfigMapping(prefix = "meetload.worker")
public interface WorkerSettings {

    /** The plan file (a mounted ConfigMap in Kubernetes); default none (then MEETLOAD_PLAN, the plan's JSON). */
    Optional<Path> plan();

    /** How many instances share the plan; default: the plan's {@code instances}. */
    Optional<Integer> count();

    /** The run this instance belongs to (given by the coordinator); default {@code local}. */
    @WithDefault("local")
    String run();

    /** The coordinator's base URL for heartbeats and the report; default none (report to a file only). */
    Optional<URI> coordinatorUrl();

    /** The run's worker token, sent as a bearer token to the coordinator; default none. */
    Optional<String> token();

    /** Where the instance report is written; default {@code meetload-report-<run>-<index>.json} in the working folder. */
    Optional<Path> reportFile();

    /** The Chromium binary; default {@code /usr/bin/chromium}. */
    @WithDefault("/usr/bin/chromium")
    Path chromium();

    /** The chromedriver binary (never downloaded); default {@code /usr/bin/chromedriver}. */
    @WithDefault("/usr/bin/chromedriver")
    Path chromedriver();

    /** More Chromium flags, e.g. {@code --disable-dev-shm-usage}; default none. */
    Optional<List<String>> chromiumArgs();

    /** Where the browsers' profile folders go; default the system temp folder. */
    Optional<Path> profileDir();

    /** How often each participant and the host are sampled; default 5s. */
    @WithDefault("5s")
    Duration sampleInterval();

    /** How long a participant may take from opening the page to joined; default 60s. */
    @WithDefault("60s")
    Duration joinTimeout();

    /** How long a joined participant may take until media flows; default 30s. */
    @WithDefault("30s")
    Duration mediaTimeout();

    /** How long media may stop or the connection stay interrupted before the participant counts as dropped; default 20s. */
    @WithDefault("20s")
    Duration dropTimeout();

    /** How often a heartbeat with the latest samples goes to the coordinator; default 5s. */
    @WithDefault("5s")
    Duration heartbeatInterval();

    /** How long the worker keeps retrying to deliver its report; default 5m. */
    @WithDefault("5m")
    Duration reportRetryFor();

    /** How long participants get to leave and browsers to close at the end; default 20s. */
    @WithDefault("20s")
    Duration stopTimeout();

    /** Janus page: Janus's own janus.js (Debian libjs-janus-gateway); default its Debian path. */
    @WithDefault("/usr/share/javascript/janus-gateway/janus.js")
    Path janusJs();

    /** Janus page: adapter.js (Debian libjs-webrtc-adapter); default its Debian path. */
    @WithDefault("/usr/share/javascript/webrtc-adapter/adapter.js")
    Path adapterJs();

    /** Janus page: attach remote tracks to video elements (frames decode either way); default true. */
    @WithDefault("true")
    boolean renderRemoteVideo();

    /** Janus page: the publisher bitrate asked of Janus, bits per second; default 1000000. */
    @WithDefault("1000000")
    long janusBitrate();
}
