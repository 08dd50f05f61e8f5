package io.meetload.instance;

import java.time.Instant;

/**
 * One sample of one participant's page. Rates are over the last sample interval; a value the page
 * did not give is null.
 *
 * @param remoteParticipants remote participants the page sees
 * @param receiveBitsPerSecond media received, all tracks
 * @param sendBitsPerSecond media sent, all tracks
 * @param packetLossRatio received packets lost over the interval, 0..1
 * @param receiveFramesPerSecond video frames decoded per second, summed over remote videos
 * @param receiveWidth largest received video width
 * @param ice the page's ICE/connection state
 * @param bytesReceived cumulative media bytes received (where the page gives counters)
 * @param framesReceived cumulative video frames decoded (where the page gives counters)
 */
public record ParticipantSample(Instant at, String participant, ParticipantState state,
                                Integer remoteParticipants, Double receiveBitsPerSecond,
                                Double sendBitsPerSecond, Double packetLossRatio,
                                Double receiveFramesPerSecond, Integer receiveWidth, Integer receiveHeight,
                                String ice, Long bytesReceived, Long framesReceived) {
}
