package io.meetload.launch;

import io.meetload.instance.InstanceFact;

import java.util.Optional;

/** One instance as its launcher sees it: still running, or ended with a fact. */
public record InstanceStatus(int index, boolean running, Optional<InstanceFact> ended) {
}
