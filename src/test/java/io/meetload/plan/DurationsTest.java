package io.meetload.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource({"PT0S, 0s", "PT2S, 2s", "PT30M, 30m", "PT1H30M, 1h30m", "P1DT1S, 24h1s", "PT0.5S, 500ms",
            "PT1.000000001S, 1s1ns", "-PT5S, -5s", "PT25H, 25h"})
    void durationsReadTheWayPeopleWriteThem(String iso, String human) {
        assertEquals(human, Durations.human(Duration.parse(iso)));
    }
}
