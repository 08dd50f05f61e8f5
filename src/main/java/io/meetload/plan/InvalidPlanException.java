package io.meetload.plan;

import java.util.List;
import java.util.stream.Collectors;

/** A plan broke one or more rules; carries every one of them, not just the first. */
public class InvalidPlanException extends RuntimeException {

    private final List<PlanError> errors;

    public InvalidPlanException(List<PlanError> errors) {
        super(errors.stream().map(PlanError::line).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("errors: must not be empty");
        }
        this.errors = List.copyOf(errors);
    }

    public List<PlanError> errors() {
        return errors;
    }
}
