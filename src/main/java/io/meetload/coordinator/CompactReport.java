package io.meetload.coordinator;

import io.meetload.instance.HostSampleColumns;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.ParticipantSampleColumns;

/**
 * A report as the coordinator keeps it in memory until the verdict: its samples in columns
 * ({@link ParticipantSampleColumns}, {@link HostSampleColumns}), grouped by participant and sorted
 * by time once, here, so the verdict neither copies nor sorts them again. The same samples as
 * sent, value for value; the bytes as sent are what the run store keeps on disk.
 */
final class CompactReport {

    private CompactReport() {
    }

    static InstanceReport of(InstanceReport r) {
        return new InstanceReport(r.schema(), r.run(), r.planDigest(), r.index(), r.count(), r.startedAt(),
                r.endedAt(), r.endReason(), r.participants(), r.events(),
                r.participantSamples() == null ? null : ParticipantSampleColumns.of(r.participantSamples()),
                r.hostSamples() == null ? null : HostSampleColumns.of(r.hostSamples()));
    }
}
