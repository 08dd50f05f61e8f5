package io.meetload.verdict;

import java.time.Instant;

/**
 * Something the plan required that did not happen (a join, staying in, media, quality), before
 * anyone is blamed for it.
 *
 * @param from when it started (a drop: its moment; low quality: the first bad sample)
 * @param to when it ended (a drop: the same moment; low quality: the last bad sample)
 * @param message what happened, with numbers, without blame
 * @param evidence what the page said, when it said something (null otherwise)
 */
record Failure(String kind, int instance, String participant, Instant from, Instant to, String message,
               String evidence) {

    Failure(String kind, int instance, String participant, Instant from, Instant to, String message) {
        this(kind, instance, participant, from, to, message, null);
    }
}
