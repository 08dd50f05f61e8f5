package io.meetload.plan;

/**
 * One broken rule of a plan.
 *
 * @param field where, as a JSON path ({@code target.url}, {@code video.fps}); {@code (plan)} for
 *              the document as a whole
 * @param rule what is allowed, in words ({@code must be between 1 and 5000})
 * @param value the value seen, as JSON text ({@code 0}, {@code "12"}); null when there was none
 *              (a missing field, an unknown field, a body that is not JSON)
 */
public record PlanError(String field, String rule, String value) {

    /** {@code participants: must be between 1 and 5000, was 0}. */
    public String line() {
        return value == null ? field + ": " + rule : field + ": " + rule + ", was " + value;
    }

    @Override
    public String toString() {
        return line();
    }
}
