package io.meetload.security;

import io.meetload.plan.Durations;
import io.meetload.plan.PlanError;
import io.meetload.plan.RunPlan;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What this coordinator accepts of a valid plan: targets on the allow-list only (so it cannot be
 * aimed at someone else's server), and no more participants or time than its limits. Pure; every
 * refusal names the setting that draws the line.
 */
public record PlanPolicy(HostAllowList targets, int maxParticipants, Duration maxDuration) {

    public static PlanPolicy of(ApiSecurityConfig config) {
        return new PlanPolicy(HostAllowList.parse("meetload.api.allowed-targets", config.allowedTargets()),
                config.maxParticipants(), config.maxDuration());
    }

    /** Every rule of this coordinator the plan breaks; empty when it may run. */
    public List<PlanError> check(RunPlan plan) {
        List<PlanError> refused = new ArrayList<>();
        url(refused, "target.url", plan.target().url());
        plan.bridge().ifPresent(b -> url(refused, "bridge.prometheusUrl", b.prometheusUrl()));
        if (plan.participants() > maxParticipants) {
            refused.add(new PlanError("participants", "must be at most " + maxParticipants
                    + " on this coordinator (meetload.api.max-participants)", Integer.toString(plan.participants())));
        }
        if (plan.duration().compareTo(maxDuration) > 0) {
            refused.add(new PlanError("duration", "must be at most " + Durations.human(maxDuration)
                    + " on this coordinator (meetload.api.max-duration)",
                    "\"" + plan.duration() + "\" (" + Durations.human(plan.duration()) + ")"));
        }
        return refused;
    }

    private void url(List<PlanError> refused, String field, String text) {
        String seen = "\"" + text + "\"";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            refused.add(new PlanError(field, "must be an absolute http or https URL", seen));
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            refused.add(new PlanError(field, "must use http or https", seen));
        } else if (!targets.allows(uri)) {
            refused.add(new PlanError(field, "must name a host on this coordinator's allow-list (meetload.api.allowed-targets: "
                    + targets.describe() + ")", seen));
        }
    }
}
