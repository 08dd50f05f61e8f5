package io.meetload;

import io.meetload.bridge.BridgeSeries;
import io.meetload.instance.DropReason;
import io.meetload.instance.Heartbeat;
import io.meetload.instance.HostSample;
import io.meetload.instance.InstanceFact;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantInfo;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantState;
import io.meetload.launch.InstanceStatus;
import io.meetload.plan.InstanceAssignment;
import io.meetload.plan.RunPlan;
import io.meetload.verdict.Verdict;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every class that goes through JSON outside a REST method, registered for reflection in one
 * place. Quarkus registers REST bodies by itself; files (run.json, reports, verdict.json,
 * process.json) and worker posts written with {@link io.meetload.instance.Json#MAPPER} are not
 * seen by it, and a native binary without these entries writes "{}" and fails to read them back.
 * Nested records and enums of each target are included. Classes named by string are registered
 * when present; a new JSON file type belongs here too (docs/native.md).
 */
@RegisterForReflection(ignoreNested = false, targets = {
        RunPlan.class, InstanceAssignment.class,
        InstanceReport.class, Heartbeat.class, HostSample.class, InstanceFact.class, ParticipantEvent.class,
        ParticipantInfo.class, ParticipantSample.class, ParticipantState.class, DropReason.class,
        InstanceStatus.class,
        Verdict.class,
        BridgeSeries.class
}, classNames = {
        "io.meetload.coordinator.RunState",
        "io.meetload.coordinator.RunStatus",
        "io.meetload.launch.ChildRecord"
})
final class NativeReflection {

    private NativeReflection() {
    }
}
