package dev.leanverify.codec.input;

import dev.leanverify.config.StreamSettings.RequestLimits;
import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.schema.ProofOptions;
import dev.leanverify.schema.ProofRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a decoded request against the rules a proof must meet before Lean sees it, and turns it
 * into the canonical {@link ProofRequest}. Every rule broken is reported, not just the first.
 */
public final class RequestValidator {
    static final Set<String> INFOTREE_MODES = Set.of("full", "tactics", "original", "substantive");

    private final RequestLimits limits;
    private final Duration maxTimeout;
    private final HeaderSplitter splitter;
    private final boolean strictByDefault;

    /** A validator for a service where proofs are not strict unless they ask (strict.default=false). */
    public RequestValidator(RequestLimits limits, Duration maxTimeout, HeaderSplitter splitter) {
        this(limits, maxTimeout, splitter, false);
    }

    /**
     * @param strictByDefault strict.default: whether a request that does not say is checked strictly
     *                        (one that carries a statement always is, unless it says strict=false)
     */
    public RequestValidator(RequestLimits limits, Duration maxTimeout, HeaderSplitter splitter,
                            boolean strictByDefault) {
        this.strictByDefault = strictByDefault;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.maxTimeout = Objects.requireNonNull(maxTimeout, "maxTimeout");
        this.splitter = Objects.requireNonNull(splitter, "splitter");
    }

    /** The outcome of validation. */
    public sealed interface Validated {
        /** A request Lean should check. */
        record Valid(ProofRequest request) implements Validated {
        }

        /** A request rejected before Lean: {@code id} is null when the request had none. */
        record Invalid(String id, String reason, Map<String, String> metadata) implements Validated {
        }
    }

    public Validated validate(IncomingProof in) {
        List<String> problems = new ArrayList<>(in.problems());
        String id = in.id();
        if (id == null) {
            problems.add(0, "missing id");
        } else if (id.isBlank()) {
            problems.add(0, "id is empty");
            id = null;
        } else if (id.length() > limits.maxIdChars()) {
            problems.add(0, "id has " + id.length() + " characters; the limit is " + limits.maxIdChars()
                    + " (request.max.id.chars)");
            id = null;
        } else if (id.chars().anyMatch(Character::isISOControl)) {
            problems.add(0, "id contains control characters");
            id = null;
        }
        String code = in.code();
        if (code == null) {
            problems.add("missing code");
        } else if (code.isBlank()) {
            problems.add("code is empty");
        } else {
            int bytes = utf8Length(code);
            if (bytes > limits.maxCodeBytes()) {
                problems.add("code is " + bytes + " bytes; the limit is " + limits.maxCodeBytes()
                        + " (request.max.code.bytes)");
            } else if (code.indexOf('\0') >= 0) {
                problems.add("code contains NUL characters");
            } else if (splitter.split(code).body().isBlank()) {
                problems.add("code has an import header and nothing after it: there is no proof to check");
            }
        }
        if (in.timeoutSeconds() != null && (in.timeoutSeconds() < 1 || in.timeoutSeconds() > maxTimeout.toSeconds())) {
            problems.add("timeoutSeconds must be between 1 and " + maxTimeout.toSeconds()
                    + " (lean.timeout.max.seconds), was " + in.timeoutSeconds());
        }
        if (in.infotree() != null && !INFOTREE_MODES.contains(in.infotree())) {
            problems.add("options.infotree must be one of full, tactics, original, substantive; was '"
                    + JsonRequestReader.abbreviate(in.infotree()) + "'");
        }
        String statement = in.statement();
        if (statement != null) {
            if (statement.isBlank()) {
                problems.add("statement is empty; leave it out when there is none");
            } else if (utf8Length(statement) > limits.maxCodeBytes()) {
                problems.add("statement is " + utf8Length(statement) + " bytes; the limit is " + limits.maxCodeBytes()
                        + " (request.max.code.bytes)");
            } else if (statement.indexOf('\0') >= 0) {
                problems.add("statement contains NUL characters");
            } else if (!statement.strip().matches("(?s)(theorem|lemma)\\s+\\S.*")) {
                problems.add("statement must start with 'theorem NAME' (or 'lemma NAME'), e.g."
                        + " 'theorem t (n : ℕ) (h : 0 < n) : n ≥ 1'; was '" + JsonRequestReader.abbreviate(statement) + "'");
            }
        }
        int metadataBytes = in.metadata().entrySet().stream()
                .mapToInt(e -> utf8Length(e.getKey()) + utf8Length(e.getValue())).sum();
        if (metadataBytes > limits.maxMetadataBytes()) {
            problems.add("metadata is " + metadataBytes + " bytes; the limit is " + limits.maxMetadataBytes()
                    + " (request.max.metadata.bytes)");
        }
        if (!problems.isEmpty()) {
            return new Validated.Invalid(id, String.join("; ", problems), in.metadata());
        }
        boolean strict = in.strict() != null ? in.strict() : statement != null || strictByDefault;
        ProofOptions options = in.allTactics() || in.infotree() != null || strict || in.noCache()
                ? ProofOptions.newBuilder().setAllTactics(in.allTactics()).setInfotree(in.infotree()).setStrict(strict)
                        .setNoCache(in.noCache()).build()
                : null;
        return new Validated.Valid(ProofRequest.newBuilder()
                .setId(id)
                .setCode(code)
                .setTimeoutSeconds(in.timeoutSeconds() == null ? null : in.timeoutSeconds().intValue())
                .setOptions(options)
                .setStatement(strict ? statement : null)
                .setMetadata(new java.util.HashMap<>(in.metadata()))
                .build());
    }

    private static int utf8Length(String s) {
        // exact for valid UTF-16; cheaper than encoding (a lone surrogate counts as 3 bytes, as '?')
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
