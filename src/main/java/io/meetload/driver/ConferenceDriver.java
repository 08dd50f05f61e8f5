package io.meetload.driver;

import io.meetload.plan.InstanceAssignment.ParticipantSpec;
import io.meetload.plan.RunPlan;

import java.net.URI;

/**
 * What meetload needs to know of one kind of conference service: how to open a participant,
 * and the JavaScript that tells what the page sees. Kept thin: the state machine and the
 * sampling live in the worker, the same for every driver.
 */
public interface ConferenceDriver {

    /**
     * The page a participant opens.
     *
     * @param pageBase where this worker serves its own pages (for services with no web app of
     *                 their own), e.g. {@code http://127.0.0.1:41234}
     */
    URI participantUrl(RunPlan plan, ParticipantSpec participant, URI pageBase);

    /**
     * Body of an asynchronous script (WebDriver executeAsyncScript): it must call
     * {@code arguments[arguments.length - 1]} with the object {@link Probe#from} reads, or with
     * {@code {loaded: false}} while the app is not there yet.
     */
    String probeScript();

    /** Script that leaves the conference politely at the end of the run. */
    String leaveScript();
}
