package dev.leanverify.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SchemaCompatibilityTest {
    private static final Path CURRENT = Path.of(System.getProperty("schemas.current.dir", "src/main/avro"));
    private static final Path RELEASED = Path.of(System.getProperty("schemas.released.dir", "released"));

    @ParameterizedTest
    @ValueSource(strings = {"ProofRequest", "VerificationResult", "ProofTactics"})
    void currentSchemaReadsDataOfTheLastRelease(String name) {
        Schema current = SchemaSet.load(CURRENT).get("dev.leanverify.schema." + name);
        Schema released = SchemaSet.load(newestRelease()).get("dev.leanverify.schema." + name);

        var result = SchemaCompatibility.checkReaderWriterCompatibility(current, released);

        assertThat(result.getType())
                .as("%s in %s must read data written with release %s: %s",
                        name, CURRENT, newestRelease().getFileName(), result.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ProofRequest", "VerificationResult", "ProofTactics"})
    void readersOfTheLastReleaseReadCurrentData(String name) {
        Schema current = SchemaSet.load(CURRENT).get("dev.leanverify.schema." + name);
        Schema released = SchemaSet.load(newestRelease()).get("dev.leanverify.schema." + name);

        var result = SchemaCompatibility.checkReaderWriterCompatibility(released, current);

        assertThat(result.getType())
                .as("consumers built on release %s must read %s as now written: %s",
                        newestRelease().getFileName(), name, result.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void checkRejectsARequiredFieldAddedWithoutDefault() {
        Schema released = SchemaSet.load(newestRelease()).get("dev.leanverify.schema.ProofRequest");
        List<Schema.Field> fields = new java.util.ArrayList<>();
        for (Schema.Field f : released.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field("priority", Schema.create(Schema.Type.INT), "new, no default"));
        Schema broken = Schema.createRecord(released.getName(), null, released.getNamespace(), false, fields);

        var result = SchemaCompatibility.checkReaderWriterCompatibility(broken, released);

        assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void generatedClassesMatchTheSchemaFiles() {
        SchemaSet current = SchemaSet.load(CURRENT);
        for (Schema generated : List.of(ProofRequest.getClassSchema(), VerificationResult.getClassSchema(),
                ProofTactics.getClassSchema())) {
            Schema file = current.get(generated.getFullName());
            assertThat(SchemaNormalization.parsingFingerprint64(generated))
                    .as("generated %s is stale; rebuild the schemas module", generated.getFullName())
                    .isEqualTo(SchemaNormalization.parsingFingerprint64(file));
        }
    }

    private static Path newestRelease() {
        try (Stream<Path> dirs = Files.list(RELEASED)) {
            return dirs.filter(Files::isDirectory)
                    .max(Comparator.comparing(p -> versionKey(p.getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no release folder under " + RELEASED));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String versionKey(String version) {
        StringBuilder key = new StringBuilder();
        for (String part : version.split("\\.")) {
            key.append(String.format("%010d", Integer.parseInt(part.replaceAll("\\D.*", "0"))));
        }
        return key.toString();
    }
}
