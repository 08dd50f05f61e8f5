package io.meetload.worker;

import io.meetload.driver.ConferenceDriver;
import io.meetload.driver.Probe;
import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantState;
import io.meetload.plan.InstanceAssignment.ParticipantSpec;
import io.meetload.plan.RunPlan;
import org.jboss.logging.Logger;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One participant: its browser, driven through the {@link ParticipantTracker} states until the
 * run ends or it fails. The loop looks at the page every second until media flows (so states
 * change promptly), then every sample interval.
 */
final class Participant implements Runnable {

    private static final Logger LOG = Logger.getLogger(Participant.class);
    private static final Duration FAST_POLL = Duration.ofSeconds(1);

    interface Listener {
        void event(ParticipantEvent event);

        void sample(ParticipantSample sample);
    }

    private final RunPlan plan;
    private final ParticipantSpec spec;
    private final ConferenceDriver driver;
    private final BrowserFactory browsers;
    private final URI pageBase;
    private final WorkerSettings settings;
    private final Clock clock;
    private final ParticipantTracker tracker;
    private final Listener listener;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Browser browser;

    Participant(RunPlan plan, ParticipantSpec spec, ParticipantTracker.Expectations expectations,
                ConferenceDriver driver, BrowserFactory browsers, URI pageBase, WorkerSettings settings,
                Clock clock, Listener listener) {
        this.plan = plan;
        this.spec = spec;
        this.driver = driver;
        this.browsers = browsers;
        this.pageBase = pageBase;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
        this.tracker = new ParticipantTracker(spec.id(), expectations, clock.instant());
    }

    String id() {
        return spec.id();
    }

    ParticipantState state() {
        return tracker.state();
    }

    /** Asks the participant to leave; {@link #awaitDone} waits for it. */
    void requestStop() {
        stop.countDown();
    }

    boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
        try {
            if (!stop.await(spec.startAfter().toMillis(), TimeUnit.MILLISECONDS)) {
                live();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s: unexpected error", spec.id());
            if (!tracker.state().isFinal()) {
                emit(tracker.crashed(clock.instant(), "worker error: " + e));
            }
        } finally {
            close();
            done.countDown();
        }
    }

    private void live() throws InterruptedException {
        URI url = driver.participantUrl(plan, spec, pageBase);
        synchronized (this) {
            if (stop.getCount() == 0) {
                return;
            }
            try {
                browser = browsers.start(plan, spec);
            } catch (Exception e) {
                emit(tracker.crashed(clock.instant(), "the browser did not start: " + e.getMessage()));
                return;
            }
        }
        emit(tracker.joining(clock.instant(), url.toString()));
        try {
            browser.driver().get(url.toString());
        } catch (TimeoutException e) {
            LOG.warnf("%s: page load timed out, still waiting for the join", spec.id());
        } catch (WebDriverException e) {
            if (!browserAlive()) {
                emit(tracker.crashed(clock.instant(), "browser gone while opening the page: " + firstLine(e)));
                return;
            }
        }
        Instant nextSample = clock.instant();
        while (!tracker.state().isFinal()) {
            Probe probe;
            try {
                probe = probe();
            } catch (WebDriverException e) {
                if (stop.getCount() == 0) {
                    break;
                }
                emit(tracker.crashed(clock.instant(), "browser session gone: " + firstLine(e)));
                return;
            }
            Instant now = clock.instant();
            tracker.observe(now, probe).ifPresent(this::emit);
            if (!now.isBefore(nextSample) || tracker.state().isFinal()) {
                listener.sample(sample(now, probe));
                nextSample = now.plus(settings.sampleInterval());
            }
            Duration pause = tracker.state() == ParticipantState.MEDIA_FLOWING
                    ? Duration.between(now, nextSample) : FAST_POLL;
            if (tracker.state().isFinal() || stop.await(Math.max(1, pause.toMillis()), TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        if (!tracker.state().isFinal()) {
            leave();
        }
    }

    /** The page's answer, or null when it did not answer in time; throws when the browser is gone. */
    private Probe probe() {
        try {
            Object result = ((JavascriptExecutor) browser.driver()).executeAsyncScript(driver.probeScript());
            return Probe.from(result);
        } catch (ScriptTimeoutException | JavascriptException | IllegalArgumentException e) {
            LOG.debugf("%s: probe gave nothing: %s", spec.id(), firstLine(e));
            return null;
        } catch (WebDriverException e) {
            if (browserAlive()) {
                LOG.debugf("%s: probe failed, browser alive: %s", spec.id(), firstLine(e));
                return null;
            }
            throw e;
        }
    }

    private boolean browserAlive() {
        try {
            browser.driver().getWindowHandle();
            return true;
        } catch (WebDriverException e) {
            return false;
        }
    }

    private void leave() {
        try {
            ((JavascriptExecutor) browser.driver()).executeScript(driver.leaveScript());
        } catch (WebDriverException e) {
            LOG.debugf("%s: leave script failed: %s", spec.id(), firstLine(e));
        }
        tracker.left(clock.instant(), "the run ended").ifPresent(this::emit);
    }

    private ParticipantSample sample(Instant now, Probe p) {
        if (p == null) {
            return new ParticipantSample(now, spec.id(), tracker.state(), null, null, null, null, null, null, null,
                    null, null, null);
        }
        return new ParticipantSample(now, spec.id(), tracker.state(), p.remote(), bits(p.recvKbps()),
                bits(p.sendKbps()), p.lossRatio(), p.fps(), p.width(), p.height(), p.ice(), p.bytesReceived(),
                p.framesReceived());
    }

    private static Double bits(Double kbps) {
        return kbps == null ? null : kbps * 1000;
    }

    private void emit(ParticipantEvent event) {
        LOG.infof("%s: %s -> %s%s (%s)", event.participant(), event.from(), event.to(),
                event.reason() == null ? "" : " " + event.reason(), event.evidence());
        listener.event(event);
    }

    private synchronized void close() {
        if (stop.getCount() == 0 && !tracker.state().isFinal()) {
            tracker.left(clock.instant(), "the run ended before it joined").ifPresent(this::emit);
        }
        if (browser != null) {
            browser.close();
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
