package io.meetload.coordinator;

import io.meetload.verdict.Verdict;

/**
 * Fired (asynchronously, once per run) when a run has ended and its verdict is on disk, for
 * whoever tells others about it (chat, webhooks). Observers run off the coordinator's threads:
 * nothing they do can hold up or undo the end of a run.
 *
 * @param state the run as finished (DONE or CANCELLED)
 * @param verdict the verdict written to verdict.json
 */
public record RunFinished(RunState state, Verdict verdict) {
}
