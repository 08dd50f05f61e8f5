package io.meetload.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

import java.nio.file.Path;

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
        preset(args);
        Quarkus.run(MeetloadMain.class, args);
    }

    @Override
    public int run(String... args) {
        return new CommandLine(MeetloadCommand.class, factory).execute(args);
    }

    static void preset(String... args) {
        String command = args.length > 0 ? args[0] : "";
        if (command.equals("validate")) {
            setIfAbsent("quarkus.http.host-enabled", "false");
            setIfAbsent("quarkus.scheduler.enabled", "false");
            setIfAbsent("quarkus.log.level", "WARN");
        } else if (command.equals("janus")) {
            setIfAbsent("quarkus.http.host-enabled", "false");
            setIfAbsent("quarkus.scheduler.enabled", "false");
            setIfAbsent("quarkus.log.category.\"io.quarkus\".level", "WARN");
        } else if (command.equals("run")) {
            setIfAbsent("quarkus.http.port", "0");
            setIfAbsent("quarkus.http.host", "127.0.0.1");
            setIfAbsent("quarkus.log.category.\"io.quarkus\".level", "WARN");
            String out = option(args, "--out");
            if (out != null) {
                setIfAbsent("meetload.data-dir", Path.of(out, "runs").toString());
            }
        }
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

    private static void setIfAbsent(String key, String value) {
        String env = key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        if (System.getProperty(key) == null && System.getenv(env) == null) {
            System.setProperty(key, value);
        }
    }
}
