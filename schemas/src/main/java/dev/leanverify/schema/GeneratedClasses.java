package dev.leanverify.schema;

import java.util.List;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * The classes generated from this module's schemas. Avro (1.12+) refuses to instantiate classes
 * it was not told to trust; {@link #trust()} adds these to Avro's JVM-wide list, keeping every
 * class trusted before. Call it before reading any of these records.
 */
public final class GeneratedClasses {
    /** Every class generated from the schemas. */
    public static final List<Class<?>> ALL = List.of(ProofRequest.class, ProofOptions.class,
            VerificationResult.class, VerificationStatus.class, LeanMessage.class, Position.class, Sorry.class,
            Timing.class, TacticStep.class, ProofTactics.class, Soundness.class, DeclarationAxioms.class,
            SoundnessFinding.class, RunStats.class, ProblemOutcome.class, PassAtK.class, LatencySketch.class);

    private GeneratedClasses() {
    }

    /** Makes Avro trust the generated classes; idempotent and thread-safe. */
    public static void trust() {
        synchronized (ClassSecurityValidator.class) {
            if (ALL.stream().allMatch(GeneratedClasses::trusted)) {
                return;
            }
            ClassSecurityValidator.Builder ours = ClassSecurityValidator.builder();
            ALL.forEach(ours::add);
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                    ours.build()));
        }
    }

    private static boolean trusted(Class<?> type) {
        try {
            ClassSecurityValidator.validate(type);
            return true;
        } catch (SecurityException e) {
            return false;
        }
    }
}
