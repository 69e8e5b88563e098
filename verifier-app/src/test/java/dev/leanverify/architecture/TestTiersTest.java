package dev.leanverify.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every test class names its tier, {@code unit} or {@code integration}: {@code -Punit} selects by
 * tag, so a class without one would silently drop out of the unit tier (and a process-starting
 * class tagged nowhere would slip into it once tags were made optional).
 */
@Tag("unit")
class TestTiersTest {
    private static final Set<String> TIERS = Set.of("unit", "integration");

    @Test
    void everyTestClassCarriesATierTag() throws Exception {
        JavaClasses classes = testClasses();
        List<String> testClassNames = classes.stream()
                .filter(c -> c.getSimpleName().endsWith("Test") && !c.getModifiers().contains(
                        com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT))
                .map(JavaClass::getName)
                .toList();
        assertThat(testClassNames).as("test classes found").hasSizeGreaterThan(50);

        List<String> untagged = classes.stream()
                .filter(c -> testClassNames.contains(c.getName()))
                .filter(c -> c.reflect().getAnnotationsByType(Tag.class).length == 0
                        || java.util.Arrays.stream(c.reflect().getAnnotationsByType(Tag.class))
                                .noneMatch(t -> TIERS.contains(t.value())))
                .map(JavaClass::getName)
                .toList();
        assertThat(untagged).as("test classes without @Tag(\"unit\") or @Tag(\"integration\")").isEmpty();
    }

    /** The unit tier starts no process and no broker: its classes never touch what would. */
    @Test
    void unitTestsStartNoProcessAndNoBroker() throws Exception {
        JavaClasses classes = testClasses();
        List<String> offenders = classes.stream()
                .filter(c -> isUnit(topLevel(c).reflect()))
                .filter(c -> c.getDirectDependenciesFromSelf().stream()
                                .anyMatch(d -> STARTS_SOMETHING.contains(d.getTargetClass().getName()))
                        || c.getMethodCallsFromSelf().stream().anyMatch(call -> call.getTargetOwner().isEquivalentTo(Runtime.class)
                                && call.getName().equals("exec")))
                .map(JavaClass::getName)
                .toList();
        assertThat(offenders).as("unit-tagged classes that reach a process or a broker").isEmpty();
    }

    /** Classes whose use starts an OS process or a Kafka broker. */
    private static final Set<String> STARTS_SOMETHING = Set.of(
            "java.lang.ProcessBuilder",
            "dev.leanverify.repl.ReplLauncher",
            "dev.leanverify.testing.SimRepls",
            "dev.leanverify.testing.Processes",
            "dev.leanverify.testing.EmbeddedStack",
            "dev.leanverify.embedded.EmbeddedKafkaBroker");

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    private static boolean isUnit(Class<?> type) {
        return java.util.Arrays.stream(type.getAnnotationsByType(Tag.class)).anyMatch(t -> t.value().equals("unit"));
    }

    private static JavaClasses testClasses() throws Exception {
        Path testClasses = Path.of(TestTiersTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPath(testClasses);
    }
}
