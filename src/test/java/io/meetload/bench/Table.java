package io.meetload.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table of figures: what, value, goal. */
final class Table {

    private String title = "";
    private final List<String[]> rows = new ArrayList<>();

    void title(String title) {
        this.title = title;
    }

    void row(String what, Object value, String goal) {
        rows.add(new String[] {what, String.valueOf(value), goal});
    }

    void print(PrintStream out) {
        int[] width = {"figure".length(), "value".length(), "goal".length()};
        for (String[] row : rows) {
            for (int c = 0; c < 3; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        String format = "| %-" + width[0] + "s | %-" + width[1] + "s | %-" + width[2] + "s |%n";
        out.println(title);
        out.printf(format, "figure", "value", "goal");
        out.printf(format, "-".repeat(width[0]), "-".repeat(width[1]), "-".repeat(width[2]));
        rows.forEach(r -> out.printf(format, (Object[]) r));
    }

    static String bytes(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        return String.format("%.0f MiB", bytes / (double) (1 << 20));
    }

    static String seconds(long nanos) {
        return String.format("%.2f s", nanos / 1e9);
    }
}
