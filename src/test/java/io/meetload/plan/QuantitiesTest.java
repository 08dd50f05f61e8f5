package io.meetload.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

    @ParameterizedTest(name = "{0} = {1} cores")
    @CsvSource({"2, 2.0", "0.5, 0.5", "500m, 0.5", "1500m, 1.5", ".25, 0.25", "2., 2.0", "+3, 3.0",
            "1e1, 10.0", "1E-1, 0.1", "0.0001, 0.001", "250000u, 0.25", "64, 64.0"})
    void cpuQuantitiesReadAsCores(String text, double cores) {
        assertEquals(cores, Quantities.cores(Quantities.parse(text).orElseThrow()));
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({"4Gi, 4294967296", "512Mi, 536870912", "2G, 2000000000", "1000000, 1000000", "1Ki, 1024",
            "1.5Gi, 1610612736", "1k, 1000", "1M, 1000000", "1T, 1000000000000", "1Ti, 1099511627776",
            "1E, 1000000000000000000", "1Ei, 1152921504606846976", "1Pi, 1125899906842624", "1E3, 1000", "1e3, 1000", "2.5, 3", "1500m, 2"})
    void memoryQuantitiesReadAsBytesRoundedUp(String text, long bytes) {
        assertEquals(bytes, Quantities.bytes(Quantities.parse(text).orElseThrow()));
    }

    @ParameterizedTest(name = "\"{0}\" is not a quantity")
    @ValueSource(strings = {"", " ", "2 cores", "4GB?", "4GB", "4gi", "Gi", "1.2.3", "--1", "1e", "1e1000", "0x10",
            "1,5", " 2", "2 ", "1KiB", "five"})
    void malformedTextIsNotAQuantity(String text) {
        assertTrue(Quantities.parse(text).isEmpty(), text);
    }

    @ParameterizedTest(name = "{0} parses, sign kept")
    @ValueSource(strings = {"-1", "-500m", "-4Gi"})
    void negativeQuantitiesParseSoThatRangeRulesCanNameThem(String text) {
        assertTrue(Quantities.parse(text).orElseThrow().signum() < 0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"8Ei", "10E", "1e100"})
    void bytesBeyondLongSaturate(String text) {
        assertEquals(Long.MAX_VALUE, Quantities.bytes(Quantities.parse(text).orElseThrow()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-8Ei", "-1e100"})
    void bytesBelowLongSaturate(String text) {
        assertEquals(Long.MIN_VALUE, Quantities.bytes(Quantities.parse(text).orElseThrow()));
    }
}
