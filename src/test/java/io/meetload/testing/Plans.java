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
}
