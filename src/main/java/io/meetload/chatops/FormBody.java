package io.meetload.chatops;

import io.meetload.coordinator.ApiProblem;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An application/x-www-form-urlencoded body, read from the very bytes that were signed. */
final class FormBody {

    private FormBody() {
    }

    /** The fields; a field given twice, or bytes that are not a form, are a 400 that says which. */
    static Map<String, String> parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        Map<String, String> fields = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (fields.putIfAbsent(name, value) != null) {
                // Two values of one field: which one a check saw and which one was used must not differ.
                throw new ApiProblem(400, "form field " + shortName(name) + ": given more than once");
            }
        }
        return fields;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "body: must be application/x-www-form-urlencoded, has a broken %-escape");
        }
    }

    private static String shortName(String name) {
        return name.matches("[A-Za-z0-9_]{1,40}") ? name : "(unreadable name)";
    }
}
