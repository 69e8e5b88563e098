package dev.leanverify.codec.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanverify.config.StreamSettings.RequestLimits;
import dev.leanverify.repl.HeaderSplitter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RequestDecodingTest {
    private final RequestDecoder decoder = new RequestDecoder(AvroRequestReader.withoutRegistry());
    private final RequestValidator validator = new RequestValidator(new RequestLimits(1000, 64, 200),
            Duration.ofSeconds(120), new HeaderSplitter(false));

    private RequestValidator.Validated validate(String json) throws Undecodable {
        return validator.validate(decoder.decode(json.getBytes(StandardCharsets.UTF_8)));
    }

    private String reason(String json) throws Undecodable {
        RequestValidator.Validated v = validate(json);
        assertThat(v).as(json).isInstanceOf(RequestValidator.Validated.Invalid.class);
        return ((RequestValidator.Validated.Invalid) v).reason();
    }

    private Undecodable.Reason undecodable(byte[] value) {
        try {
            decoder.decode(value);
        } catch (Undecodable e) {
            return e.reason();
        }
        throw new AssertionError("decoded " + new String(value == null ? new byte[0] : value, StandardCharsets.UTF_8));
    }

    @Test
    void acceptsAFullJsonRequest() throws Undecodable {
        var v = validate("{\"id\": \"p1\", \"code\": \"theorem t : True := trivial\", \"timeoutSeconds\": 30,"
                + " \"options\": {\"allTactics\": true, \"infotree\": \"tactics\"}, \"metadata\": {\"run\": \"r1\", \"sample\": 3}}");

        assertThat(v).isInstanceOf(RequestValidator.Validated.Valid.class);
        var r = ((RequestValidator.Validated.Valid) v).request();
        assertThat(r.getId()).isEqualTo("p1");
        assertThat(r.getTimeoutSeconds()).isEqualTo(30);
        assertThat(r.getOptions().getAllTactics()).isTrue();
        assertThat(r.getOptions().getInfotree()).isEqualTo("tactics");
        assertThat(r.getMetadata()).containsEntry("run", "r1").containsEntry("sample", "3");
    }

    @Test
    void undecodableValuesAreToldApart() {
        assertThat(undecodable(null)).isEqualTo(Undecodable.Reason.NULL_VALUE);
        assertThat(undecodable(new byte[0])).isEqualTo(Undecodable.Reason.EMPTY_VALUE);
        assertThat(undecodable(new byte[] {0, 0, 0, 0, 1, 2})).isEqualTo(Undecodable.Reason.AVRO_NO_REGISTRY);
        assertThat(undecodable(new byte[] {(byte) 0xff, (byte) 0xfe, '{'})).isEqualTo(Undecodable.Reason.NOT_UTF8);
        assertThat(undecodable("{\"id\": ".getBytes(StandardCharsets.UTF_8))).isEqualTo(Undecodable.Reason.NOT_JSON);
        assertThat(undecodable("{} trailing".getBytes(StandardCharsets.UTF_8))).isEqualTo(Undecodable.Reason.NOT_JSON);
        assertThat(undecodable("[1, 2]".getBytes(StandardCharsets.UTF_8))).isEqualTo(Undecodable.Reason.WRONG_SHAPE);
        assertThat(undecodable("\"just a string\"".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Undecodable.Reason.WRONG_SHAPE);
    }

    @Test
    void invalidRequestsSayWhy() throws Undecodable {
        assertThat(reason("{\"code\": \"theorem t : True := trivial\"}")).contains("missing id");
        assertThat(reason("{\"id\": \"  \", \"code\": \"x\"}")).contains("id is empty");
        assertThat(reason("{\"id\": \"a\", \"code\": \"\"}")).contains("code is empty");
        assertThat(reason("{\"id\": \"a\"}")).contains("missing code");
        assertThat(reason("{\"id\": \"a\", \"code\": \"" + "x".repeat(1001) + "\"}"))
                .contains("code is 1001 bytes; the limit is 1000 (request.max.code.bytes)");
        assertThat(reason("{\"id\": \"a\", \"code\": \"theorem\\u0000\"}")).contains("NUL");
        assertThat(reason("{\"id\": \"a\", \"code\": \"import Mathlib\\n\\n\"}")).contains("nothing after it");
        assertThat(reason("{\"id\": \"a\", \"code\": \"x\", \"timeoutSeconds\": 0}")).contains("between 1 and 120");
        assertThat(reason("{\"id\": \"a\", \"code\": \"x\", \"timeoutSeconds\": 99999999999}")).contains("between 1 and 120");
        assertThat(reason("{\"id\": \"a\", \"code\": \"x\", \"timeoutSeconds\": \"ten\"}")).contains("whole number");
        assertThat(reason("{\"id\": \"a\", \"code\": \"x\", \"options\": {\"fast\": true}}")).contains("unknown option 'fast'");
        assertThat(reason("{\"id\": \"a\", \"code\": \"x\", \"options\": {\"infotree\": \"all\"}}")).contains("infotree");
        assertThat(reason("{\"id\": \"a\", \"code\": \"x\", \"options\": {\"strict\": \"yes\"}}")).contains("options.strict must be true or false");
        assertThat(reason("{\"id\": \"a\", \"code\": \"x\", \"statement\": \"n = n\"}")).contains("must start with 'theorem NAME'");
        assertThat(reason("{\"id\": \"a\", \"code\": \"x\", \"timeout\": 5}")).contains("unknown field 'timeout'");
        assertThat(reason("{\"id\": 42, \"code\": \"x\"}")).contains("id must be a string");
        assertThat(reason("{\"id\": \"a\", \"code\": \"x\", \"metadata\": [1]}")).contains("metadata must be an object");
        assertThat(reason("{\"id\": \"a\", \"code\": \"x\", \"metadata\": {\"k\": \"" + "v".repeat(300) + "\"}}"))
                .contains("request.max.metadata.bytes");
        assertThat(reason("{\"id\": \"" + "i".repeat(65) + "\", \"code\": \"x\"}")).contains("request.max.id.chars");
    }

    @Test
    void reportsEveryProblemAtOnce() throws Undecodable {
        String reason = reason("{\"code\": \"\", \"timeoutSeconds\": -1}");

        assertThat(reason).contains("missing id").contains("code is empty").contains("timeoutSeconds");
    }

    @Test
    void invalidRequestKeepsItsIdAndMetadataForTheResult() throws Undecodable {
        var v = (RequestValidator.Validated.Invalid) validate(
                "{\"id\": \"p9\", \"code\": \"\", \"metadata\": {\"run\": \"r\"}}");

        assertThat(v.id()).isEqualTo("p9");
        assertThat(v.metadata()).containsEntry("run", "r");
    }

    @Test
    void aJsonObjectIsNeverUndecodable() {
        assertThatThrownBy(() -> decoder.decode("{\"id\": 1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Undecodable.class);
        org.assertj.core.api.Assertions.assertThatCode(() -> decoder.decode("{\"x\": [1, {}]}".getBytes(StandardCharsets.UTF_8)))
                .doesNotThrowAnyException();
    }
}
