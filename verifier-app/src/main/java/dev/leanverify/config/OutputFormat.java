package dev.leanverify.config;

/** How result and tactics records are written. */
public enum OutputFormat {
    /** UTF-8 JSON objects with the Avro schemas' field names (the default; any client can read them). */
    JSON,
    /** Avro in the Confluent wire format, schemas registered in the schema registry. */
    AVRO
}
