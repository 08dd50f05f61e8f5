package io.meetload.coordinator;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request the API refuses: the HTTP status and a body that says why ({@code {"error": ...}}). */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final Map<String, Object> details;

    public ApiProblem(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiProblem(int status, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", getMessage());
        body.putAll(details);
        return body;
    }

    public static ApiProblem notFound(String id) {
        return new ApiProblem(404, "run " + id + " not found");
    }
}
