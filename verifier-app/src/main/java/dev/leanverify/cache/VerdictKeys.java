package dev.leanverify.cache;

import dev.leanverify.repl.HeaderSplitter;
import dev.leanverify.repl.SplitSource;
import dev.leanverify.schema.ProofOptions;
import dev.leanverify.schema.ProofRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The verdict cache's key of a proof: a SHA-256 over everything that can change its result — the
 * header as the REPL sees it (after normalisation) with the line layout that maps positions back
 * to the submission, the body, the options that change the result (strict, statement, allTactics,
 * infotree mode), the Lean version, the Lean project's identity, and a fingerprint of the
 * verifier's own settings that shape a result (strict settings, result caps). Equal keys mean the
 * same result down to message positions; a simulated verdict never meets a real-Lean request
 * because the version ({@code simulated}) is in the key.
 */
public final class VerdictKeys {
    private static final String FORMAT = "leanverify-verdict-v1";

    private final HeaderSplitter splitter;
    private final String leanVersion;
    private final String projectIdentity;
    private final String verifierFingerprint;

    public VerdictKeys(HeaderSplitter splitter, String leanVersion, String projectIdentity,
                       String verifierFingerprint) {
        this.splitter = Objects.requireNonNull(splitter, "splitter");
        this.leanVersion = Objects.requireNonNull(leanVersion, "leanVersion");
        this.projectIdentity = Objects.requireNonNull(projectIdentity, "projectIdentity");
        this.verifierFingerprint = Objects.requireNonNull(verifierFingerprint, "verifierFingerprint");
    }

    /** The key of a validated request (options as the validator resolved them), 64 hex digits. */
    public String keyOf(ProofRequest request) {
        SplitSource split = splitter.split(request.getCode());
        ProofOptions options = request.getOptions();
        boolean strict = options != null && options.getStrict();
        MessageDigest sha = sha256();
        field(sha, FORMAT);
        field(sha, leanVersion);
        field(sha, projectIdentity);
        field(sha, verifierFingerprint);
        field(sha, split.headerText());
        field(sha, split.headerLineMap().toString());
        field(sha, Integer.toString(split.bodyLineOffset()));
        field(sha, split.body());
        field(sha, "strict=" + strict);
        field(sha, strict && request.getStatement() != null ? "statement=" + request.getStatement() : "statement=");
        field(sha, "allTactics=" + (options != null && options.getAllTactics()));
        field(sha, "infotree=" + (options == null || options.getInfotree() == null ? "" : options.getInfotree()));
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The identity of a Lean project: the digest of its {@code lake-manifest.json} (the pinned
     * dependency revisions) and {@code lean-toolchain} when present, else its path.
     */
    public static String projectIdentity(Path projectDir) {
        Path manifest = projectDir.resolve("lake-manifest.json");
        Path toolchain = projectDir.resolve("lean-toolchain");
        if (!Files.isRegularFile(manifest)) {
            return "path:" + projectDir.toAbsolutePath().normalize();
        }
        try {
            MessageDigest sha = sha256();
            field(sha, new String(Files.readAllBytes(manifest), StandardCharsets.UTF_8));
            field(sha, Files.isRegularFile(toolchain) ? Files.readString(toolchain) : "");
            return "manifest:" + HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
    }

    /** Length-prefixed, so that no two different field lists hash the same bytes. */
    private static void field(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
