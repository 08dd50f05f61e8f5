package io.meetload.instance;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Participant samples kept column by column, in primitive arrays, and read back as records on
 * demand: about 85 bytes a sample instead of about 200 for a parsed record with its boxed values.
 * A coordinator holds every sample of a run until its verdict (a 1,000-instance run of an hour has
 * 1.4 million), so this is what bounds its heap.
 *
 * <p>{@link #of} groups the samples by participant and sorts each group by time (samples without
 * a time or a participant cannot be placed and are left out); {@link #of(String)} is one
 * participant's group and {@link #inState} a filtered view, both without copying a sample. A
 * record read back equals the one it was made from, null for null. Immutable.
 */
public final class ParticipantSampleColumns extends AbstractList<ParticipantSample> implements RandomAccess {

    private static final ParticipantState[] STATES = ParticipantState.values();
    private static final byte NO_STATE = -1;
    private static final int NO_INT = Integer.MIN_VALUE;
    private static final long NO_LONG = Long.MIN_VALUE;
    /** A NaN with a payload of its own stands for null; any other double, NaN included, is itself. */
    private static final long NULL_BITS = 0x7ff8_dead_beef_0001L;
    private static final double NO_DOUBLE = Double.longBitsToDouble(NULL_BITS);

    private final Columns columns;
    /** The rows of this view: {@code rows[i]}, or {@code offset + i} when rows is null. */
    private final int[] rows;
    private final int offset;
    private final int size;

    private ParticipantSampleColumns(Columns columns, int[] rows, int offset, int size) {
        this.columns = columns;
        this.rows = rows;
        this.offset = offset;
        this.size = size;
    }

    /**
     * The samples in columns, grouped by participant (in order of first appearance), each group by
     * time; samples already in columns are so already, and are returned as they are.
     */
    public static ParticipantSampleColumns of(List<ParticipantSample> samples) {
        if (samples instanceof ParticipantSampleColumns columns) {
            return columns;
        }
        Map<String, List<ParticipantSample>> groups = new LinkedHashMap<>();
        for (ParticipantSample s : samples) {
            if (s != null && s.at() != null && s.participant() != null) {
                groups.computeIfAbsent(s.participant(), p -> new ArrayList<>()).add(s);
            }
        }
        int n = groups.values().stream().mapToInt(List::size).sum();
        Columns c = new Columns(n);
        int row = 0;
        for (Map.Entry<String, List<ParticipantSample>> group : groups.entrySet()) {
            List<ParticipantSample> list = group.getValue();
            list.sort(Comparator.comparing(ParticipantSample::at)); // stable: equal times keep their order
            c.groups.put(group.getKey(), new int[] {row, list.size()});
            for (ParticipantSample s : list) {
                c.set(row++, s);
            }
        }
        return new ParticipantSampleColumns(c, null, 0, n);
    }

    /** One participant's samples, by time; empty when it has none. */
    public ParticipantSampleColumns of(String participant) {
        int[] group = columns.groups.get(participant);
        if (group == null) {
            return new ParticipantSampleColumns(columns, new int[0], 0, 0);
        }
        if (rows == null && offset == 0 && size == columns.seconds.length) {
            return new ParticipantSampleColumns(columns, null, group[0], group[1]);
        }
        int[] mine = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            int r = row(i);
            if (r >= group[0] && r < group[0] + group[1]) {
                mine[n++] = r;
            }
        }
        return new ParticipantSampleColumns(columns, Arrays.copyOf(mine, n), 0, n);
    }

    /** The samples of this view taken in {@code state}, in the same order. */
    public ParticipantSampleColumns inState(ParticipantState state) {
        byte wanted = (byte) state.ordinal();
        int[] matching = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            int r = row(i);
            if (columns.state[r] == wanted) {
                matching[n++] = r;
            }
        }
        return new ParticipantSampleColumns(columns, Arrays.copyOf(matching, n), 0, n);
    }

    /** The samples of this view taken from {@code from} (inclusive) until {@code until} (exclusive; null: no end). */
    public ParticipantSampleColumns between(Instant from, Instant until) {
        int[] matching = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            Instant at = at(i);
            if (!at.isBefore(from) && (until == null || at.isBefore(until))) {
                matching[n++] = row(i);
            }
        }
        return new ParticipantSampleColumns(columns, Arrays.copyOf(matching, n), 0, n);
    }

    /** The i-th sample's receive bitrate; NaN when it has none. */
    public double receiveBitsPerSecond(int i) {
        return value(columns.receiveBps[row(i)]);
    }

    /** The i-th sample's packet loss ratio; NaN when it has none. */
    public double packetLossRatio(int i) {
        return value(columns.loss[row(i)]);
    }

    /** The i-th sample's received frame rate; NaN when it has none. */
    public double receiveFramesPerSecond(int i) {
        return value(columns.fps[row(i)]);
    }

    private static double value(double stored) {
        return Double.doubleToRawLongBits(stored) == NULL_BITS ? Double.NaN : stored;
    }

    /** The state of the i-th sample, without making its record. */
    public ParticipantState state(int i) {
        byte s = columns.state[row(i)];
        return s == NO_STATE ? null : STATES[s];
    }

    /** The time of the i-th sample, without making its record. */
    public Instant at(int i) {
        return columns.instant(row(i));
    }

    @Override
    public ParticipantSample get(int i) {
        Objects.checkIndex(i, size);
        return columns.record(row(i));
    }

    @Override
    public int size() {
        return size;
    }

    private int row(int i) {
        return rows == null ? offset + i : rows[i];
    }

    /** The arrays, shared by every view of one {@link #of(List)}. */
    private static final class Columns {
        final long[] seconds;
        final int[] nanos;
        final int[] participant;
        final byte[] state;
        final int[] remote;
        final double[] receiveBps;
        final double[] sendBps;
        final double[] loss;
        final double[] fps;
        final int[] width;
        final int[] height;
        final int[] ice;
        final long[] bytesReceived;
        final long[] framesReceived;
        /** Participant id to {first row, rows}. */
        final Map<String, int[]> groups = new HashMap<>();
        /** The strings the columns name by number: participant ids and ICE states. */
        final List<String> strings = new ArrayList<>();
        private final Map<String, Integer> numbers = new HashMap<>();

        Columns(int n) {
            seconds = new long[n];
            nanos = new int[n];
            participant = new int[n];
            state = new byte[n];
            remote = new int[n];
            receiveBps = new double[n];
            sendBps = new double[n];
            loss = new double[n];
            fps = new double[n];
            width = new int[n];
            height = new int[n];
            ice = new int[n];
            bytesReceived = new long[n];
            framesReceived = new long[n];
        }

        void set(int r, ParticipantSample s) {
            seconds[r] = s.at().getEpochSecond();
            nanos[r] = s.at().getNano();
            participant[r] = number(s.participant());
            state[r] = s.state() == null ? NO_STATE : (byte) s.state().ordinal();
            remote[r] = integer(s.remoteParticipants());
            receiveBps[r] = real(s.receiveBitsPerSecond());
            sendBps[r] = real(s.sendBitsPerSecond());
            loss[r] = real(s.packetLossRatio());
            fps[r] = real(s.receiveFramesPerSecond());
            width[r] = integer(s.receiveWidth());
            height[r] = integer(s.receiveHeight());
            ice[r] = number(s.ice());
            bytesReceived[r] = whole(s.bytesReceived());
            framesReceived[r] = whole(s.framesReceived());
        }

        ParticipantSample record(int r) {
            return new ParticipantSample(instant(r), strings.get(participant[r]),
                    state[r] == NO_STATE ? null : STATES[state[r]], integer(remote[r]), real(receiveBps[r]),
                    real(sendBps[r]), real(loss[r]), real(fps[r]), integer(width[r]), integer(height[r]),
                    ice[r] < 0 ? null : strings.get(ice[r]), whole(bytesReceived[r]), whole(framesReceived[r]));
        }

        Instant instant(int r) {
            return Instant.ofEpochSecond(seconds[r], nanos[r]);
        }

        private int number(String s) {
            if (s == null) {
                return -1;
            }
            return numbers.computeIfAbsent(s, k -> {
                strings.add(k);
                return strings.size() - 1;
            });
        }
    }

    static int integer(Integer v) {
        return v == null ? NO_INT : v;
    }

    static Integer integer(int v) {
        return v == NO_INT ? null : v;
    }

    static long whole(Long v) {
        return v == null ? NO_LONG : v;
    }

    static Long whole(long v) {
        return v == NO_LONG ? null : v;
    }

    static double real(Double v) {
        return v == null ? NO_DOUBLE : v;
    }

    static Double real(double v) {
        return Double.doubleToRawLongBits(v) == NULL_BITS ? null : v;
    }
}
