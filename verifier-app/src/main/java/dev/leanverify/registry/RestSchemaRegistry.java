package dev.leanverify.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client of the Confluent Schema Registry REST API (the Confluent Java client is not available
 * to this build). Schemas by id never change, so they are cached; so are the ids of schemas this
 * client registered. Subject and version listings are always asked afresh.
 *
 * <p>With several URLs, a request goes to the one that last answered and, if it is unavailable,
 * to the others in turn. Thread-safe.
 */
public final class RestSchemaRegistry implements SchemaRegistry {
    private final ObjectMapper mapper = new ObjectMapper();
    private final RegistryHttp http;
    private final Cache<Integer, Schema> schemasById;
    private final Cache<SubjectSchema, Integer> idsBySubjectSchema;

    private record SubjectSchema(String subject, Schema schema) {
    }

    /**
     * A client of the registries at these base URLs (all replicas of one registry).
     *
     * @throws IllegalArgumentException if there is no URL or one is not http(s)
     */
    public RestSchemaRegistry(List<URI> urls, RegistryClientConfig config) {
        Objects.requireNonNull(urls, "urls");
        for (URI url : urls) {
            String scheme = Objects.requireNonNull(url, "url").getScheme();
            if ((!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) || url.getHost() == null) {
                throw new IllegalArgumentException("schema registry URL must be http(s)://host[:port]: " + url);
            }
        }
        this.http = new RegistryHttp(List.copyOf(urls), config, mapper);
        this.schemasById = Caffeine.newBuilder().maximumSize(config.cacheCapacity()).build();
        this.idsBySubjectSchema = Caffeine.newBuilder().maximumSize(config.cacheCapacity()).build();
    }

    @Override
    public int register(String subject, Schema schema) {
        SchemaRegistry.requireSubject(subject);
        Objects.requireNonNull(schema, "schema");
        return idsBySubjectSchema.get(new SubjectSchema(subject, schema), key -> {
            ObjectNode body = mapper.createObjectNode().put("schema", schema.toString());
            JsonNode answer = http.post(versionsPath(subject), body, this::refused);
            int id = requireInt(answer, "id", "registering under subject '" + subject + "'");
            schemasById.put(id, schema);
            return id;
        });
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.get(id, key -> {
            JsonNode answer = http.get("/schemas/ids/" + id, failure -> new UnknownSchemaException(
                    "schema id " + id + " is not known to the schema registry at " + http.urls()
                            + " (" + failure.message() + ")", failure.httpStatus(), failure.errorCode()));
            return parseSchema(answer, id, "schema id " + id);
        });
    }

    @Override
    public List<String> subjects() {
        JsonNode answer = http.get("/subjects", this::refused);
        List<String> subjects = new ArrayList<>();
        for (JsonNode subject : requireArray(answer, "listing subjects")) {
            subjects.add(subject.asText());
        }
        return List.copyOf(subjects);
    }

    @Override
    public List<Integer> versions(String subject) {
        SchemaRegistry.requireSubject(subject);
        JsonNode answer = http.get(versionsPath(subject), failure -> notFound(subject, null, failure));
        List<Integer> versions = new ArrayList<>();
        for (JsonNode version : requireArray(answer, "listing versions of subject '" + subject + "'")) {
            if (!version.canConvertToInt()) {
                throw new SchemaRegistryException("the schema registry at " + http.urls()
                        + " listed a version of subject '" + subject + "' that is not a number: " + version);
            }
            versions.add(version.intValue());
        }
        return List.copyOf(versions);
    }

    @Override
    public Schema version(String subject, int version) {
        if (version < 1) {
            throw new IllegalArgumentException("schema versions start at 1: " + version);
        }
        return fetchVersion(subject, Integer.toString(version));
    }

    @Override
    public Schema latest(String subject) {
        return fetchVersion(subject, "latest");
    }

    private Schema fetchVersion(String subject, String version) {
        SchemaRegistry.requireSubject(subject);
        String what = "version " + version + " of subject '" + subject + "'";
        JsonNode answer = http.get(versionsPath(subject) + "/" + version, failure -> notFound(subject, version, failure));
        int id = requireInt(answer, "id", "fetching " + what);
        return schemasById.get(id, key -> parseSchema(answer, id, what));
    }

    private Schema parseSchema(JsonNode answer, int id, String what) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new NotAvroSchemaException(what + " (schema id " + id + ") at " + http.urls()
                    + " is a " + type + " schema, not Avro", type);
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException("the schema registry at " + http.urls()
                    + " answered without a schema for " + what + ": " + answer);
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("the schema registry at " + http.urls() + " holds a "
                    + what + " that is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    private SchemaRegistryException refused(RegistryHttp.Failure failure) {
        return new SchemaRegistryException(failure.describe(), failure.httpStatus(), failure.errorCode());
    }

    private UnknownSchemaException notFound(String subject, String version, RegistryHttp.Failure failure) {
        String what = version == null || failure.errorCode() == 40401
                ? "subject '" + subject + "'"
                : "version " + version + " of subject '" + subject + "'";
        return new UnknownSchemaException(what + " is not known to the schema registry at " + http.urls()
                + " (" + failure.message() + ")", failure.httpStatus(), failure.errorCode());
    }

    private int requireInt(JsonNode answer, String field, String doing) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException("the schema registry at " + http.urls() + " answered " + doing
                    + " without a numeric '" + field + "': " + answer);
        }
        return value.intValue();
    }

    private JsonNode requireArray(JsonNode answer, String doing) {
        if (!answer.isArray()) {
            throw new SchemaRegistryException("the schema registry at " + http.urls() + " answered " + doing
                    + " with something other than a list: " + answer);
        }
        return answer;
    }

    private static String versionsPath(String subject) {
        return "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20") + "/versions";
    }

    @Override
    public String toString() {
        return "RestSchemaRegistry[" + http.urls() + "]";
    }
}
