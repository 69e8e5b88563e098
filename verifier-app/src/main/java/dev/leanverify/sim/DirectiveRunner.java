package dev.leanverify.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.Pos;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries out the {@code -- sim:} directives of a request, in the order written: costs, messages,
 * side effects, and the failures (crash, exit, hangs) that end or stall the request. The
 * directives that replace the answer ({@code garbage}, {@code partial}) are left to the caller,
 * which applies them once the answer is made.
 */
final class DirectiveRunner {
    static final String PANIC = "INTERNAL PANIC: simulated crash requested by a `-- sim: crash` directive "
            + "(leanverify simulated Lean REPL, a test double)\n";
    static final int CRASH_STATUS = 134;
    static final String GARBAGE = "<<<garbage>>> simulated non-JSON output from a misbehaving REPL\n\n";
    private final CpuBurner cpu;
    private final WorkCost cost;
    private final ResourceHog memory;
    private final Misbehaviour misbehaviour;

    /** @param cost spends {@code cost} directives (burning or waiting); {@code hang} always burns {@code cpu} */
    DirectiveRunner(CpuBurner cpu, WorkCost cost, ResourceHog memory, Misbehaviour misbehaviour) {
        this.cpu = Objects.requireNonNull(cpu, "cpu");
        this.cost = Objects.requireNonNull(cost, "cost");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.misbehaviour = Objects.requireNonNull(misbehaviour, "misbehaviour");
    }

    /**
     * Runs the directives in the order written. Those that end the request (crash, exit) return
     * the outcome; those that never end (hang, sleep-hang, memory-grow) do not return; the others
     * add their info and error messages to {@code notes}.
     */
    Optional<Outcome> perform(ScriptedSource script, List<Message> notes)
            throws IOException, InterruptedException {
        LeanSource source = script.source();
        for (ScriptedSource.Problem problem : script.problems()) {
            notes.add(lineMessage(source, "error", problem.line(), problem.text()));
        }
        for (Directive d : script.directives()) {
            switch (d.kind()) {
                case CRASH:
                    return Optional.of(new Outcome.Exit(CRASH_STATUS, "", PANIC));
                case EXIT:
                    return Optional.of(new Outcome.Exit((int) d.amount(), "", ""));
                case HANG:
                    cpu.burnForever();
                    break;
                case SLEEP_HANG:
                    while (true) {
                        Thread.sleep(Long.MAX_VALUE);
                    }
                case MEMORY_GROW:
                    memory.growForever(d.amount());
                    break;
                case COST:
                    cost.spend(Duration.ofNanos((long) (d.amount() * 1e6)));
                    break;
                case SLEEP:
                    // a slow proof that costs no CPU: for tests of long records, not of contention
                    Thread.sleep((long) d.amount());
                    break;
                case ERROR:
                case WARNING:
                case INFO:
                    notes.add(lineMessage(source, d.kind().word, d.line(), d.argument()));
                    break;
                case STDERR_FLOOD:
                    misbehaviour.floodStderr(d.amount());
                    break;
                case MEMORY:
                    notes.add(lineMessage(source, "info", d.line(), misbehaviour.holdMemory(d.amount())));
                    break;
                case SPAWN_CHILD:
                    notes.add(lineMessage(source, "info", d.line(), misbehaviour.spawnChild()));
                    break;
                case WRITE_FILE:
                    notes.add(lineMessage(source, "info", d.line(), misbehaviour.writeFile(d.argument())));
                    break;
                case OPEN_SOCKET:
                    notes.add(lineMessage(source, "info", d.line(), misbehaviour.openSocket(d.argument())));
                    break;
                case READ_FILE:
                    notes.add(lineMessage(source, "info", d.line(), misbehaviour.readFile(d.argument())));
                    break;
                case READ_ENV:
                    notes.add(lineMessage(source, "info", d.line(), misbehaviour.readEnv(d.argument())));
                    break;
                case SPAWN_DAEMON:
                    notes.add(lineMessage(source, "info", d.line(), misbehaviour.spawnDaemon(d.argument())));
                    break;
                case SPAWN_MANY:
                    notes.add(lineMessage(source, "info", d.line(), misbehaviour.spawnMany((int) d.amount())));
                    break;
                case FILL_SCRATCH:
                    notes.add(lineMessage(source, "info", d.line(), misbehaviour.fillScratch(d.amount())));
                    break;
                case GARBAGE:
                case PARTIAL:
                    break; // they replace the answer, once it is made
                case REPLAY_FAIL:
                    break; // read by the stand-in kernel replay, not by the REPL
                default:
                    throw new IllegalStateException("unhandled directive " + d.kind());
            }
        }
        notes.sort(Comparator.comparingInt(m -> m.pos().line()));
        return Optional.empty();
    }

    static Message lineMessage(LeanSource source, String severity, int line, String text) {
        return new Message(severity, new Pos(line, 0), source.endOfLine(line), text);
    }


    /** The answer as the directives want it delivered: whole, as garbage instead, or half and then death. */
    static Outcome deliver(ScriptedSource script, JsonNode response) {
        if (script.has(Directive.Kind.GARBAGE)) {
            return new Outcome.Verbatim(GARBAGE);
        }
        return script.has(Directive.Kind.PARTIAL) ? new Outcome.Partial(response) : new Outcome.Answer(response);
    }
}
