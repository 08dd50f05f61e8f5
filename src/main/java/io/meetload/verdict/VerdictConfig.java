package io.meetload.verdict;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the verdict judges the generator; see {@link VerdictEngine#of(VerdictConfig)}. */
@ConfigMapping(prefix = "meetload.verdict")
public interface VerdictConfig {

    /** How long the CPU must stay at or over the plan's maxGeneratorCpuRatio to count as saturated; default 30s. */
    @WithDefault("30s")
    Duration saturationWindow();

    /** How far before a failure a generator fault still explains it; default 5m. */
    @WithDefault("5m")
    Duration attributionLookback();
}
