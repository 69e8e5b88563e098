package dev.leanverify.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/** What the simulator does after reading one request: answer it, or end the process. */
sealed interface Outcome {

    /** The REPL's refusal: {@code {"message": ...}}. */
    static Outcome error(String message) {
        return new Answer(JsonNodeFactory.instance.objectNode().put("message", message));
    }

    /** Answer with this JSON object (pretty-printed, then a blank line). */
    record Answer(JsonNode json) implements Outcome {
        public Answer {
            Objects.requireNonNull(json, "json");
        }
    }

    /** Print exactly this text (a recorded response replayed byte for byte, or garbage). */
    record Verbatim(String text) implements Outcome {
        public Verbatim {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Print the first half of this answer, with no blank line after it, then exit with status 1. */
    record Partial(JsonNode json) implements Outcome {
        public Partial {
            Objects.requireNonNull(json, "json");
        }
    }

    /** Print {@code stdout} (may be empty) and {@code stderr}, then exit with {@code code}. */
    record Exit(int code, String stdout, String stderr) implements Outcome {
        public Exit {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }
    }
}
