package dev.leanverify.verify.strict;

import dev.leanverify.config.StrictSettings;
import dev.leanverify.repl.ReplOutcome;
import dev.leanverify.repl.ReplSession;
import dev.leanverify.repl.Retirement;
import dev.leanverify.repl.SplitSource;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.ReplRequest;
import dev.leanverify.repl.protocol.ReplResponse;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.StatusRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The strict layers of SOUNDNESS.md, run after Lean accepted a body: the verifier's own
 * {@code #print axioms} for every declaration the body adds (and the reference theorem), the
 * reference statement compared by its pp.all type with the one elaborated in the header's clean
 * environment (cached per header and statement), forbidden commands, and an optional kernel replay.
 * Fail-closed: a reply it cannot read is never a pass. One per thread, like the REPL pool it uses.
 */
public final class StrictChecker {
    static final int DETAIL_CHARS = 300;
    private final StrictSettings settings;
    private final ForbiddenCommands forbidden;
    private final ReferenceCache references;
    private final KernelReplay replay;
    private long requests;
    private long checks;

    public StrictChecker(StrictSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.forbidden = new ForbiddenCommands(settings.forbiddenCommands());
        this.references = new ReferenceCache(settings.referenceCacheSize());
        this.replay = settings.replays() ? new KernelReplay(settings.replayCommand(), settings.replayTimeout()) : null;
    }

    public StrictSettings settings() {
        return settings;
    }

    /** REPL requests the checker sent, all proofs together (for the benchmark). */
    public long requests() {
        return requests;
    }

    /** Proofs checked. */
    public long checks() {
        return checks;
    }

    public ReferenceCache references() {
        return references;
    }

    /**
     * Checks a body Lean accepted in environment {@code proofEnv} of {@code session}.
     *
     * @param statement the reference statement, or null
     */
    public StrictOutcome check(ReplSession session, int proofEnv, SplitSource source, String code, String statement,
                               Duration timeout) {
        checks++;
        long leanNanos = 0;
        LeanTokens lexed = LeanTokens.of(source.body());
        List<List<String>> declared = new ArrayList<>(BodyScanner.declarations(lexed));
        List<Soundness.Finding> findings = forbidden.find(lexed, source.bodyLineOffset());

        ReferenceStatement reference = null;
        String referenceType = null;
        if (statement != null) {
            Optional<ReferenceStatement> parsed = ReferenceStatement.parse(statement);
            if (parsed.isEmpty()) {
                return new StrictOutcome(ProofStatus.INVALID_REQUEST,
                        "statement must start with 'theorem NAME' (or 'lemma NAME'), was: " + abbreviate(statement),
                        null, null, 0);
            }
            reference = parsed.get();
            Optional<ReferenceCache.Reference> cached = references.get(source.headerDigest(), statement);
            ReferenceCache.Reference ref;
            if (cached.isPresent()) {
                ref = cached.get();
            } else {
                ReplOutcome outcome = send(session, reference.command(), session.headerEnv(), timeout);
                leanNanos += outcome.elapsedNanos();
                Object read = readReference(outcome, reference);
                if (read instanceof StrictOutcome failed) {
                    return withNanos(failed, leanNanos);
                }
                ref = (ReferenceCache.Reference) read;
                references.put(source.headerDigest(), statement, ref);
            }
            if (ref.rejected() != null) {
                return new StrictOutcome(ProofStatus.INVALID_REQUEST,
                        "the reference statement does not elaborate in the header's environment: " + ref.rejected(),
                        null, null, leanNanos);
            }
            referenceType = ref.type();
            if (!declared.contains(reference.name())) {
                declared.add(reference.name());
            }
        }
        if (declared.isEmpty()) {
            Soundness s = new Soundness(Layer.AXIOMS, List.of(), StatementOutcome.NOT_GIVEN, null, findings, null);
            return new StrictOutcome(ProofStatus.UNSOUND,
                    "axioms: the body declares no named theorem or definition to check", s, null, leanNanos);
        }

        StringBuilder probe = new StringBuilder();
        for (List<String> name : declared) {
            probe.append("#print axioms ").append(LeanNames.write(name)).append('\n');
        }
        int typeLine = declared.size() + 1;
        if (reference != null) {
            probe.append(TypeQuery.line(reference.name())).append('\n');
        }
        ReplOutcome outcome = send(session, probe.toString(), proofEnv, timeout);
        leanNanos += outcome.elapsedNanos();
        if (outcome instanceof ReplOutcome.Failed failed) {
            return new StrictOutcome(StatusRules.ofFailure(failed.failure(), failed.detail()),
                    "strict check: the REPL did not answer the verifier's queries: " + failed.detail(), null,
                    Retirement.of(failed.failure()), leanNanos);
        }
        ReplResponse response = ((ReplOutcome.Answered) outcome).response();
        if (!(response instanceof ReplResponse.Command command)) {
            String what = response instanceof ReplResponse.Error e ? e.message() : response.toString();
            return new StrictOutcome(ProofStatus.INTERNAL_ERROR,
                    "strict check: the REPL refused the verifier's queries: " + abbreviate(what), null,
                    Retirement.PROTOCOL_ERROR, leanNanos);
        }
        Map<Integer, List<Message>> byLine = new HashMap<>();
        List<String> stray = new ArrayList<>();
        for (Message m : command.messagesOrEmpty()) {
            int line = m.pos() == null ? 0 : m.pos().line();
            if (line < 1 || line > (reference != null ? typeLine : declared.size())) {
                stray.add(m.severity() + " at line " + line + ": " + firstLine(m.data()));
            } else {
                byLine.computeIfAbsent(line, k -> new ArrayList<>()).add(m);
            }
        }

        StatementOutcome statementOutcome = StatementOutcome.NOT_GIVEN;
        String statementDetail = null;
        if (reference != null) {
            List<Message> typeReply = byLine.getOrDefault(typeLine, List.of());
            String proved = TypeQuery.answer(typeReply);
            if (proved == null) {
                statementOutcome = StatementOutcome.MISSING;
                statementDetail = LeanNames.write(reference.name()) + " is not declared ("
                        + TypeQuery.problem(typeReply) + ")";
            } else if (proved.equals(referenceType)) {
                statementOutcome = StatementOutcome.MATCHES;
            } else {
                statementOutcome = StatementOutcome.DIFFERS;
                statementDetail = "proved " + proved + " ; reference " + referenceType;
            }
        }

        List<Soundness.DeclarationAxioms> axioms = new ArrayList<>();
        Set<String> disallowed = new LinkedHashSet<>();
        String unreadable = stray.isEmpty() ? null : "an answer nobody asked for (" + stray.get(0) + ")";
        for (int i = 0; i < declared.size(); i++) {
            String name = LeanNames.write(declared.get(i));
            AxiomAnswer answer = AxiomReplyParser.parse(declared.get(i), byLine.getOrDefault(i + 1, List.of()));
            if (answer instanceof AxiomAnswer.Axioms found) {
                axioms.add(new Soundness.DeclarationAxioms(name, found.axioms()));
                found.axioms().stream().filter(a -> !settings.allowedAxioms().contains(a)).forEach(disallowed::add);
            } else if (statementOutcome == StatementOutcome.MISSING && declared.get(i).equals(reference.name())) {
                continue; // the reference theorem is not declared: the statement layer says so
            } else if (unreadable == null) {
                unreadable = "no readable answer for " + name + " (" + ((AxiomAnswer.Unreadable) answer).reason() + ")";
            }
        }

        Layer layer = null;
        String error = null;
        if (unreadable != null || !disallowed.isEmpty()) {
            layer = Layer.AXIOMS;
            error = unreadable != null ? "axioms: " + unreadable : "axioms: " + disallowed;
        } else if (statementOutcome == StatementOutcome.DIFFERS || statementOutcome == StatementOutcome.MISSING) {
            layer = Layer.STATEMENT;
            error = "statement differs: " + statementDetail;
        } else if (!findings.isEmpty()) {
            layer = Layer.FINDING;
            error = "forbidden: " + findings.get(0) + (findings.size() > 1 ? " (and " + (findings.size() - 1)
                    + " more)" : "");
        }
        String replayed = null;
        if (layer == null && replay != null) {
            KernelReplay.Verdict verdict = replay.replay(code);
            replayed = verdict.detail();
            if (!verdict.passed()) {
                layer = Layer.REPLAY;
                error = "kernel replay: " + verdict.detail();
            }
        }
        Soundness soundness = new Soundness(layer, axioms, statementOutcome, abbreviateOrNull(statementDetail),
                findings, replayed);
        return new StrictOutcome(layer == null ? ProofStatus.VERIFIED : ProofStatus.UNSOUND,
                error == null ? null : abbreviate(error), soundness, null, leanNanos);
    }

    private ReplOutcome send(ReplSession session, String cmd, int env, Duration timeout) {
        requests++;
        return session.process().send(ReplRequest.Command.of(cmd, env), timeout);
    }

    /** A {@link ReferenceCache.Reference}, or a {@link StrictOutcome} when the REPL gave no answer. */
    private static Object readReference(ReplOutcome outcome, ReferenceStatement reference) {
        if (outcome instanceof ReplOutcome.Failed failed) {
            return new StrictOutcome(StatusRules.ofFailure(failed.failure(), failed.detail()),
                    "strict check: the REPL did not answer the reference statement: " + failed.detail(), null,
                    Retirement.of(failed.failure()), 0);
        }
        ReplResponse response = ((ReplOutcome.Answered) outcome).response();
        if (response instanceof ReplResponse.Error e) {
            if (e.message().startsWith("Lean error")) {
                return new ReferenceCache.Reference(null, abbreviate(e.message()));
            }
            return new StrictOutcome(ProofStatus.INTERNAL_ERROR, "strict check: the REPL refused the reference"
                    + " statement: " + abbreviate(e.message()), null, Retirement.PROTOCOL_ERROR, 0);
        }
        if (!(response instanceof ReplResponse.Command command)) {
            return new StrictOutcome(ProofStatus.INTERNAL_ERROR, "strict check: unexpected answer to the reference"
                    + " statement: " + abbreviate(response.toString()), null, Retirement.PROTOCOL_ERROR, 0);
        }
        List<Message> typeReply = new ArrayList<>();
        for (Message m : command.messagesOrEmpty()) {
            if (m.pos() != null && m.pos().line() == reference.queryLine()) {
                typeReply.add(m);
            } else if (m.isError()) {
                return new ReferenceCache.Reference(null, firstLine(m.data()));
            }
        }
        String type = TypeQuery.answer(typeReply);
        return type == null ? new ReferenceCache.Reference(null, TypeQuery.problem(typeReply))
                : new ReferenceCache.Reference(type, null);
    }

    private static StrictOutcome withNanos(StrictOutcome o, long nanos) {
        return new StrictOutcome(o.status(), o.error(), o.soundness(), o.retirement(), nanos);
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private static String abbreviateOrNull(String text) {
        return text == null ? null : abbreviate(text);
    }

    static String abbreviate(String text) {
        String one = text.replaceAll("\\s*\\n\\s*", " ");
        return one.length() <= DETAIL_CHARS ? one : one.substring(0, DETAIL_CHARS) + "…";
    }
}
