package io.meetload.security;

import io.meetload.chatops.ChatOpsConfig;
import io.meetload.chatops.WebhookConfig;
import io.meetload.coordinator.CoordinatorConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.CommandLineArguments;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start a coordinator ({@code serve}, or auto-start) whose API would be open to the
 * network, or whose security settings cannot be read. Runs on StartupEvent, before the HTTP
 * server opens its socket, so a refused coordinator never listens at all.
 */
@ApplicationScoped
public class StartupGuard {

    private static final Logger LOG = Logger.getLogger(StartupGuard.class);

    private final ApiSecurityConfig api;
    private final ChatOpsConfig chat;
    private final WebhookConfig webhooks;
    private final CoordinatorConfig coordinator;
    private final String httpHost;
    private final String[] args;

    public StartupGuard(ApiSecurityConfig api, ChatOpsConfig chat, WebhookConfig webhooks,
                        CoordinatorConfig coordinator,
                        @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String httpHost,
                        @CommandLineArguments String[] args) {
        this.api = api;
        this.chat = chat;
        this.webhooks = webhooks;
        this.coordinator = coordinator;
        this.httpHost = httpHost;
        this.args = args;
    }

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        boolean serving = args.length > 0 && "serve".equals(args[0]);
        if (!serving && !coordinator.autoStart()) {
            return;
        }
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            String message = "meetload coordinator refuses to start:\n  - " + String.join("\n  - ", problems);
            LOG.error(message);
            throw new IllegalStateException(message);
        }
        if (api.token().isEmpty()) {
            LOG.warnf("meetload.api.token is not set: the API takes requests without a token, from this machine only (%s)",
                    LogSafe.text(httpHost));
        }
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>(Exposure.problems(api.token(), httpHost));
        collect(problems, () -> PlanPolicy.of(api));
        collect(problems, () -> HostAllowList.parse("meetload.chatops.response-url-hosts", chat.responseUrlHosts()));
        if (api.maxParticipants() < 1) {
            problems.add("meetload.api.max-participants: must be at least 1, was " + api.maxParticipants());
        }
        if (api.maxConcurrentRuns() < 1) {
            problems.add("meetload.api.max-concurrent-runs: must be at least 1, was " + api.maxConcurrentRuns());
        }
        if (api.requestsPerMinute() < 1) {
            problems.add("meetload.api.requests-per-minute: must be at least 1, was " + api.requestsPerMinute());
        }
        problems.addAll(webhooks.problems());
        return problems;
    }

    private static void collect(List<String> problems, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }
}
