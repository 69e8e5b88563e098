package dev.leanverify.config;

/** A setting is missing, malformed or out of range; the message names the key, the value and the rule. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
