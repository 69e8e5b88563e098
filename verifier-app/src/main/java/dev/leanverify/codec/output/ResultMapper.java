package dev.leanverify.codec.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.config.StreamSettings.ResultLimits;
import dev.leanverify.repl.protocol.Message;
import dev.leanverify.repl.protocol.Pos;
import dev.leanverify.schema.DeclarationAxioms;
import dev.leanverify.schema.LeanMessage;
import dev.leanverify.schema.SoundnessFinding;
import dev.leanverify.schema.Position;
import dev.leanverify.schema.ProofTactics;
import dev.leanverify.schema.Sorry;
import dev.leanverify.schema.TacticStep;
import dev.leanverify.schema.Timing;
import dev.leanverify.schema.VerificationResult;
import dev.leanverify.schema.VerificationStatus;
import dev.leanverify.verify.ProofStatus;
import dev.leanverify.verify.VerificationReport;
import dev.leanverify.verify.strict.Soundness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Turns what the verifier found into the output records, capping what could make a record too
 * large for Kafka (message count and length, infotree size) and saying so in the record.
 */
public final class ResultMapper {
    private final ResultLimits limits;
    private final String instanceId;
    private final ObjectMapper mapper;
    private final boolean sandboxed;

    public ResultMapper(ResultLimits limits, String instanceId, ObjectMapper mapper) {
        this(limits, instanceId, mapper, false);
    }

    /** @param sandboxed whether this instance's REPLs run in the sandbox (every result says so) */
    public ResultMapper(ResultLimits limits, String instanceId, ObjectMapper mapper, boolean sandboxed) {
        this.sandboxed = sandboxed;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** Context of the input record a result answers. */
    public record Origin(Map<String, String> metadata, long queueMs, String source) {
        public Origin {
            metadata = Map.copyOf(metadata);
        }
    }

    /**
     * Text a result may carry in messages and sorry goals together (UTF-8 takes at most 3 bytes a
     * char here, so this stays well under the 16 MiB record limit with the infotree beside it).
     */
    static final int TEXT_BUDGET_CHARS = 2 << 20;

    public VerificationResult toResult(VerificationReport report, Origin origin, long verifierNanos, long completedAtMs) {
        int budget = TEXT_BUDGET_CHARS;
        boolean truncated = false;
        List<LeanMessage> out = new ArrayList<>(Math.min(report.messages().size(), limits.maxMessages()));
        for (Message m : report.messages()) {
            if (out.size() >= limits.maxMessages() || budget <= 0) {
                truncated = true;
                break;
            }
            String data = cap(m.data());
            truncated |= data != m.data();
            budget -= data.length();
            out.add(LeanMessage.newBuilder().setSeverity(m.severity()).setPos(position(m.pos() == null
                    ? new Pos(0, 0) : m.pos())).setEndPos(position(m.endPos())).setData(data).build());
        }
        List<Sorry> sorries = new ArrayList<>(report.sorries().size());
        for (var s : report.sorries()) {
            if (sorries.size() >= limits.maxMessages() || budget <= 0) {
                truncated = true;
                break;
            }
            String goal = cap(s.goal());
            budget -= goal.length();
            sorries.add(Sorry.newBuilder().setGoal(goal).setProofState(s.proofState()).setPos(position(s.pos()))
                    .setEndPos(position(s.endPos())).build());
        }
        String infotree = null;
        boolean infotreeTruncated = false;
        if (report.infotree() != null) {
            try {
                infotree = mapper.writeValueAsString(report.infotree());
            } catch (JsonProcessingException e) {
                infotree = null;
            }
            if (infotree != null && infotree.getBytes(StandardCharsets.UTF_8).length > limits.maxInfotreeBytes()) {
                infotree = null;
                infotreeTruncated = true;
            }
        }
        long verifierMs = TimeUnit.NANOSECONDS.toMillis(verifierNanos);
        return VerificationResult.newBuilder()
                .setId(report.id())
                .setStatus(status(report.status()))
                .setMessages(out)
                .setSorries(sorries)
                .setTiming(Timing.newBuilder()
                        .setQueueMs(origin.queueMs())
                        .setHeaderLoadMs(report.headerLoadNanos() == null ? null
                                : TimeUnit.NANOSECONDS.toMillis(report.headerLoadNanos()))
                        .setLeanMs(TimeUnit.NANOSECONDS.toMillis(report.leanNanos()))
                        .setTotalMs(origin.queueMs() + verifierMs)
                        .build())
                .setHeaderCacheHit(report.headerCacheHit())
                .setHeaderDigest(report.headerDigest())
                .setReplId(report.replId())
                .setLeanVersion(report.leanVersion())
                .setVerifierInstance(instanceId)
                .setSandboxed(sandboxed)
                .setMetadata(new HashMap<>(origin.metadata()))
                .setError(report.error())
                .setInfotree(infotree)
                .setInfotreeTruncated(infotreeTruncated)
                .setMessagesTruncated(truncated)
                .setSource(origin.source())
                .setCompletedAtMs(completedAtMs)
                .setSoundness(soundness(report.soundness()))
                .build();
    }

    /** The soundness record of a strictly checked proof, or null. */
    static dev.leanverify.schema.Soundness soundness(Soundness s) {
        if (s == null) {
            return null;
        }
        List<DeclarationAxioms> axioms = new ArrayList<>();
        for (Soundness.DeclarationAxioms d : s.axioms()) {
            axioms.add(new DeclarationAxioms(d.declaration(), new ArrayList<>(d.axioms())));
        }
        List<SoundnessFinding> findings = new ArrayList<>();
        for (Soundness.Finding f : s.findings()) {
            findings.add(new SoundnessFinding(f.command(), position(f.pos())));
        }
        return dev.leanverify.schema.Soundness.newBuilder()
                .setLayer(s.layer() == null ? null : s.layer().wire())
                .setAxioms(axioms)
                .setStatement(s.statement().wire())
                .setStatementDetail(s.statementDetail())
                .setFindings(findings)
                .setReplay(s.replay())
                .build();
    }

    /** The tactics record, or null when the request did not ask for tactics. */
    public ProofTactics toTactics(VerificationReport report, Origin origin, boolean requested) {
        if (!requested) {
            return null;
        }
        List<TacticStep> steps = new ArrayList<>(report.tactics().size());
        int budget = TEXT_BUDGET_CHARS;
        boolean truncated = false;
        for (var t : report.tactics()) {
            if (steps.size() >= limits.maxMessages() || budget <= 0) {
                truncated = true;
                break;
            }
            String goals = cap(t.goals() == null ? "" : t.goals());
            String tactic = cap(t.tactic());
            truncated |= tactic != t.tactic() || (t.goals() != null && goals != t.goals());
            budget -= goals.length() + tactic.length();
            steps.add(TacticStep.newBuilder().setTactic(tactic).setGoals(goals)
                    .setPos(position(t.pos())).setEndPos(position(t.endPos())).setProofState(t.proofState())
                    .setUsedConstants(t.usedConstants() == null ? List.of() : new ArrayList<>(t.usedConstants()))
                    .build());
        }
        return ProofTactics.newBuilder().setId(report.id()).setStatus(status(report.status())).setTactics(steps)
                .setMetadata(new HashMap<>(origin.metadata())).setTruncated(truncated).build();
    }

    /** The text, or its first result.message.max.chars with a mark (the same instance when short enough). */
    private String cap(String text) {
        return text.length() <= limits.maxMessageChars() ? text
                : text.substring(0, limits.maxMessageChars()) + "… [truncated]";
    }

    private static Position position(Pos pos) {
        return pos == null ? null : new Position(pos.line(), pos.column());
    }

    public static VerificationStatus status(ProofStatus status) {
        return VerificationStatus.valueOf(status.name());
    }
}
