package io.meetload.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 2}, {@code 500m}, {@code 4Gi}, {@code 2G}, {@code 1e3}),
 * read the way the API server reads them, so that what the plan says is what the pod gets.
 */
public final class Quantities {

    // Exponent before the plain "E" suffix: "1E3" is 1000, "1E" is one exa. The exponent is
    // bounded so that a hostile "1e999999999" cannot make a huge BigDecimal.
    private static final Pattern QUANTITY = Pattern.compile(
            "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]{1,3}|n|u|m|k|M|G|T|P|E)?");

    private static final Pattern EXPONENT = Pattern.compile("[eE][+-]?[0-9]+");

    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
            Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
            Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
            Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
            Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
            Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
            Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
            Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
            Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
            Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
            Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
            Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
            Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)));

    public static final long KI = 1L << 10;
    public static final long MI = 1L << 20;
    public static final long GI = 1L << 30;

    private Quantities() {
    }

    /** The quantity's value in base units (cores, bytes), or empty when it is not a quantity. */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null || text.length() > 64) {
            return Optional.empty();
        }
        Matcher m = QUANTITY.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        if (suffix == null) {
            return Optional.of(number);
        }
        if (EXPONENT.matcher(suffix).matches()) {
            return Optional.of(number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1))));
        }
        return Optional.of(number.multiply(SUFFIXES.get(suffix)));
    }

    /** CPU cores; Kubernetes rounds CPU up to whole millicores. */
    public static double cores(BigDecimal value) {
        return value.setScale(3, RoundingMode.CEILING).doubleValue();
    }

    /** Bytes; Kubernetes rounds memory up to whole bytes. Saturates at the ends of long. */
    public static long bytes(BigDecimal value) {
        BigDecimal whole = value.setScale(0, RoundingMode.CEILING);
        if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Long.MAX_VALUE;
        }
        return whole.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0 ? Long.MIN_VALUE : whole.longValueExact();
    }
}
