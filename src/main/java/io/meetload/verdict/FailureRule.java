package io.meetload.verdict;

import java.util.List;

/** Finds what the service under test failed to deliver, without blaming anyone yet. */
interface FailureRule {
    List<Failure> failures(RunData run);
}
