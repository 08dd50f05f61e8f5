package io.meetload.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary's entry: some commands need settings before Quarkus starts (validate opens no port;
 * run takes a free loopback port and keeps its runs beside its output). A setting given by the
 * user (system property or environment variable) always wins.
 */
@QuarkusMain
public class MeetloadMain implements QuarkusApplication {

    private final CommandLine.IFactory factory;

    @Inject
    public MeetloadMain(CommandLine.IFactory factory) {
        this.factory = factory;
    }

    public static void main(String... args) {
        List<String> preset = preset(args);
        try {
            Quarkus.run(MeetloadMain.class, args);
        } finally {
            // Only matters where several commands run in one JVM (tests): each starts clean.
            preset.forEach(System::clearProperty);
        }
    }

    @Override
    public int run(String... args) {
        return new CommandLine(MeetloadCommand.class, factory).execute(args);
    }

    /** Sets what the command needs before Quarkus starts; returns the properties it set. */
    static List<String> preset(String... args) {
        List<String> set = new ArrayList<>();
        String command = args.length > 0 ? args[0] : "";
        if (command.equals("validate")) {
            setIfAbsent(set, "quarkus.http.host-enabled", "false");
            setIfAbsent(set, "quarkus.scheduler.enabled", "false");
            setIfAbsent(set, "quarkus.log.level", "WARN");
        } else if (command.equals("janus")) {
            setIfAbsent(set, "quarkus.http.host-enabled", "false");
            setIfAbsent(set, "quarkus.scheduler.enabled", "false");
            setIfAbsent(set, "quarkus.log.category.\"io.quarkus\".level", "WARN");
        } else if (command.equals("run")) {
            setIfAbsent(set, "quarkus.http.port", "0");
            setIfAbsent(set, "quarkus.http.host", "127.0.0.1");
            setIfAbsent(set, "quarkus.log.category.\"io.quarkus\".level", "WARN");
            String out = option(args, "--out");
            if (out != null) {
                setIfAbsent(set, "meetload.data-dir", Path.of(out, "runs").toString());
            }
        }
        return set;
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        return null;
    }

    private static void setIfAbsent(List<String> set, String key, String value) {
        String env = key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        if (System.getProperty(key) == null && System.getenv(env) == null) {
            System.setProperty(key, value);
            set.add(key);
        }
    }
}
