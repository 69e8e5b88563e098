package dev.leanverify.repl.protocol;

/**
 * A request of the leanprover-community/repl protocol. Optional fields are null when absent;
 * absent fields are not written.
 */
public sealed interface ReplRequest {

    Extra extra();

    /** {@code {"cmd": ..., "env": ...}}: elaborate Lean source, in environment {@code env} or a fresh one. */
    record Command(String cmd, Integer env, Boolean allTactics, Boolean rootGoals, String infotree, Extra extra)
            implements ReplRequest {
        public Command {
            java.util.Objects.requireNonNull(cmd, "cmd");
            java.util.Objects.requireNonNull(extra, "extra");
        }

        public static Command of(String cmd, Integer env) {
            return new Command(cmd, env, null, null, null, Extra.none());
        }
    }

    /** {@code {"path": ...}}: like a command, reading the source from a file. */
    record File(String path, Integer env, Boolean allTactics, Boolean rootGoals, String infotree, Extra extra)
            implements ReplRequest {
        public File {
            java.util.Objects.requireNonNull(path, "path");
            java.util.Objects.requireNonNull(extra, "extra");
        }
    }

    /** {@code {"tactic": ..., "proofState": n}}: run one tactic on a proof state. */
    record TacticStep(String tactic, int proofState, Extra extra) implements ReplRequest {
        public TacticStep {
            java.util.Objects.requireNonNull(tactic, "tactic");
            java.util.Objects.requireNonNull(extra, "extra");
        }
    }

    /** {@code {"pickleTo": file, "env" | "proofState": n}}: save an environment or proof state. */
    record Pickle(String pickleTo, Integer env, Integer proofState, Extra extra) implements ReplRequest {
        public Pickle {
            java.util.Objects.requireNonNull(pickleTo, "pickleTo");
            java.util.Objects.requireNonNull(extra, "extra");
        }
    }

    /** {@code {"unpickleEnvFrom": file}}: load a saved environment. */
    record UnpickleEnv(String unpickleEnvFrom, Extra extra) implements ReplRequest {
        public UnpickleEnv {
            java.util.Objects.requireNonNull(unpickleEnvFrom, "unpickleEnvFrom");
            java.util.Objects.requireNonNull(extra, "extra");
        }
    }

    /** {@code {"unpickleProofStateFrom": file, "env": n}}: load a saved proof state. */
    record UnpickleProofState(String unpickleProofStateFrom, Integer env, Extra extra) implements ReplRequest {
        public UnpickleProofState {
            java.util.Objects.requireNonNull(unpickleProofStateFrom, "unpickleProofStateFrom");
            java.util.Objects.requireNonNull(extra, "extra");
        }
    }
}
