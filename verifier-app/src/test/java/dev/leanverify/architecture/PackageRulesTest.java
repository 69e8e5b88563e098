package dev.leanverify.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.leanverify.stream.VerifierTopology;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package layout of docs/DESIGN.md: the data flow (repl, verify, codec, stream) never
 * depends on the simulator, the bench, the command line or the tools, and no packages depend on
 * each other in a cycle. Reads the compiled production classes.
 */
@Tag("unit")
class PackageRulesTest {
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() throws Exception {
        // the application's own class folder only: scanning the whole class path for the package is slow
        Path classes = Path.of(VerifierTopology.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        // one slice per concern (verify.strict belongs to verify): the concerns form a layered graph
        slices().matching("dev.leanverify.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void dataFlowPackagesDoNotDependOnSimulatorBenchCliOrTools() {
        noClasses().that().resideInAnyPackage("dev.leanverify.repl..", "dev.leanverify.verify..",
                        "dev.leanverify.stream..", "dev.leanverify.codec..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.leanverify.sim..", "dev.leanverify.bench..",
                        "dev.leanverify.cli..", "dev.leanverify.tools..")
                .check(production);
    }

    @Test
    void theRulesSeeTheProductionClasses() {
        // an empty import would pass every rule above
        org.assertj.core.api.Assertions.assertThat(production.containPackage("dev.leanverify.stream")).isTrue();
        org.assertj.core.api.Assertions.assertThat(production.containPackage("dev.leanverify.sim")).isTrue();
    }
}
