package dev.leanverify.registry;

import java.util.Objects;

/**
 * Confluent's default subject naming: a topic's keys are registered under {@code <topic>-key},
 * its values under {@code <topic>-value}.
 */
public enum TopicNameStrategy {
    KEY("-key"),
    VALUE("-value");

    private final String suffix;

    TopicNameStrategy(String suffix) {
        this.suffix = suffix;
    }

    /** The subject of this part of the topic's records. */
    public String subject(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("topic must not be empty");
        }
        return topic + suffix;
    }
}
