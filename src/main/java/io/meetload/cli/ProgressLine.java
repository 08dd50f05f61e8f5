package io.meetload.cli;

import io.meetload.coordinator.RunProgress;
import io.meetload.coordinator.RunQueries;

import java.util.Locale;

/** One line of live progress: joined x/N, dropped, CPU per instance, time left. */
final class ProgressLine {

    private ProgressLine() {
    }

    static String of(RunQueries.RunView run) {
        RunProgress p = run.progress();
        StringBuilder line = new StringBuilder()
                .append(run.status().name().toLowerCase(Locale.ROOT))
                .append(" | joined ").append(p.joined()).append('/').append(p.participants())
                .append(" | dropped ").append(p.failed())
                .append(" | cpu");
        for (RunProgress.InstanceProgressView i : p.instances()) {
            line.append(" i").append(i.index()).append('=');
            if (i.reported()) {
                line.append("done");
            } else if (i.cpuRatio() == null) {
                line.append(i.silent() ? "silent" : "-");
            } else {
                line.append(Math.round(i.cpuRatio() * 100)).append('%').append(i.silent() ? "(silent)" : "");
            }
        }
        if (p.timeLeftSeconds() != null) {
            line.append(" | ").append(String.format(Locale.ROOT, "%d:%02d left",
                    p.timeLeftSeconds() / 60, p.timeLeftSeconds() % 60));
        }
        return line.toString();
    }
}
