package io.meetload.plan;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The edge of the input contract: plan JSON in, a valid {@link RunPlan} out, or an
 * {@link InvalidPlanException} with every broken rule (not just the first). Pure; a bean only so
 * that resources can inject it.
 */
@Singleton
public class PlanParser {

    static final List<String> TOP = List.of("schema", "name", "target", "rooms", "participants",
            "videoSenders", "audioSenders", "instances", "duration", "rampUp", "video", "media",
            "instanceSize", "thresholds", "bridge");
    static final int MAX_ROOMS = 1000;
    static final int MAX_PARTICIPANTS = 5000;
    static final int MAX_INSTANCES = 1000;
    static final Duration MIN_DURATION = Duration.ofSeconds(10);
    static final Duration MAX_DURATION = Duration.ofHours(24);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Reads plan text; a body that is not JSON is one error on {@code (plan)}. */
    public RunPlan parse(String json) {
        return parse(tree(json));
    }

    /**
     * The JSON tree of plan text, for callers that change a plan before it is parsed (a chat
     * command's overrides). Throws {@link InvalidPlanException} when the text is not JSON.
     */
    public JsonNode tree(String json) {
        return PlanText.tree(json);
    }

    public RunPlan parse(JsonNode tree) {
        List<PlanError> errors = new ArrayList<>();
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidPlanException(List.of(new PlanError(PlanText.WHOLE, "is not valid JSON: the plan is empty", null)));
        }
        if (!tree.isObject()) {
            throw new InvalidPlanException(List.of(
                    new PlanError(PlanText.WHOLE, "must be a JSON object", Fields.text(tree))));
        }
        Fields top = Fields.top(tree, errors, TOP);

        Long schema = top.integer("schema", null);
        if (schema != null && schema != RunPlan.SCHEMA) {
            top.error("schema", "must be " + RunPlan.SCHEMA + " (the only schema this version reads)", top.seen("schema"));
        }
        String name = top.string("name", null);
        if (name != null && !NAME.matcher(name).matches()) {
            top.error("name", "must be 1 to 64 characters of A-Z a-z 0-9 . _ -", top.seen("name"));
            name = null;
        }
        RunPlan.Target target = TargetRules.target(top.object("target", true, TargetRules.TARGET));
        Long rooms = top.between("rooms", top.integer("rooms", 1L), 1, MAX_ROOMS);
        TargetRules.checkRoomRange(top, target, rooms);
        Counts counts = counts(top, rooms);
        Duration duration = top.duration("duration", null);
        if (duration != null && duration.compareTo(MIN_DURATION) < 0) {
            durationError(top, "duration", "must be at least " + Durations.human(MIN_DURATION), duration);
            duration = null;
        } else if (duration != null && duration.compareTo(MAX_DURATION) > 0) {
            durationError(top, "duration", "must be at most " + Durations.human(MAX_DURATION), duration);
            duration = null;
        }
        Duration rampUp = top.duration("rampUp", Duration.ZERO);
        if (rampUp != null && rampUp.isNegative()) {
            durationError(top, "rampUp", "must be at least 0s", rampUp);
        } else if (rampUp != null && duration != null && rampUp.compareTo(duration) > 0) {
            durationError(top, "rampUp", "must be at most the duration (" + Durations.human(duration) + ")", rampUp);
        }

        RunPlan.Video video = video(top.object("video", false, List.of("width", "height", "fps")));
        RunPlan.Media media = ResourceRules.media(top.object("media", false, ResourceRules.MEDIA));
        RunPlan.InstanceSize size = ResourceRules.instanceSize(top.object("instanceSize", false, ResourceRules.SIZE));
        RunPlan.Thresholds thresholds = ResourceRules.thresholds(top.object("thresholds", false, ResourceRules.THRESHOLDS));
        Optional<RunPlan.Bridge> bridge = TargetRules.bridge(top.object("bridge", false, TargetRules.BRIDGE));

        if (!errors.isEmpty()) {
            throw new InvalidPlanException(errors);
        }
        return new RunPlan(schema.intValue(), name, target, rooms.intValue(), counts.participants,
                counts.videoSenders, counts.audioSenders, counts.instances, duration, rampUp, video, media,
                size, thresholds, bridge);
    }

    private record Counts(int participants, int videoSenders, int audioSenders, int instances) {
    }

    /** Participants and what depends on them; null parts mean errors were recorded. */
    private static Counts counts(Fields top, Long rooms) {
        Long participants = top.between("participants", top.integer("participants", null), 1, MAX_PARTICIPANTS);
        long most = participants == null ? MAX_PARTICIPANTS : participants;
        String mostText = participants == null ? String.valueOf(most) : "participants (" + most + ")";
        if (participants != null && rooms != null && rooms > participants) {
            top.error("rooms", "must be at most participants (" + participants
                    + "): every room needs at least one participant", top.seen("rooms"));
        }
        Long video = top.between("videoSenders", top.integer("videoSenders", 0L), 0, most, mostText);
        Long audio = top.between("audioSenders", top.integer("audioSenders", 0L), 0, most, mostText);
        long mostInstances = Math.min(most, MAX_INSTANCES);
        Long instances = top.between("instances", top.integer("instances", 1L), 1, mostInstances,
                mostInstances == MAX_INSTANCES ? String.valueOf(MAX_INSTANCES) : mostText);
        if (participants == null || video == null || audio == null || instances == null) {
            return null;
        }
        return new Counts(participants.intValue(), video.intValue(), audio.intValue(), instances.intValue());
    }

    private static RunPlan.Video video(Fields video) {
        Long width = video.between("width", video.integer("width", (long) RunPlan.Video.DEFAULT.width()), 160, 3840);
        Long height = video.between("height", video.integer("height", (long) RunPlan.Video.DEFAULT.height()), 90, 2160);
        Long fps = video.between("fps", video.integer("fps", (long) RunPlan.Video.DEFAULT.fps()), 1, 60);
        return width == null || height == null || fps == null
                ? null : new RunPlan.Video(width.intValue(), height.intValue(), fps.intValue());
    }

    private static void durationError(Fields fields, String name, String rule, Duration seen) {
        fields.error(name, rule, fields.seen(name) + " (" + Durations.human(seen) + ")");
    }
}
