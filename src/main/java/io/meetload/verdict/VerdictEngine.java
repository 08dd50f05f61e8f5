package io.meetload.verdict;

/**
 * From what a run left behind to its verdict: a pure function, no threads, clocks or I/O.
 */
public final class VerdictEngine {

    public Verdict evaluate(VerdictInput input) {
        throw new UnsupportedOperationException("not written yet");
    }
}
