package dev.leanverify.ops;

import static dev.leanverify.ops.DeploymentFiles.environment;
import static dev.leanverify.ops.DeploymentFiles.list;
import static dev.leanverify.ops.DeploymentFiles.map;
import static dev.leanverify.ops.DeploymentFiles.withDefaults;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanverify.config.LeanSettings;
import dev.leanverify.config.MetricsSettings;
import dev.leanverify.config.Settings;
import dev.leanverify.config.StatsSettings;
import dev.leanverify.config.StreamSettings;
import dev.leanverify.metrics.VerifierMetrics;
import dev.leanverify.ops.DeploymentFiles.Instruction;
import dev.leanverify.verify.ThreadVerifiers;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can be checked of the deployment files on a machine without a Docker engine: the compose
 * file, the Dockerfile, the Prometheus and Grafana files parse and agree with each other and with
 * the application (its settings, its metric names, its default topics), and the shell scripts
 * pass shellcheck.
 */
@Tag("integration")
class DeploymentFilesTest {
    /**
     * Every metric the dashboard may query that the verifier exports. Kept equal to what the
     * dashboard uses, and checked against a scrape of the app's real meters, so a renamed meter
     * breaks this test instead of silently emptying a panel.
     */
    static final Set<String> EXPORTED_METRICS = Set.of(
            "leanverify_proofs_total",
            "leanverify_lean_seconds_bucket",
            "leanverify_end_to_end_seconds_bucket",
            "leanverify_queue_seconds_bucket",
            "leanverify_header_cache_hits_total",
            "leanverify_header_cache_misses_total",
            "leanverify_repl_starts_total",
            "leanverify_repl_retired_total",
            "leanverify_repl_resident_memory_bytes",
            "leanverify_repl_processes",
            "leanverify_repl_start_failing",
            "leanverify_dead_letters_total",
            "leanverify_run_pass_rate",
            // Micrometer's KafkaStreamsMetrics binder: "kafka." + group without "-metrics" + name.
            "kafka_consumer_fetch_manager_records_lag_max",
            "kafka_stream_client_state");
    /** Series Prometheus makes itself for every target. */
    static final Set<String> PROMETHEUS_METRICS = Set.of("up");

    static final int METRICS_PORT = 9464;
    /** The app's largest record (StreamsProperties.MAX_RECORD_BYTES): the topics must accept it. */
    static final int MAX_RECORD_BYTES = 16 << 20;

    private static final Path ROOT = DeploymentFiles.root();

    @TempDir
    Path tmp;

    // ---- docker-compose.yml --------------------------------------------------------------------

    static Map<String, Object> services() throws IOException {
        return map(DeploymentFiles.yaml(ROOT.resolve("docker-compose.yml")).get("services"), "services");
    }

    static Map<String, Object> service(String name) throws IOException {
        return map(services().get(name), "service " + name);
    }

    @Test
    void composeHasTheBrokerRegistryTopicsVerifierAndMonitoringServices() throws IOException {
        assertThat(services()).containsKeys("kafka", "schema-registry", "topics", "verifier", "prometheus", "grafana");
        for (String name : List.of("prometheus", "grafana")) {
            assertThat(list(service(name).get("profiles"), name + ".profiles")).as(name).containsExactly("monitoring");
        }
        for (String name : List.of("kafka", "schema-registry", "topics", "verifier")) {
            assertThat(service(name).get("profiles")).as(name + " runs without a profile").isNull();
        }
    }

    @Test
    void everyComposeImageIsPinned() throws IOException {
        for (Map.Entry<String, Object> e : services().entrySet()) {
            Object image = map(e.getValue(), e.getKey()).get("image");
            assertThat(image).as(e.getKey() + " names its image").isNotNull();
            assertThat(DeploymentFiles.pinned(withDefaults(String.valueOf(image))))
                    .as(e.getKey() + " image " + image + " has a tag other than latest").isTrue();
        }
    }

    @Test
    void verifierScalesFreely() throws IOException {
        Map<String, Object> verifier = service("verifier");
        assertThat(verifier).as("a container_name would allow one replica only").doesNotContainKey("container_name");
        assertThat(verifier).as("a published port would collide between replicas").doesNotContainKey("ports");
        assertThat(map(verifier.get("build"), "verifier.build")).containsEntry("dockerfile", "ops/Dockerfile")
                .containsEntry("context", ".");
        Map<String, Object> dependsOn = map(verifier.get("depends_on"), "verifier.depends_on");
        assertThat(map(dependsOn.get("topics"), "depends_on.topics"))
                .containsEntry("condition", "service_completed_successfully");
        assertThat(dependsOn).containsKeys("kafka", "schema-registry");
    }

    @Test
    void theVerifiersLocalStateIsOnAVolumeTheImageAndComposeAgreeOn() throws IOException {
        List<Instruction> instructions = dockerfile();
        String stateDir = DeploymentFiles.dockerEnv(instructions).get("LEANVERIFY_STATE_DIR");
        assertThat(stateDir).as("LEANVERIFY_STATE_DIR in ops/Dockerfile").isNotNull().doesNotStartWith("/tmp");
        assertThat(DeploymentFiles.arguments(instructions, "VOLUME")).as("VOLUME in ops/Dockerfile")
                .anyMatch(v -> v.contains("\"" + stateDir + "\"") || v.equals(stateDir));
        assertThat(DeploymentFiles.arguments(instructions, "RUN")).as("the unprivileged user owns it")
                .anyMatch(r -> r.contains("install -d -o 10001 -g 10001") && r.contains(stateDir));
        // a named volume (kept across re-creations, shared by the replicas, each in its own slot)
        List<String> volumes = list(service("verifier").get("volumes"), "verifier.volumes").stream()
                .map(String::valueOf).toList();
        String mount = volumes.stream().filter(v -> v.endsWith(":" + stateDir)).findFirst().orElse(null);
        assertThat(mount).as("a verifier volume mounted on " + stateDir + " in " + volumes).isNotNull();
        String volume = mount.substring(0, mount.indexOf(':'));
        assertThat(map(DeploymentFiles.yaml(ROOT.resolve("docker-compose.yml")).get("volumes"), "volumes"))
                .containsKey(volume);
    }

    @Test
    void verifierFindsBrokerAndRegistryByServiceName() throws IOException {
        Map<String, String> env = environment(service("verifier"));
        assertThat(env).containsEntry("LEANVERIFY_TOPICS_CREATE", "false").containsKey("LEANVERIFY_APPLICATION_ID");

        String bootstrap = env.get("LEANVERIFY_BOOTSTRAP_SERVERS");
        assertThat(bootstrap).as("bootstrap servers").isNotNull();
        String[] hostPort = bootstrap.split(":");
        assertThat(services()).containsKey(hostPort[0]);
        String listeners = environment(service(hostPort[0])).get("KAFKA_ADVERTISED_LISTENERS");
        assertThat(listeners).as("the broker advertises what the verifier connects to").contains("//" + bootstrap);

        URI registry = URI.create(env.get("LEANVERIFY_SCHEMA_REGISTRY_URL"));
        assertThat(services()).containsKey(registry.getHost());
        assertThat(environment(service(registry.getHost())).get("SCHEMA_REGISTRY_LISTENERS"))
                .endsWith(":" + registry.getPort());
        assertThat(environment(service(registry.getHost())).get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"))
                .endsWith(bootstrap);
    }

    @Test
    void verifierHealthcheckAsksForReadiness() throws IOException {
        String test = String.valueOf(map(service("verifier").get("healthcheck"), "healthcheck").get("test"));
        assertThat(test).contains("localhost:" + METRICS_PORT + "/health/ready");
        assertThat(list(service("verifier").get("expose"), "expose")).map(String::valueOf)
                .contains(String.valueOf(METRICS_PORT));
    }

    @Test
    void everyLeanverifyVariableIsASettingTheAppKnows() throws IOException {
        Map<String, String> env = new HashMap<>(environment(service("verifier")));
        env.putAll(DeploymentFiles.dockerEnv(DeploymentFiles.dockerfile(ROOT.resolve("ops/Dockerfile"))));
        env.keySet().removeIf(k -> !k.startsWith(Settings.ENV_PREFIX));
        assertThat(env).isNotEmpty();

        Set<String> known = new HashSet<>(LeanSettings.KEYS);
        known.addAll(StreamSettings.KEYS);
        known.addAll(MetricsSettings.KEYS);
        known.addAll(StreamsConfig.configDef().names());
        known.addAll(ConsumerConfig.configNames());
        known.addAll(ProducerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());
        Set<String> keys = Settings.load(null, env, Map.of()).asMap().keySet();
        assertThat(keys).as("settings named by LEANVERIFY_* variables in docker-compose.yml and ops/Dockerfile")
                .hasSize(env.size()).isSubsetOf(known);
    }

    @Test
    void topicsServiceCreatesTheAppsFourTopicsOnceTheBrokerAnswers() throws IOException {
        Map<String, Object> topics = service("topics");
        String script = String.join("\n", list(topics.get("command"), "topics.command").stream()
                .map(String::valueOf).toList());
        StreamSettings.Topics defaults = StreamSettings.from(Settings.empty()).topics();
        for (String topic : List.of(defaults.proofs(), defaults.results(), defaults.tactics())) {
            assertThat(script).as("creates " + topic + " with the app's record limit").contains(" " + topic + ":"
                    + MAX_RECORD_BYTES);
        }
        assertThat(script).as("the dead-letter topic takes a maximal input plus its headers")
                .contains(" " + defaults.dlq() + ":" + (MAX_RECORD_BYTES + (1 << 20)));
        assertThat(script).contains("kafka-topics.sh", "--create", "--if-not-exists",
                "max.message.bytes=\"$${topic##*:}\"", "--topic \"$${topic%%:*}\"",
                "--partitions \"$$TOPIC_PARTITIONS\"");
        assertThat(script).as("waits for the broker").contains("until ", "kafka-broker-api-versions.sh");
        assertThat(script).as("the run statistics topic is compacted")
                .contains("--topic " + StatsSettings.from(Settings.empty()).topic(), "--config cleanup.policy=compact");
        assertThat(withDefaults(environment(topics).get("TOPIC_PARTITIONS"))).isEqualTo("8");
        assertThat(map(topics.get("depends_on"), "topics.depends_on")).containsKey("kafka");
        assertThat(String.valueOf(topics.get("image"))).isEqualTo(String.valueOf(service("kafka").get("image")));
    }

    // ---- Prometheus and Grafana ------------------------------------------------------------------

    @Test
    void prometheusDiscoversEveryVerifierReplicaOnTheMetricsPort() throws IOException {
        Map<String, Object> config = DeploymentFiles.yaml(ROOT.resolve("ops/prometheus/prometheus.yml"));
        List<Object> jobs = list(config.get("scrape_configs"), "scrape_configs");
        Map<String, Object> job = jobs.stream().map(j -> map(j, "job"))
                .filter(j -> "leanverify".equals(j.get("job_name"))).findFirst().orElseThrow();
        assertThat(job.getOrDefault("metrics_path", "/metrics")).isEqualTo("/metrics");
        Map<String, Object> dns = map(list(job.get("dns_sd_configs"), "dns_sd_configs").get(0), "dns_sd_config");
        assertThat(list(dns.get("names"), "names")).contains("verifier");
        assertThat(dns).containsEntry("type", "A").containsEntry("port", METRICS_PORT);
        assertThat(list(service("prometheus").get("volumes"), "volumes")).map(String::valueOf)
                .anyMatch(v -> v.startsWith("./ops/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml"));
    }

    @Test
    void grafanaProvisionsThePrometheusDatasourceAndTheDashboardFolder() throws IOException {
        Map<String, Object> ds = map(list(DeploymentFiles.yaml(
                ROOT.resolve("ops/grafana/provisioning/datasources/prometheus.yml")).get("datasources"), "datasources")
                .get(0), "datasource");
        assertThat(ds).containsEntry("type", "prometheus").containsEntry("uid", "prometheus");
        URI url = URI.create(String.valueOf(ds.get("url")));
        assertThat(services()).containsKey(url.getHost());

        Map<String, Object> provider = map(list(DeploymentFiles.yaml(
                ROOT.resolve("ops/grafana/provisioning/dashboards/leanverify.yml")).get("providers"), "providers")
                .get(0), "provider");
        String path = String.valueOf(map(provider.get("options"), "options").get("path"));
        assertThat(list(service("grafana").get("volumes"), "volumes")).map(String::valueOf)
                .contains("./ops/grafana/dashboards:" + path + ":ro",
                        "./ops/grafana/provisioning:/etc/grafana/provisioning:ro");

        for (JsonNode panel : dashboard().get("panels")) {
            if (panel.has("targets")) {
                assertThat(panel.at("/datasource/uid").asText()).as(panel.get("title").asText()).isEqualTo("prometheus");
            }
        }
    }

    static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(ROOT.resolve("ops/grafana/dashboards/leanverify.json").toFile());
    }

    static Set<String> dashboardMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard().get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                names.addAll(DeploymentFiles.metricNames(target.get("expr").asText()));
            }
        }
        return names;
    }

    @Test
    void dashboardQueriesOnlyKnownMetricsAndUsesThemAll() throws IOException {
        JsonNode dash = dashboard();
        assertThat(dash.get("uid").asText()).isEqualTo("leanverify");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dash.get("panels")) {
            assertThat(ids.add(panel.get("id").asInt())).as("unique panel id " + panel.get("id")).isTrue();
            assertThat(panel.has("gridPos")).isTrue();
            for (JsonNode target : panel.path("targets")) {
                Set<String> names = DeploymentFiles.metricNames(target.get("expr").asText());
                assertThat(names).as(panel.get("title").asText() + ": " + target.get("expr").asText())
                        .isNotEmpty().allMatch(n -> EXPORTED_METRICS.contains(n) || PROMETHEUS_METRICS.contains(n));
            }
        }
        Set<String> used = dashboardMetrics();
        assertThat(used).as("every listed metric has a panel").containsAll(EXPORTED_METRICS);
    }

    @Test
    void metricNamesAreReadOutOfPromQl() {
        assertThat(DeploymentFiles.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(leanverify_lean_seconds_bucket{status=\"x\"}[5m])))"))
                .containsExactly("leanverify_lean_seconds_bucket");
        assertThat(DeploymentFiles.metricNames("max by (instance_id) (a_state == bool 2) * on (instance_id)"
                + " (1 - max by (instance_id) (b_failing)) / rate(c_total[$__rate_interval])"))
                .containsExactly("a_state", "b_failing", "c_total");
    }

    @Test
    void dashboardMetricsAreWhatTheAppExports() throws Exception {
        // The same meters VerifierService binds: the verifier's own and Kafka Streams' through
        // Micrometer, on a Prometheus registry. Kafka Streams is built but never started.
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        VerifierMetrics metrics = new VerifierMetrics(registry, new ThreadVerifiers(name -> {
            throw new AssertionError("no stream thread runs in this test");
        }));
        metrics.deadLettered("undecodable"); // registered on first use
        dev.leanverify.schema.GeneratedClasses.trust();
        new dev.leanverify.stats.RunGauges(registry, 5).accept(dev.leanverify.schema.RunStats.newBuilder()
                .setRunId("r").setLeanMs(new dev.leanverify.schema.LatencySketch())
                .setTotalMs(new dev.leanverify.schema.LatencySketch()).build()); // a gauge per run, on first stats
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "deployment-files-" + System.nanoTime());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, tmp.toString());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        String scrape;
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
             KafkaStreamsMetrics kafkaMetrics = new KafkaStreamsMetrics(streams)) {
            kafkaMetrics.bindTo(registry);
            scrape = registry.scrape();
            streams.close(Duration.ofSeconds(10));
        }
        Set<String> exported = new HashSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                exported.add(line.split("[{ ]", 2)[0]);
            }
        }
        assertThat(exported).containsAll(EXPORTED_METRICS);
    }

    // ---- ops/Dockerfile and .dockerignore ----------------------------------------------------------

    static List<Instruction> dockerfile() throws IOException {
        return DeploymentFiles.dockerfile(ROOT.resolve("ops/Dockerfile"));
    }

    @Test
    void dockerfileBaseImagesArePinned() throws IOException {
        Set<String> stages = new HashSet<>();
        List<String> froms = DeploymentFiles.arguments(dockerfile(), "FROM");
        assertThat(froms).as("multi-stage").hasSizeGreaterThanOrEqualTo(2);
        for (String from : froms) {
            String[] words = Stream.of(from.split("\\s+")).filter(w -> !w.startsWith("--")).toArray(String[]::new);
            if (!stages.contains(words[0])) {
                assertThat(DeploymentFiles.pinned(words[0])).as("FROM " + from + " is pinned").isTrue();
            }
            if (words.length == 3 && words[1].equalsIgnoreCase("AS")) {
                stages.add(words[2]);
            }
        }
    }

    @Test
    void dockerfileRunsAsAnUnprivilegedUserAndServesHealthOnTheMetricsPort() throws IOException {
        List<Instruction> instructions = dockerfile();
        List<String> users = DeploymentFiles.arguments(instructions, "USER");
        assertThat(users).isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0];
        assertThat(user).as("the last USER").isNotIn("root", "0");
        assertThat(DeploymentFiles.arguments(instructions, "EXPOSE")).contains(String.valueOf(METRICS_PORT));
        assertThat(DeploymentFiles.arguments(instructions, "HEALTHCHECK")).singleElement().asString()
                .contains("localhost:" + METRICS_PORT + "/health/ready");
        // An init first (it reaps the REPLs' orphaned children), then the app.
        assertThat(DeploymentFiles.arguments(instructions, "ENTRYPOINT"))
                .containsExactly("[\"/usr/bin/tini\", \"--\", \"java\", \"-jar\", \"/app/leanverify.jar\"]");
        assertThat(DeploymentFiles.arguments(instructions, "CMD")).containsExactly("[\"run\"]");
        Map<String, String> env = DeploymentFiles.dockerEnv(instructions);
        assertThat(env).containsEntry("LEANVERIFY_LEAN_REPL_COMMAND", "lake env /opt/lean/repl/.lake/build/bin/repl")
                .containsKey("LEANVERIFY_LEAN_PROJECT_DIR")
                .containsEntry("LEANVERIFY_METRICS_PORT", String.valueOf(METRICS_PORT));
    }

    /**
     * The REPL sandbox in the container: the image installs bubblewrap, the compose file requires
     * the sandbox, and grants bwrap what it needs to build an unprivileged user namespace (seccomp,
     * AppArmor, masked /proc) without capabilities or privileged mode, as a non-root user.
     */
    @Test
    void theVerifierContainerRequiresTheSandboxAndGivesBwrapTheLeastItNeeds() throws IOException {
        List<Instruction> instructions = dockerfile();
        assertThat(DeploymentFiles.arguments(instructions, "RUN")).anySatisfy(run ->
                assertThat(run).contains("apt-get install").containsPattern("\\bbubblewrap\\b"));
        Map<String, Object> verifier = service("verifier");
        assertThat(environment(verifier)).containsEntry("LEANVERIFY_LEAN_SANDBOX", "required");
        assertThat(list(verifier.get("security_opt"), "verifier.security_opt")).map(String::valueOf)
                .containsExactlyInAnyOrder("seccomp=unconfined", "apparmor=unconfined", "systempaths=unconfined");
        assertThat(verifier.get("cap_add")).as("no capability added").isNull();
        assertThat(verifier.get("privileged")).as("not privileged").isNull();
        assertThat(verifier.get("user")).as("the image's unprivileged USER").isNull();
        // the setting the compose file sets is one the app knows, with a value it accepts
        Settings settings = Settings.load(null, Map.of("LEANVERIFY_LEAN_SANDBOX", "required"), Map.of());
        assertThat(settings.get("lean.sandbox")).contains("required");
        assertThat(LeanSettings.KEYS).contains("lean.sandbox");
    }

    @Test
    void dockerfileInstallsLeanWithTheScriptAtTheToolchainTheWholeRepositoryPins() throws IOException {
        List<Instruction> instructions = dockerfile();
        Map<String, String> args = DeploymentFiles.dockerArgs(instructions);
        assertThat(args).containsKeys("LEAN_TOOLCHAIN", "REPL_REF", "MATHLIB", "MATHLIB_REF");
        assertThat(DeploymentFiles.arguments(instructions, "COPY")).anyMatch(c -> c.contains("ops/install-lean.sh"));
        assertThat(DeploymentFiles.arguments(instructions, "RUN")).anyMatch(r -> r.contains("install-lean.sh")
                && r.contains("$LEAN_TOOLCHAIN") && r.contains("$REPL_REF") && r.contains("--mathlib"));

        String script = Files.readString(ROOT.resolve("ops/install-lean.sh"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("readonly DEFAULT_TOOLCHAIN=\"([^\"]+)\"").matcher(script);
        assertThat(m.find()).as("install-lean.sh names its default toolchain").isTrue();
        String toolchain = m.group(1);
        assertThat(args.get("LEAN_TOOLCHAIN")).isEqualTo(toolchain);
        assertThat(args.get("REPL_REF")).isEqualTo(toolchain.substring(toolchain.indexOf(':') + 1));
        Map<String, Object> buildArgs = map(map(service("verifier").get("build"), "build").get("args"), "build.args");
        assertThat(withDefaults(String.valueOf(buildArgs.get("LEAN_TOOLCHAIN")))).isEqualTo(toolchain);
        assertThat(withDefaults(String.valueOf(buildArgs.get("REPL_REF")))).isEqualTo(args.get("REPL_REF"));
        assertThat(withDefaults(String.valueOf(buildArgs.get("MATHLIB")))).isIn("true", "false");

        // The jar and its libraries where Maven puts them (finalName leanverify, copy-dependencies to lib/).
        assertThat(DeploymentFiles.arguments(instructions, "COPY")).contains(
                "--from=build /src/verifier-app/target/leanverify.jar /app/leanverify.jar",
                "--from=build /src/verifier-app/target/lib /app/lib");
    }

    @Test
    void dockerignoreKeepsBuildOutputAndHistoryOutOfTheContext() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve(".dockerignore"), StandardCharsets.UTF_8);
        assertThat(lines).contains("**/target", ".git", ".leanverify");
        assertThat(lines).as("the build needs these").doesNotContain("ops", "ops/install-lean.sh", "schemas",
                "verifier-app", "pom.xml");
    }

    // ---- shell scripts ---------------------------------------------------------------------------

    /** Every shell script under ops/: a .sh name or a shell shebang. */
    static List<Path> shellScripts() throws IOException {
        List<Path> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("ops"))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String first = Files.readAllLines(f, StandardCharsets.ISO_8859_1).stream().findFirst().orElse("");
                if (f.toString().endsWith(".sh") || first.matches("#!.*\\b(ba|da|k)?sh\\b.*")) {
                    scripts.add(f);
                }
            }
        }
        return scripts;
    }

    @Test
    void shellScriptsAreExecutable() throws IOException {
        List<Path> scripts = shellScripts();
        assertThat(scripts).contains(ROOT.resolve("ops/leanverify"), ROOT.resolve("ops/install-lean.sh"));
        assertThat(scripts).allMatch(Files::isExecutable);
    }

    @Test
    void shellScriptsPassShellcheck() throws Exception {
        assumeTrue(onPath("shellcheck"), "shellcheck is not installed, so the scripts under ops/ were not checked;"
                + " install it (apt-get install -y shellcheck) to run this test, as CI does");
        List<String> command = new ArrayList<>(List.of("shellcheck", "--external-sources"));
        shellScripts().forEach(p -> command.add(ROOT.relativize(p).toString()));
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("shellcheck " + command.subList(2, command.size()) + "\n" + output).isZero();
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }
}
