package io.meetload.worker;

import io.meetload.instance.HostSample;

import java.util.Collection;

/** Samples this instance's container and its browsers' process trees. */
@FunctionalInterface
public interface HostProbe {
    HostSample sample(Collection<Long> browserRootPids);
}
