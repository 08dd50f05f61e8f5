package io.meetload.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed plan under {@code plans/invalid/NN-what.json} is refused with exactly the error
 * lines kept beside it in {@code NN-what.expected}: same fields, same rules, same values, same order.
 */
class PlanCorpusTest {

    private final PlanParser parser = new PlanParser();

    static Stream<Path> plans() throws IOException, URISyntaxException {
        Path dir = Path.of(PlanCorpusTest.class.getResource("/plans/invalid").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void theCorpusIsLargeAndEveryPlanHasItsExpectation() throws Exception {
        List<Path> plans = plans().toList();
        assertTrue(plans.size() >= 35, "corpus has only " + plans.size() + " plans");
        for (Path plan : plans) {
            assertTrue(Files.isRegularFile(expectedOf(plan)), "no expectation beside " + plan.getFileName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void isRefusedWithExactlyTheExpectedErrors(Path plan) throws IOException {
        String text = Files.readString(plan, StandardCharsets.UTF_8);
        List<String> expected = Files.readAllLines(expectedOf(plan), StandardCharsets.UTF_8);

        InvalidPlanException refused = assertThrows(InvalidPlanException.class, () -> parser.parse(text));

        List<String> fields = expected.stream().map(line -> line.substring(0, line.indexOf(": "))).toList();
        assertEquals(fields, refused.errors().stream().map(PlanError::field).toList(), "fields of " + plan.getFileName());
        assertEquals(expected, refused.errors().stream().map(PlanError::line).toList(), "lines of " + plan.getFileName());
        assertEquals(String.join("\n", expected), refused.getMessage());
    }

    private static Path expectedOf(Path plan) {
        String name = plan.getFileName().toString();
        return plan.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".expected");
    }
}
