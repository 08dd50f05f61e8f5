package io.meetload.verdict;

import java.util.List;

/** Finds what went wrong with the generator or the harness. */
interface FaultRule {
    List<Fault> faults(RunData run);
}
