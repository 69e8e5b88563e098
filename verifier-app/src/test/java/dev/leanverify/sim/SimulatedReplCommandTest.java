package dev.leanverify.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SimulatedReplCommandTest {

    @Test
    void commandLineRunsTheSimulatorInALightJvmOfThisJava() {
        SimulatedReplCommand command = SimulatedReplCommand.defaults().withRecordings(Path.of("/data"))
                .withTimeScale(0.5).withHeaderLoadMs(8000).withHeaderMemoryMb(5000).withStartDelayMs(100);

        List<String> line = command.commandLine();

        assertThat(line.get(0)).endsWith("java");
        assertThat(line).containsSubsequence(SimulatedReplCommand.JVM_FLAGS);
        assertThat(line).containsSubsequence("-cp", System.getProperty("java.class.path"),
                SimulatedReplCommand.MAIN_CLASS);
        assertThat(line).endsWith(command.arguments().toArray(String[]::new));
        assertThat(command.arguments()).containsExactly("--recordings", "/data", "--time-scale", "0.5",
                "--header-load-ms", "8000", "--header-memory-mb", "5000", "--start-delay-ms", "100");
    }

    @Test
    void argumentsReadBackToTheSameSettings() {
        SimulatedReplCommand command = SimulatedReplCommand.defaults().withRecordings(Path.of("a"), Path.of("b"))
                .withTimeScale(0.001).withHeaderLoadMs(3).withHeaderMemoryMb(4).withStartDelayMs(5)
                .withFailStart(true).withWaitCost(true);

        assertThat(SimArguments.parse(command.arguments().toArray(String[]::new))).isEqualTo(command);
        assertThat(command.arguments()).endsWith("--fail-start", "--wait");
        assertThat(SimArguments.parse()).isEqualTo(SimulatedReplCommand.defaults());
        assertThat(SimArguments.parse("--time-scale=2")).isEqualTo(SimulatedReplCommand.defaults().withTimeScale(2));
    }

    @Test
    void rejectsBadSettingsAtOnce() {
        assertThatThrownBy(() -> SimulatedReplCommand.defaults().withTimeScale(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time scale");
        assertThatThrownBy(() -> SimulatedReplCommand.defaults().withHeaderLoadMs(-1))
                .hasMessageContaining("header load ms must not be negative");
        assertThatThrownBy(() -> SimArguments.parse("--frobnicate", "1")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> SimArguments.parse("--time-scale")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> SimArguments.parse("--header-load-ms", "lots")).hasMessageContaining("whole number");
    }
}
