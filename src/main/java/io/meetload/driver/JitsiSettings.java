package io.meetload.driver;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The URL hash overrides the {@code jitsi} driver adds, each one a setting that can be switched
 * off: a deployment may already set them, and one seen in the wild started no media at all when
 * the URL also disabled prejoin.
 */
@ConfigMapping(prefix = "meetload.jitsi")
public interface JitsiSettings {

    /** {@code config.prejoinConfig.enabled=false}; default true. */
    @WithDefault("true")
    boolean disablePrejoin();

    /** {@code config.requireDisplayName=false}; default true. */
    @WithDefault("true")
    boolean noDisplayNameRequired();

    /** {@code config.p2p.enabled=false}, so media goes through the bridge; default true. */
    @WithDefault("true")
    boolean disableP2p();

    /** {@code config.disable1On1Mode=true}; default true. */
    @WithDefault("true")
    boolean disable1On1Mode();

    /** {@code config.analytics.disabled=true}; default true. */
    @WithDefault("true")
    boolean disableAnalytics();

    /** {@code config.testing.testMode=true}; default true. */
    @WithDefault("true")
    boolean testMode();

    /** {@code config.testing.noAutoPlayVideo=true}: remote video is not played (saves CPU); default true. */
    @WithDefault("true")
    boolean noAutoPlayVideo();

    /** {@code config.disableTileView=true}; default true. */
    @WithDefault("true")
    boolean disableTileView();

    /** {@code config.disableAEC=true&config.disableNS=true}; default true. */
    @WithDefault("true")
    boolean disableAudioProcessing();

    /** {@code config.flags.runInLiteMode=true}; default false. */
    @WithDefault("false")
    boolean liteMode();

    /** {@code config.pcStatsInterval} (the page's stats period); 0 leaves it out; default 5s. */
    @WithDefault("5s")
    Duration pcStatsInterval();

    /** {@code config.gatherStats=true}: the page keeps the stats {@code getStats()} returns; default true. */
    @WithDefault("true")
    boolean gatherStats();

    /** Start muted / no initial getUserMedia for participants that send nothing; default true. */
    @WithDefault("true")
    boolean muteNonSenders();

    /** A JWT for {@code #jwt=}, e.g. a moderator token that passes a lobby; default none. */
    Optional<String> jwt();

    /** More overrides, key to JSON value, e.g. {@code config.resolution=360}; default none. */
    Map<String, String> extra();
}
