package io.meetload.testing;

import io.meetload.plan.PlanParser;
import io.meetload.plan.RunPlan;

/** Small plans for tests, written as JSON so they go through the same edge as users' plans. */
public final class Plans {

    private Plans() {
    }

    public static String janusJson(String name, String url, long room, int participants, int video, int audio,
                                   int instances, String duration) {
        return """
                {"schema": 1, "name": "%s",
                 "target": {"driver": "janus", "url": "%s", "room": %d},
                 "participants": %d, "videoSenders": %d, "audioSenders": %d, "instances": %d,
                 "duration": "%s", "rampUp": "PT0S",
                 "video": {"width": 640, "height": 360, "fps": 20},
                 "instanceSize": {"cpu": "2", "memory": "4Gi"}}
                """.formatted(name, url, room, participants, video, audio, instances, duration);
    }

    public static RunPlan janus(String name, String url, long room, int participants, int video, int audio,
                                String duration) {
        return new PlanParser().parse(janusJson(name, url, room, participants, video, audio, 1, duration));
    }

    /** A Jitsi plan for one instance, no ramp-up, 640x360 at 20 fps. */
    public static RunPlan jitsi(String name, String url, String room, int participants, int video, int audio,
                                String duration) {
        return new PlanParser().parse("""
                {"schema": 1, "name": "%s",
                 "target": {"driver": "jitsi", "url": "%s", "room": "%s"},
                 "participants": %d, "videoSenders": %d, "audioSenders": %d, "instances": 1,
                 "duration": "%s", "rampUp": "PT0S",
                 "video": {"width": 640, "height": 360, "fps": 20},
                 "instanceSize": {"cpu": "2", "memory": "4Gi"}}
                """.formatted(name, url, room, participants, video, audio, duration));
    }
}
