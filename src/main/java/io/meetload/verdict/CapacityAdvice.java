package io.meetload.verdict;

import java.util.Optional;

/** The capacity estimate in words that say what to change. */
final class CapacityAdvice {

    private CapacityAdvice() {
    }

    /**
     * @param medianCost cores per participant of the plan's mix, from the steady medians
     * @param costPerParticipant the cost sized with: the median one, or more when a saturated instance proved it
     */
    static String advice(RunData run, double cores, double medianCost, double costPerParticipant, int safe,
                         Optional<String> saturated) {
        int participants = run.plan.participants();
        int instances = run.plan.instances();
        int perInstance = (int) Math.ceil((double) participants / instances);
        String who = " receiving " + run.camerasReceived() + " camera" + (run.camerasReceived() == 1 ? "" : "s");
        String size = Format.cores(cores) + "-CPU instances";
        String evidence = saturated.map(s -> " (" + s + ")").orElse("");
        if (costPerParticipant <= 0) {
            return "the participants cost no measurable CPU: capacity unknown";
        }
        String cost = costPerParticipant > medianCost + 1e-9
                ? "; sized at " + Format.number(costPerParticipant) + " cores per participant: the steady median says "
                  + Format.number(medianCost) + ", the saturated instance needed at least " + Format.number(costPerParticipant)
                : "; one participant costs about " + Format.number(costPerParticipant) + " cores";
        if (safe >= perInstance) {
            return size + " hold " + participantsText(safe) + who + " with 20% headroom; this plan puts "
                    + perInstance + " on each: it fits" + evidence + cost;
        }
        int needed = coresFor(perInstance, costPerParticipant);
        String bigger = "use " + needed + "-CPU instances for " + participantsText(perInstance) + who + " ("
                + instances + " instance" + (instances == 1 ? "" : "s") + " of " + needed + " CPUs)";
        if (safe == 0) {
            return size + " cannot hold even 1 participant" + who + " with 20% headroom" + evidence + "; " + bigger
                    + cost;
        }
        int more = (int) Math.ceil((double) participants / safe);
        return size + " hold " + participantsText(safe) + who + " with 20% headroom, not the " + perInstance
                + " this plan puts on each" + evidence + "; " + bigger + ", or use " + more + " instances of "
                + Format.cores(cores) + " CPUs" + cost;
    }

    /** Whole CPUs that hold {@code n} participants with headroom. */
    static int coresFor(int n, double costPerParticipant) {
        return (int) Math.ceil(n * costPerParticipant / (1 - CapacityEstimate.HEADROOM) - 1e-9);
    }

    private static String participantsText(int n) {
        return n + " participant" + (n == 1 ? "" : "s");
    }
}
