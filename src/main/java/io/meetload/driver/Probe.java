package io.meetload.driver;

import java.util.Map;

/**
 * What one look at a participant's page tells, the same for every driver. Rates are over the
 * time since the previous probe (the page keeps its own counters); null where the page does
 * not tell.
 *
 * @param loaded the conference app is loaded in the page
 * @param ended the page says the participant left the conference, and {@code endReason} why
 *              (a {@link io.meetload.instance.DropReason} name)
 * @param ice the connection state, e.g. {@code connected}, {@code disconnected}, {@code failed},
 *            {@code interrupted}
 * @param remote remote participants the page sees
 */
public record Probe(boolean loaded, boolean joined, boolean ended, String endReason, String endDetail,
                    String ice, Integer remote, Double sendKbps, Double recvKbps, Double lossRatio,
                    Double fps, Integer width, Integer height, Long bytesReceived, Long bytesSent,
                    Long framesReceived) {

    /** Reads the object a probe script passed to its callback (WebDriver gives maps and Longs/Doubles). */
    public static Probe from(Object result) {
        if (!(result instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("probe did not return an object: " + result);
        }
        return new Probe(bool(map.get("loaded")), bool(map.get("joined")), bool(map.get("ended")),
                text(map.get("endReason")), text(map.get("endDetail")), text(map.get("ice")),
                integer(map.get("remote")), number(map.get("sendKbps")), number(map.get("recvKbps")),
                number(map.get("lossRatio")), number(map.get("fps")), integer(map.get("width")),
                integer(map.get("height")), whole(map.get("bytesReceived")), whole(map.get("bytesSent")),
                whole(map.get("framesReceived")));
    }

    private static boolean bool(Object o) {
        return Boolean.TRUE.equals(o);
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }

    private static Integer integer(Object o) {
        return o instanceof Number n ? (int) Math.round(n.doubleValue()) : null;
    }

    private static Long whole(Object o) {
        return o instanceof Number n ? Math.round(n.doubleValue()) : null;
    }

    /** Whether media goes out (for a sender) and comes in (when someone else sends). */
    public boolean sending() {
        return sendKbps != null && sendKbps > 0;
    }

    public boolean receiving() {
        return recvKbps != null && recvKbps > 0;
    }
}
