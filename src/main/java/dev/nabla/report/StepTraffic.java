package dev.nabla.report;

/**
 * What the step stream moved in an epoch: how many steps it carried, the bytes through the driver per step (θ down
 * to the tree's root and the step's SUMS back) and the most bytes one task moved in a step (sent and received, on its
 * socket edges; a hand-over inside one JVM moves none).
 */
public record StepTraffic(long streamedSteps, double driverBytesPerStep, long maxTaskBytesPerStep) {
}
