package io.meetload.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One JSON object of a plan being read: typed access to its fields, each problem recorded with
 * its JSON path instead of thrown, so that one pass finds them all. A reader returns null when
 * it has no valid value (absent and required, or broken); the caller then skips the rules that
 * need it, and no plan is built.
 */
final class Fields {

    private static final int MAX_VALUE_TEXT = 60;
    private static final JsonNode ABSENT = MissingNode.getInstance();

    private final JsonNode node;
    private final String path;
    private final List<PlanError> errors;

    private Fields(JsonNode node, String path, List<PlanError> errors, List<String> known) {
        this.node = node;
        this.path = path;
        this.errors = errors;
        if (node != null) {
            rejectUnknown(known);
        }
    }

    static Fields top(JsonNode object, List<PlanError> errors, List<String> known) {
        return new Fields(object, "", errors, known);
    }

    /**
     * A nested object; {@link #present()} tells whether it was given. An absent or broken one
     * (broken is reported) reads as all defaults, without further errors.
     */
    Fields object(String name, boolean required, List<String> known) {
        JsonNode value = read(name, required, v -> v.isObject() ? v : null, "must be an object");
        return new Fields(value == ABSENT ? null : value, path(name), errors, known);
    }

    boolean present() {
        return node != null;
    }

    boolean has(String name) {
        return node != null && node.hasNonNull(name);
    }

    String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    void error(String name, String rule, String value) {
        errors.add(new PlanError(path(name), rule, value));
    }

    /** The field's JSON text as seen, shortened: {@code 0}, {@code "12"}, {@code null}. */
    String seen(String name) {
        return text(node == null ? null : node.get(name));
    }

    static String text(JsonNode value) {
        String text = value == null ? "null" : value.toString();
        return text.length() <= MAX_VALUE_TEXT ? text : text.substring(0, MAX_VALUE_TEXT) + "...";
    }

    /** The field as it is, of any JSON type; null (reported) when it is missing or null. */
    JsonNode required(String name) {
        return read(name, true, n -> n.isNull() ? null : n, "is required");
    }

    Long integer(String name, Long dflt) {
        JsonNode v = read(name, dflt == null, n -> n.isIntegralNumber() ? n : null, "must be an integer");
        if (v == ABSENT || v == null) {
            return v == ABSENT ? dflt : null;
        }
        // Beyond long it is out of every range anyway; the range check reports the text as seen.
        return v.canConvertToLong() ? v.longValue() : (v.bigIntegerValue().signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
    }

    Double number(String name, Double dflt) {
        JsonNode v = read(name, dflt == null, n -> n.isNumber() && Double.isFinite(n.doubleValue()) ? n : null,
                "must be a number");
        return v == ABSENT ? dflt : v == null ? null : v.doubleValue();
    }

    String string(String name, String dflt) {
        JsonNode v = read(name, dflt == null, n -> n.isTextual() ? n : null, "must be a string");
        return v == ABSENT ? dflt : v == null ? null : v.textValue();
    }

    Duration duration(String name, Duration dflt) {
        JsonNode v = read(name, dflt == null, n -> n.isTextual() ? n : null,
                "must be a string with an ISO-8601 duration like PT30M");
        if (v == ABSENT || v == null) {
            return v == ABSENT ? dflt : null;
        }
        try {
            return Duration.parse(v.textValue());
        } catch (DateTimeParseException e) {
            error(name, "must be an ISO-8601 duration like PT30M or PT1H30M", text(v));
            return null;
        }
    }

    /** Checks min <= value <= max; {@code maxText} says where max comes from when it is not a constant. */
    Long between(String name, Long value, long min, long max, String maxText) {
        if (value == null || (value >= min && value <= max)) {
            return value;
        }
        error(name, "must be between " + min + " and " + maxText, seen(name));
        return null;
    }

    Long between(String name, Long value, long min, long max) {
        return between(name, value, min, max, String.valueOf(max));
    }

    /**
     * The field when it has the right type; {@link #ABSENT} when an optional field is absent or
     * null (so: use the default); null when there is no valid value (reported here, unless the
     * whole object is absent, which was reported where it was missing).
     */
    private JsonNode read(String name, boolean required, Function<JsonNode, JsonNode> typed, String typeRule) {
        if (node == null) {
            return required ? null : ABSENT;
        }
        JsonNode v = node.get(name);
        if (v == null || (v.isNull() && !required)) {
            if (required) {
                error(name, "is required", null);
                return null;
            }
            return ABSENT;
        }
        JsonNode ok = typed.apply(v);
        if (ok == null) {
            error(name, typeRule, text(v));
        }
        return ok;
    }

    private void rejectUnknown(List<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                error(name, "unknown field (" + suggestion(name, known) + ")", null);
            }
        }
    }

    /**
     * The nearest known name when it is close enough to be a typo (a few letters off, or the
     * start of a longer name: {@code maxPacketLoss}), otherwise all of them.
     */
    static String suggestion(String name, List<String> known) {
        String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            String other = candidate.toLowerCase(Locale.ROOT);
            int d = distance(lower, other);
            boolean typo = d <= Math.max(1, Math.min(3, other.length() / 3))
                    || (lower.length() >= 3 && (other.startsWith(lower) || lower.startsWith(other)));
            if (typo && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null ? "did you mean " + best + "?" : "known fields: " + String.join(", ", known);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
