package io.meetload.worker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The live host probe. */
@ApplicationScoped
public class HostProbeProducer {

    @Produces
    @ApplicationScoped
    HostProbe hostProbe() {
        io.meetload.worker.host.HostSampler sampler = io.meetload.worker.host.HostSampler.live(java.time.Clock.systemUTC());
        return sampler::sample;
    }
}
