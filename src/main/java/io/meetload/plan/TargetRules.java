package io.meetload.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.meetload.plan.RunPlan.Driver;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Rules for where the participants go ({@code target}) and where the bridge's metrics are ({@code bridge}). */
final class TargetRules {

    static final List<String> TARGET = List.of("driver", "url", "room");
    static final List<String> BRIDGE = List.of("prometheusUrl", "family", "selector");
    /** Janus room ids go through JavaScript (janus.js): beyond this they are no longer exact. */
    static final long MAX_JANUS_ROOM = (1L << 53) - 1;

    private static final Pattern JITSI_ROOM = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");

    private TargetRules() {
    }

    static RunPlan.Target target(Fields target) {
        Driver driver = driver(target);
        String url = url(target, "url");
        String room = room(target, driver);
        return driver == null || url == null || room == null ? null : new RunPlan.Target(driver, url, room);
    }

    /** With several Janus rooms the ids run from room to room + rooms - 1: all must stay exact. */
    static void checkRoomRange(Fields top, RunPlan.Target target, Long rooms) {
        if (target == null || rooms == null || target.driver() != Driver.JANUS) {
            return;
        }
        long last = Long.parseLong(target.room()) + rooms - 1;
        if (last > MAX_JANUS_ROOM) {
            top.error("target.room", "must be at most " + (MAX_JANUS_ROOM - rooms + 1) + " with " + rooms
                    + " rooms (the last room id must be at most " + MAX_JANUS_ROOM + ")", target.room());
        }
    }

    private static Driver driver(Fields target) {
        String text = target.string("driver", null);
        if (text == null) {
            return null;
        }
        for (Driver d : Driver.values()) {
            if (d.id().equals(text)) {
                return d;
            }
        }
        target.error("driver", "must be one of jitsi, janus", target.seen("driver"));
        return null;
    }

    /** Jitsi rooms are names; Janus videoroom ids are numbers, kept as their decimal text. */
    private static String room(Fields target, Driver driver) {
        JsonNode room = target.required("room");
        if (room == null || driver == null) {
            return null;
        }
        if (driver == Driver.JITSI) {
            if (room.isTextual() && JITSI_ROOM.matcher(room.textValue()).matches()) {
                return room.textValue();
            }
            target.error("room", "must be a string of 1 to 64 characters of A-Z a-z 0-9 _ - (for jitsi)", Fields.text(room));
            return null;
        }
        BigInteger id = room.isIntegralNumber() ? room.bigIntegerValue()
                : room.isTextual() && DIGITS.matcher(room.textValue()).matches() ? new BigInteger(room.textValue())
                : null;
        if (id == null || id.signum() <= 0 || id.compareTo(BigInteger.valueOf(MAX_JANUS_ROOM)) > 0) {
            target.error("room", "must be a positive integer up to " + MAX_JANUS_ROOM
                    + " (a JSON number or a string of digits, for janus)", Fields.text(room));
            return null;
        }
        return id.toString();
    }

    /** An absolute http(s) URL with a host, and nothing that would be a surprise in a browser's address bar. */
    static String url(Fields fields, String name) {
        String text = fields.string(name, null);
        if (text == null) {
            return null;
        }
        String rule = urlProblem(text);
        if (rule != null) {
            fields.error(name, rule, fields.seen(name));
            return null;
        }
        return text;
    }

    private static String urlProblem(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return "must be an absolute http or https URL like https://meet.example.org";
        }
        if (uri.getScheme() == null) {
            return "must be an absolute http or https URL like https://meet.example.org";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must use http or https";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry a user name or password";
        }
        if (uri.getHost() == null) {
            return "must name a host, like https://meet.example.org";
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return "must have a port between 1 and 65535";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment (#...)";
        }
        return null;
    }

    static Optional<RunPlan.Bridge> bridge(Fields bridge) {
        if (!bridge.present()) {
            return Optional.empty();
        }
        String url = url(bridge, "prometheusUrl");
        String familyText = bridge.string("family", null);
        RunPlan.MetricFamily family = null;
        if (familyText != null) {
            for (RunPlan.MetricFamily f : RunPlan.MetricFamily.values()) {
                if (f.name().toLowerCase(Locale.ROOT).equals(familyText)) {
                    family = f;
                }
            }
            if (family == null) {
                bridge.error("family", "must be one of jvb, systemli", bridge.seen("family"));
            }
        }
        String selector = bridge.string("selector", "");
        if (selector != null && !selector.isEmpty() && !(selector.startsWith("{") && selector.endsWith("}")
                && selector.indexOf('\n') < 0 && selector.indexOf('\r') < 0)) {
            bridge.error("selector", "must be a PromQL label matcher on one line, like {job=\"jvb\"}", bridge.seen("selector"));
        }
        return url == null || family == null || selector == null
                ? Optional.empty() : Optional.of(new RunPlan.Bridge(url, family, selector));
    }
}
