package io.meetload.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meetload.plan.InstanceAssignment.ParticipantSpec;
import io.meetload.plan.RunPlan.Driver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Proves, over many plan shapes, that the instances' own shares add up to the plan exactly. */
class InstanceAssignmentTest {

    @Test
    void everySmallShapeAddsUp() {
        int shapes = 0;
        for (int participants = 1; participants <= 60; participants++) {
            for (int instances = 1; instances <= participants; instances++) {
                for (int rooms : roomCounts(participants, instances)) {
                    // Sender counts vary with the shape so that 0, all, and everything between occur.
                    int video = (instances + rooms) % (participants + 1);
                    int audio = (instances * rooms) % (participants + 1);
                    check(plan(Driver.JITSI, rooms, participants, video, audio, instances, Duration.ofSeconds(participants)));
                    shapes++;
                }
            }
        }
        assertTrue(shapes > 15_000, shapes + " shapes");
    }

    /** Every room count up to 24 participants; beyond, the edges, the instance count and a spread between. */
    private static Set<Integer> roomCounts(int participants, int instances) {
        Set<Integer> rooms = new TreeSet<>();
        if (participants <= 24) {
            for (int r = 1; r <= participants; r++) {
                rooms.add(r);
            }
            return rooms;
        }
        for (int r : new int[] {1, 2, 3, instances, instances + 1, participants / 4, participants / 3,
                participants / 2, participants / 2 + 1, participants - 1, participants}) {
            if (r >= 1 && r <= participants) {
                rooms.add(r);
            }
        }
        return rooms;
    }

    @Test
    void everySenderCountAddsUp() {
        for (int participants = 1; participants <= 60; participants++) {
            for (int senders = 0; senders <= participants; senders++) {
                int instances = 1 + senders % participants;
                int rooms = 1 + (senders * 7) % participants;
                check(plan(Driver.JANUS, rooms, participants, senders, participants - senders, instances, Duration.ofMinutes(1)));
            }
        }
    }

    @ParameterizedTest(name = "{0} participants, {1} rooms, {2} instances, {3} video, {4} audio")
    @CsvSource({"800, 400, 50, 400, 800", "800, 400, 50, 800, 0", "5000, 1000, 1000, 2500, 1", "5000, 1, 7, 4999, 5000",
            "4999, 1000, 333, 10, 4998", "12, 1, 6, 10, 2", "2, 1, 2, 1, 1", "1, 1, 1, 1, 1"})
    void bigShapesAddUp(int participants, int rooms, int instances, int video, int audio) {
        check(plan(Driver.JANUS, rooms, participants, video, audio, instances, Duration.ofMinutes(5)));
        check(plan(Driver.JITSI, rooms, participants, video, audio, instances, Duration.ZERO));
    }

    @Test
    void fourHundredTwoPersonRoomsGetOneCameraEach() {
        RunPlan plan = plan(Driver.JANUS, 400, 800, 400, 800, 50, Duration.ofMinutes(5));
        Map<String, Integer> cameras = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            for (ParticipantSpec p : InstanceAssignment.of(plan, i, 50).participants()) {
                cameras.merge(p.room(), p.video() ? 1 : 0, Integer::sum);
            }
        }
        assertEquals(400, cameras.size());
        assertTrue(cameras.values().stream().allMatch(c -> c == 1), cameras.toString());
    }

    @Test
    void theOriginalLoadTestSplitsIntoPairs() {
        RunPlan plan = plan(Driver.JITSI, 1, 12, 10, 2, 6, Duration.ofMinutes(1));
        InstanceAssignment third = InstanceAssignment.of(plan, 3, 6);

        assertEquals(List.of("i3-p1", "i3-p2"), third.participants().stream().map(ParticipantSpec::id).toList());
        assertEquals(List.of(6, 7), third.participants().stream().map(ParticipantSpec::number).toList());
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(35)),
                third.participants().stream().map(ParticipantSpec::startAfter).toList());
        assertTrue(third.participants().stream().allMatch(p -> p.room().equals("loadtest")));

        List<Long> cameras = new ArrayList<>();
        List<Long> microphones = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<ParticipantSpec> ps = InstanceAssignment.of(plan, i, 6).participants();
            cameras.add(ps.stream().filter(ParticipantSpec::video).count());
            microphones.add(ps.stream().filter(ParticipantSpec::audio).count());
        }
        assertEquals(List.of(2L, 2L, 1L, 2L, 2L, 1L), cameras);
        assertEquals(List.of(1L, 0L, 0L, 1L, 0L, 0L), microphones);
    }

    @ParameterizedTest(name = "{0} participants in {1} rooms, {1} cameras")
    @CsvSource({"801, 400", "1999, 1000", "5, 2", "7, 3", "59, 13"})
    void asManyCamerasAsRoomsIsOneCameraPerRoomEvenWhenRoomsDifferInSize(int participants, int rooms) {
        RunPlan plan = plan(Driver.JITSI, rooms, participants, rooms, 0, 1, Duration.ZERO);
        Map<String, Integer> cameras = new HashMap<>();
        InstanceAssignment.of(plan, 0, 1).participants()
                .forEach(p -> cameras.merge(p.room(), p.video() ? 1 : 0, Integer::sum));

        assertEquals(rooms, cameras.size());
        assertEquals(Set.of(1), Set.copyOf(cameras.values()));
    }

    @Test
    void anIndexOutOfRangeIsRefusedClearly() {
        RunPlan plan = plan(Driver.JITSI, 1, 12, 10, 2, 6, Duration.ZERO);
        assertEquals("index: must be between 0 and 5 (count 6), was 6",
                assertThrows(IllegalArgumentException.class, () -> InstanceAssignment.of(plan, 6, 6)).getMessage());
        assertEquals("index: must be between 0 and 5 (count 6), was -1",
                assertThrows(IllegalArgumentException.class, () -> InstanceAssignment.of(plan, -1, 6)).getMessage());
        assertEquals("count: must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> InstanceAssignment.of(plan, 0, 0)).getMessage());
    }

    /** Every property of the split, checked over the shares of all instances of one plan. */
    private static void check(RunPlan plan) {
        int n = plan.instances();
        String shape = plan.participants() + "p/" + plan.rooms() + "r/" + n + "i/" + plan.videoSenders() + "v/"
                + plan.audioSenders() + "a";
        List<InstanceAssignment> shares = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shares.add(InstanceAssignment.of(plan, i, n));
        }
        Set<Integer> numbers = new HashSet<>();
        Set<String> ids = new HashSet<>();
        Map<String, Integer> roomSizes = new HashMap<>();
        Map<String, Integer> roomVideo = new HashMap<>();
        Map<String, Integer> roomAudio = new HashMap<>();
        Map<Integer, int[]> sendersBySize = new HashMap<>();
        int video = 0;
        int audio = 0;
        for (InstanceAssignment share : shares) {
            List<ParticipantSpec> ps = share.participants();
            int shareVideo = 0;
            int shareAudio = 0;
            Duration previous = Duration.ZERO;
            for (int k = 0; k < ps.size(); k++) {
                ParticipantSpec p = ps.get(k);
                assertTrue(numbers.add(p.number()), () -> shape + ": participant " + p.number() + " twice");
                assertEquals("i" + share.index() + "-p" + (k + 1), p.id(), shape);
                assertTrue(ids.add(p.id()), () -> shape + ": id " + p.id() + " twice");
                Duration before = previous;
                assertTrue(p.startAfter().compareTo(before) >= 0, () -> shape + ": " + p.id() + " starts before its predecessor");
                assertTrue(!p.startAfter().isNegative() && p.startAfter().compareTo(plan.rampUp()) <= 0,
                        () -> shape + ": " + p.id() + " starts at " + p.startAfter() + ", outside the ramp-up");
                previous = p.startAfter();
                roomSizes.merge(p.room(), 1, Integer::sum);
                roomVideo.merge(p.room(), p.video() ? 1 : 0, Integer::sum);
                roomAudio.merge(p.room(), p.audio() ? 1 : 0, Integer::sum);
                shareVideo += p.video() ? 1 : 0;
                shareAudio += p.audio() ? 1 : 0;
            }
            video += shareVideo;
            audio += shareAudio;
            assertFairPart(shareVideo, ps.size(), plan.videoSenders(), plan, shape + ": video senders of " + share.index());
            if (plan.videoSenders() % n == 0) {
                assertEquals(plan.videoSenders() / n, shareVideo, shape + ": video senders of " + share.index());
            }
            assertFairPart(shareAudio, ps.size(), plan.audioSenders(), plan, shape + ": audio senders of " + share.index());
            int[] minMax = sendersBySize.computeIfAbsent(ps.size(), s -> new int[] {Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1});
            minMax[0] = Math.min(minMax[0], shareVideo);
            minMax[1] = Math.max(minMax[1], shareVideo);
            minMax[2] = Math.min(minMax[2], shareAudio);
            minMax[3] = Math.max(minMax[3], shareAudio);
        }
        assertEquals(plan.participants(), numbers.size(), shape + ": participants missing");
        assertEquals(plan.participants() - 1, numbers.stream().mapToInt(Integer::intValue).max().orElseThrow(), shape);
        assertEquals(plan.videoSenders(), video, shape + ": video senders");
        assertEquals(plan.audioSenders(), audio, shape + ": audio senders");
        assertAtMostOneApart(shares.stream().map(s -> s.participants().size()).toList(), shape + ": instance sizes");
        sendersBySize.values().forEach(mm -> {
            assertTrue(mm[1] - mm[0] <= 1, shape + ": video senders of equal instances differ by " + (mm[1] - mm[0]));
            assertTrue(mm[3] - mm[2] <= 1, shape + ": audio senders of equal instances differ by " + (mm[3] - mm[2]));
        });
        Set<String> rooms = new HashSet<>();
        for (int r = 1; r <= plan.rooms(); r++) {
            rooms.add(plan.roomName(r));
        }
        assertEquals(plan.rooms(), rooms.size(), shape + ": room names collide");
        assertEquals(rooms, roomSizes.keySet(), shape + ": rooms without participants, or unknown rooms");
        assertAtMostOneApart(List.copyOf(roomSizes.values()), shape + ": room sizes");
        Map<Integer, List<Integer>> videoByRoomSize = new HashMap<>();
        roomSizes.forEach((room, size) -> videoByRoomSize.computeIfAbsent(size, s -> new ArrayList<>()).add(roomVideo.get(room)));
        videoByRoomSize.values().forEach(v -> assertAtMostOneApart(v, shape + ": cameras of equal rooms"));
        roomSizes.forEach((room, size) -> {
            if (plan.audioSenders() % plan.rooms() == 0) {
                assertEquals(plan.audioSenders() / plan.rooms(), roomAudio.get(room), shape + ": audio senders in " + room);
            }
            assertFairPart(roomVideo.get(room), size, plan.videoSenders(), plan, shape + ": video senders in " + room);
            assertFairPart(roomAudio.get(room), size, plan.audioSenders(), plan, shape + ": audio senders in " + room);
        });
    }

    /**
     * A block of {@code size} participants holds its share of {@code senders} rounded down or up,
     * and exactly its share when that is whole (as many cameras as rooms: one per room).
     */
    private static void assertFairPart(int actual, int size, int senders, RunPlan plan, String what) {
        long scaled = (long) size * senders;
        long low = scaled / plan.participants();
        long high = (scaled + plan.participants() - 1) / plan.participants();
        if (actual < low || actual > high) {
            throw new AssertionError(what + ": " + actual + " of " + size + " participants, but the fair part of "
                    + senders + " senders among " + plan.participants() + " is " + (low == high ? low : low + " or " + high));
        }
    }

    private static void assertAtMostOneApart(List<Integer> values, String what) {
        int min = values.stream().mapToInt(Integer::intValue).min().orElse(0);
        int max = values.stream().mapToInt(Integer::intValue).max().orElse(0);
        assertTrue(max - min <= 1, what + " differ by " + (max - min) + ": " + values);
    }

    private static RunPlan plan(Driver driver, int rooms, int participants, int video, int audio, int instances,
                                Duration rampUp) {
        String room = driver == Driver.JANUS ? "1234" : "loadtest";
        return new RunPlan(1, "shape", new RunPlan.Target(driver, "http://127.0.0.1:8088/", room), rooms,
                participants, video, audio, instances, Duration.ofMinutes(10), rampUp, RunPlan.Video.DEFAULT,
                RunPlan.Media.BUILT_IN, new RunPlan.InstanceSize("2", "4Gi", 2, 4L << 30), RunPlan.Thresholds.DEFAULT,
                Optional.empty());
    }
}
