package dev.leanverify.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.leanverify.schema.ProofRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
@WireMockTest
class RestSchemaRegistryTest {
    private static final String JSON = RegistryHttp.CONTENT_TYPE;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Schema schema = ProofRequest.getClassSchema();
    private WireMock wm;
    private String baseUrl;
    private RestSchemaRegistry registry;

    @BeforeEach
    void setUp(WireMockRuntimeInfo info) {
        wm = info.getWireMock();
        baseUrl = info.getHttpBaseUrl();
        registry = new RestSchemaRegistry(List.of(URI.create(baseUrl)), RegistryClientConfig.defaults());
    }

    private String json(Object value) throws Exception {
        return mapper.writeValueAsString(value);
    }

    private void stubSchemaById(int id, Schema schema) throws Exception {
        wm.register(get("/schemas/ids/" + id).willReturn(okForContentType(JSON, json(Map.of("schema", schema.toString())))));
    }

    @Test
    void registersTheSchemaTextUnderTheSubjectAndReturnsTheId() throws Exception {
        wm.register(post("/subjects/lean.proofs-value/versions").willReturn(okForContentType(JSON, "{\"id\": 7}")));

        assertThat(registry.register("lean.proofs-value", schema)).isEqualTo(7);

        wm.verifyThat(postRequestedFor(urlEqualTo("/subjects/lean.proofs-value/versions"))
                .withHeader("Content-Type", equalTo(JSON))
                .withRequestBody(equalToJson(json(Map.of("schema", schema.toString())))));
    }

    @Test
    void registeringAgainAsksTheRegistryOnlyOnce() throws Exception {
        wm.register(post("/subjects/lean.proofs-value/versions").willReturn(okForContentType(JSON, "{\"id\": 7}")));

        registry.register("lean.proofs-value", schema);
        assertThat(registry.register("lean.proofs-value", schema)).isEqualTo(7);

        wm.verifyThat(1, postRequestedFor(urlEqualTo("/subjects/lean.proofs-value/versions")));
    }

    @Test
    void aSchemaItRegisteredIsKnownByIdWithoutAFetch() throws Exception {
        wm.register(post("/subjects/lean.proofs-value/versions").willReturn(okForContentType(JSON, "{\"id\": 7}")));

        registry.register("lean.proofs-value", schema);

        assertThat(registry.schemaById(7)).isEqualTo(schema);
        wm.verifyThat(0, getRequestedFor(urlEqualTo("/schemas/ids/7")));
    }

    @Test
    void fetchesASchemaByIdOnceAndThenServesItFromTheCache() throws Exception {
        stubSchemaById(3, schema);

        assertThat(registry.schemaById(3)).isEqualTo(schema);
        assertThat(registry.schemaById(3)).isEqualTo(schema);

        wm.verifyThat(1, getRequestedFor(urlEqualTo("/schemas/ids/3")));
    }

    @Test
    void listsSubjectsAndVersions() throws Exception {
        wm.register(get("/subjects").willReturn(okForContentType(JSON, "[\"lean.proofs-value\", \"lean.results-value\"]")));
        wm.register(get("/subjects/lean.proofs-value/versions").willReturn(okForContentType(JSON, "[1, 2, 4]")));

        assertThat(registry.subjects()).containsExactly("lean.proofs-value", "lean.results-value");
        assertThat(registry.versions("lean.proofs-value")).containsExactly(1, 2, 4);
    }

    @Test
    void fetchesAVersionAndTheLatest() throws Exception {
        Schema older = OlderSchemas.proofRequestWithoutOptions();
        wm.register(get("/subjects/lean.proofs-value/versions/1").willReturn(okForContentType(JSON, json(Map.of(
                "subject", "lean.proofs-value", "version", 1, "id", 11, "schema", older.toString())))));
        wm.register(get("/subjects/lean.proofs-value/versions/latest").willReturn(okForContentType(JSON, json(Map.of(
                "subject", "lean.proofs-value", "version", 2, "id", 12, "schema", schema.toString())))));

        assertThat(registry.version("lean.proofs-value", 1)).isEqualTo(older);
        assertThat(registry.latest("lean.proofs-value")).isEqualTo(schema);
        // The answers carried ids: those schemas are now known without another request.
        assertThat(registry.schemaById(11)).isEqualTo(older);
        wm.verifyThat(0, getRequestedFor(urlEqualTo("/schemas/ids/11")));
    }

    @Test
    void encodesSubjectsInThePath() throws Exception {
        wm.register(get("/subjects/odd%20subject/versions").willReturn(okForContentType(JSON, "[1]")));

        assertThat(registry.versions("odd subject")).containsExactly(1);
    }

    @Test
    void unknownIdIsAnUnknownSchemaExceptionNamingTheIdAndUrl() {
        wm.register(get("/schemas/ids/99").willReturn(aResponse().withStatus(404).withHeader("Content-Type", JSON)
                .withBody("{\"error_code\": 40403, \"message\": \"Schema not found\"}")));

        assertThatThrownBy(() -> registry.schemaById(99))
                .isInstanceOfSatisfying(UnknownSchemaException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.httpStatus()).isEqualTo(404);
                })
                .hasMessageContaining("schema id 99")
                .hasMessageContaining(baseUrl)
                .hasMessageContaining("Schema not found");
    }

    @Test
    void unknownSubjectAndVersionAreUnknownSchemaExceptions() {
        wm.register(get("/subjects/nope-value/versions").willReturn(aResponse().withStatus(404)
                .withBody("{\"error_code\": 40401, \"message\": \"Subject 'nope-value' not found.\"}")));
        wm.register(get("/subjects/lean.proofs-value/versions/9").willReturn(aResponse().withStatus(404)
                .withBody("{\"error_code\": 40402, \"message\": \"Version 9 not found.\"}")));

        assertThatThrownBy(() -> registry.versions("nope-value"))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("subject 'nope-value'");
        assertThatThrownBy(() -> registry.version("lean.proofs-value", 9))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("version 9 of subject 'lean.proofs-value'");
    }

    @Test
    void aNotFoundWithoutARegistryErrorCodeIsNotBlamedOnTheSchema() {
        // What a wrong URL or path prefix looks like: every id would seem unknown.
        wm.register(get("/schemas/ids/5").willReturn(aResponse().withStatus(404).withBody("<html>Not Found</html>")));

        assertThatThrownBy(() -> registry.schemaById(5))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("<html>Not Found</html>");
    }

    @Test
    void serverErrorIsUnavailableAndNotCached() throws Exception {
        wm.register(get("/schemas/ids/3").willReturn(aResponse().withStatus(500)
                .withBody("{\"error_code\": 50001, \"message\": \"Error in the backend data store\"}")));

        assertThatThrownBy(() -> registry.schemaById(3))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining(baseUrl + "/schemas/ids/3")
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("backend data store");

        stubSchemaById(3, schema);
        assertThat(registry.schemaById(3)).isEqualTo(schema);
    }

    @Test
    void refusedRegistrationIsARegistryExceptionWithTheErrorCode() {
        wm.register(post("/subjects/lean.proofs-value/versions").willReturn(aResponse().withStatus(409)
                .withBody("{\"error_code\": 409, \"message\": \"Schema being registered is incompatible\"}")));

        assertThatThrownBy(() -> registry.register("lean.proofs-value", schema))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("incompatible")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(409));
    }

    @Test
    void connectionRefusedIsUnavailableNamingTheUrl() throws Exception {
        String closed = "http://127.0.0.1:" + ClosedPort.find();
        RestSchemaRegistry unreachable = new RestSchemaRegistry(List.of(URI.create(closed)), RegistryClientConfig.defaults());

        assertThatThrownBy(() -> unreachable.schemaById(1))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining(closed + "/schemas/ids/1");
    }

    @Test
    void slowAnswerIsUnavailableAfterTheRequestTimeout() throws Exception {
        wm.register(get("/schemas/ids/3").willReturn(okForContentType(JSON, json(Map.of("schema", schema.toString())))
                .withFixedDelay(1_500)));
        RestSchemaRegistry impatient = new RestSchemaRegistry(List.of(URI.create(baseUrl)),
                RegistryClientConfig.defaults().withRequestTimeout(Duration.ofMillis(200)));

        assertThatThrownBy(() -> impatient.schemaById(3))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("timed out");
    }

    @Test
    void triesTheNextUrlWhenOneIsUnavailable() throws Exception {
        stubSchemaById(3, schema);
        String closed = "http://127.0.0.1:" + ClosedPort.find();
        RestSchemaRegistry replicas = new RestSchemaRegistry(
                List.of(URI.create(closed), URI.create(baseUrl)), RegistryClientConfig.defaults());

        assertThat(replicas.schemaById(3)).isEqualTo(schema);
    }

    @Test
    void sendsBasicAuthCredentialsWhenConfigured() throws Exception {
        stubSchemaById(3, schema);
        RestSchemaRegistry secured = new RestSchemaRegistry(List.of(URI.create(baseUrl)),
                RegistryClientConfig.defaults().withBasicAuthUserInfo("alice:s3cret"));

        secured.schemaById(3);

        String expected = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        wm.verifyThat(getRequestedFor(urlEqualTo("/schemas/ids/3")).withHeader("Authorization", equalTo(expected)));
    }

    @Test
    void sendsNoCredentialsWhenNoneAreConfigured() throws Exception {
        stubSchemaById(3, schema);

        registry.schemaById(3);

        wm.verifyThat(getRequestedFor(urlEqualTo("/schemas/ids/3")).withHeader("Authorization", absent()));
    }

    @Test
    void aProtobufSchemaIsNotAvro() throws Exception {
        wm.register(get("/schemas/ids/8").willReturn(okForContentType(JSON, json(Map.of(
                "schemaType", "PROTOBUF", "schema", "syntax = \"proto3\"; message M { string id = 1; }")))));

        assertThatThrownBy(() -> registry.schemaById(8))
                .isInstanceOfSatisfying(NotAvroSchemaException.class, e -> assertThat(e.schemaType()).isEqualTo("PROTOBUF"))
                .hasMessageContaining("schema id 8");
    }

    @Test
    void anAnswerThatIsNotJsonIsARegistryException() {
        wm.register(get("/subjects").willReturn(aResponse().withStatus(200).withBody("<html>login</html>")));

        assertThatThrownBy(() -> registry.subjects())
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("not JSON");
    }
}
