/**
 * Reliability scenarios: the verifier under process kills, broker restarts, rebalances, Lean
 * faults, bad input and shutdown, a fresh cluster under kept local state (7: five rounds with 64
 * and 8 partitions; and the same cluster restarted on kept state), three instances on one host
 * from one directory and one config file (8), each checked for exactly one committed outcome per input
 * (read_committed), with the simulated REPL (a test double) standing in for Lean.
 *
 * <p>Every scenario records a row (scenario, submitted, results, lost, duplicated, wrong status,
 * time) in {@link dev.leanverify.reliability.ScenarioReport}, which prints the whole table when
 * the test run ends. All scenario classes carry the tag {@code reliability}; the long ones also
 * {@code slow}, which the default run leaves out:
 * <pre>
 *   # default (CI): scenarios 4, 5, 6 and a shortened scenario 1
 *   mvn -B -pl verifier-app -am test -Dgroups=reliability
 *   # all scenarios: 1000 proofs with three kills, broker restart, rebalance under load
 *   mvn -B -pl verifier-app -am test -Dgroups=reliability -Pall
 * </pre>
 * Scenarios 1, 2, 3, 6, 7 and 8 run the broker ({@code leanverify broker}) and the verifier
 * ({@code leanverify run --config FILE}) as separate OS processes; their files and logs are kept
 * in {@code verifier-app/target/reliability/SCENARIO/}. Scenarios 4 and 5 run the verifier in the
 * test JVM on one shared embedded broker. The moments of the kills in scenario 1 are random; the
 * seed is printed, and {@code -Dleanverify.reliability.seed=N} replays them.
 */
package dev.leanverify.reliability;
