/**
 * The step stream's transport: one long-lived Spark job per epoch whose tasks ({@link
 * dev.nabla.train.stream.TreeTask}, one per training partition) form a fixed k-ary tree over the partition indices
 * ({@link dev.nabla.train.stream.TreeShape}; k = 0 is the star, every task the driver's child).
 *
 * <p>The protocol. When the job starts, every task opens a listening socket on its executor's host and says hello to
 * the driver ({@link dev.nabla.train.stream.StreamServer}: the run's random 32-byte token, the stream's key, its
 * partition, its executor and that socket's address); once all have, the driver tells each task its parent (the
 * driver for the root) and its children with the executors they run on. A task then connects to its parent, with the
 * token and key again, and accepts its children's connections; two ends in one JVM (local mode, or two tasks of one
 * executor) hand references over instead ({@link dev.nabla.train.stream.LocalEdges}); then it tells the driver it is
 * ready. Per step the driver sends {epoch, step, θ} down its edge to the root; each task forwards θ to its children,
 * computes its partition's SUMS ({@link dev.nabla.train.stream.StepComputer}), reads its children's subtree SUMS in
 * index order, adds them to its own and sends the subtree's SUMS, with the largest per-task byte count below it, to
 * its parent; the root's answer is the step's total. An end message flows down the same way. A broken edge ends the
 * tasks around it, the root's edge breaks, and the driver falls back to one Spark job per step for the rest of the
 * epoch ({@link dev.nabla.train.stream.TreeStream.Broken}). The byte format is {@link dev.nabla.train.stream.Wire}'s.
 * In local mode the driver stands in for the root: the root's task hands its partition over and only holds the slot,
 * and the driver sends θ to the root's children, computes the root's share and adds their SUMS as the root's task
 * would ({@link dev.nabla.train.stream.TreeTask#subtreeSum}); its waiting threads poll briefly before they park when
 * each has a core, and while they poll they run what the driver lends them
 * ({@link dev.nabla.train.stream.TreeStream#lend}: the optimizer's update, in chunks).
 *
 * <p>This package knows nothing of the training loop: it moves θ down and sums SUMS up in the order
 * {@link dev.nabla.train.stream.TreeShape#fold} defines, which the loop's one-job-per-step engine uses too.
 */
package dev.nabla.train.stream;
