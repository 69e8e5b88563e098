/**
 * A simulated Lean REPL: a TEST DOUBLE for the leanprover-community/repl process, for machines
 * where no Lean toolchain can be installed. {@link dev.leanverify.sim.SimulatedRepl} is the process
 * (its own main class, one JVM per simulated REPL); {@link dev.leanverify.sim.SimulatedReplCommand}
 * builds the command line that starts it. It answers from recordings of real Lean where it can
 * and by simple rules otherwise, costs CPU and memory like Lean, and fails on request through
 * {@code -- sim:} directive comments. Nothing it says about a proof is a verdict of Lean.
 */
package dev.leanverify.sim;
