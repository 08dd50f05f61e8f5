package io.meetload.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;

/**
 * Plan text to a JSON tree, strictly: a duplicate key or anything after the closing brace is an
 * error, not something to guess about. Errors say where (line, column) in the text.
 */
final class PlanText {

    static final String WHOLE = "(plan)";

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private PlanText() {
    }

    static JsonNode tree(String json) {
        if (json == null || json.isBlank()) {
            throw invalid("is not valid JSON: the plan is empty");
        }
        // Some editors start UTF-8 files with a byte order mark; it is not part of the plan.
        String text = json.charAt(0) == '\uFEFF' ? json.substring(1) : json;
        try (JsonParser parser = STRICT.createParser(text)) {
            JsonNode tree = STRICT.readTree(parser);
            if (parser.nextToken() != null) {
                throw invalid("is not valid JSON: more content after the end of the plan" + at(parser.currentTokenLocation()));
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw invalid("is not valid JSON: " + reason(e) + at(e.getLocation()));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    private static InvalidPlanException invalid(String rule) {
        return new InvalidPlanException(List.of(new PlanError(WHOLE, rule, null)));
    }

    /** Jackson's reason without its own location and source notes, which we give in our words. */
    private static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int cut = message.indexOf(" (start marker at");
        message = cut < 0 ? message : message.substring(0, cut);
        cut = message.indexOf('\n');
        return cut < 0 ? message : message.substring(0, cut);
    }

    private static String at(JsonLocation where) {
        return where == null || where.getLineNr() < 1
                ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }
}
