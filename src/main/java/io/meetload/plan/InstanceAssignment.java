package io.meetload.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The share of one instance: computed by every instance from (plan, index, count) alone, so no
 * master hands out work. Participants are numbered 0..P-1 over the whole plan; instance {@code i}
 * takes a contiguous block (sizes differ by at most one), rooms take contiguous blocks too, and
 * video and audio senders are the first participants of blocks cut the same way, so every
 * instance and every room gets its fair part of the senders, and with as many senders as rooms
 * (or instances), exactly one each. Participant {@code g} starts at {@code rampUp * g / P}.
 */
public record InstanceAssignment(int index, int count, List<ParticipantSpec> participants) {

    /**
     * One participant of this instance.
     *
     * @param id {@code i<index>-p<k>}, k from 1 within the instance
     * @param number the participant's number over the whole plan, 0-based
     * @param room the room it joins (see {@link RunPlan#roomName(int)})
     * @param startAfter when it starts, counted from the instance's start
     */
    public record ParticipantSpec(String id, int number, String room, boolean video, boolean audio,
                                  Duration startAfter) {
    }

    public static InstanceAssignment of(RunPlan plan, int index, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count: must be at least 1, was " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException(
                    "index: must be between 0 and " + (count - 1) + " (count " + count + "), was " + index);
        }
        int total = plan.participants();
        int from = blockStart(total, count, index);
        int to = blockStart(total, count, index + 1);
        List<ParticipantSpec> mine = new ArrayList<>(to - from);
        for (int g = from; g < to; g++) {
            int room = blockOf(total, plan.rooms(), g) + 1;
            Duration start = plan.rampUp().multipliedBy(g).dividedBy(total);
            mine.add(new ParticipantSpec("i" + index + "-p" + (g - from + 1), g, plan.roomName(room),
                    chosen(total, plan.videoSenders(), g), chosen(total, plan.audioSenders(), g), start));
        }
        return new InstanceAssignment(index, count, List.copyOf(mine));
    }

    /** First item of block {@code b} when {@code total} items are cut into {@code blocks} blocks. */
    static int blockStart(int total, int blocks, int b) {
        return (int) ((long) total * b / blocks);
    }

    /** The block (0-based) that item {@code g} falls in: the last b with blockStart(b) <= g. */
    static int blockOf(int total, int blocks, int g) {
        return (int) (((long) (g + 1) * blocks - 1) / total);
    }

    /**
     * Whether item {@code g} of {@code total} is one of {@code chosen} (at most total) spread
     * evenly: the first item of each block when the items are cut into {@code chosen} blocks.
     * Cut like rooms and instances, these blocks line up with theirs: had the last item of each
     * block been chosen instead, 801 participants in 400 rooms with 400 cameras would leave the
     * first room without a camera and give the last one two.
     */
    static boolean chosen(int total, int chosen, int g) {
        return chosen > 0 && blockStart(total, chosen, blockOf(total, chosen, g)) == g;
    }
}
