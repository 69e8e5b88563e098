package dev.leanverify.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a KRaft log directory once, the way {@code kafka-storage.sh format --standalone}
 * does, and afterwards reuses the cluster id written there, so that a restarted broker finds
 * its topics and records again.
 */
final class KraftStorage {
    private static final Logger LOG = LoggerFactory.getLogger(KraftStorage.class);
    private static final String META_PROPERTIES = "meta.properties";

    private KraftStorage() {
    }

    /**
     * Returns the cluster id of {@code logDir}, formatting it first when it is new.
     *
     * @param configFile where to write, for the time of the format, the configuration the storage tool reads
     * @param requested  the cluster id the caller asked for, if any
     * @throws BrokerStartException if the directory belongs to another cluster or cannot be formatted
     */
    static String prepare(Path logDir, Path configFile, Properties config, Optional<String> requested) {
        Optional<String> existing = formattedClusterId(logDir);
        if (existing.isPresent()) {
            if (requested.isPresent() && !requested.get().equals(existing.get())) {
                throw new BrokerStartException("data directory " + logDir + " is formatted for cluster "
                        + existing.get() + ", not the requested " + requested.get()
                        + "; use another directory or drop the cluster id");
            }
            return existing.get();
        }
        String clusterId = requested.orElseGet(() -> Uuid.randomUuid().toString());
        writeConfig(configFile, config);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(new String[] {"format", "--standalone", "--cluster-id", clusterId,
                "--config", configFile.toString()}, out);
        } catch (RuntimeException e) {
            throw new BrokerStartException("cannot format KRaft storage in " + logDir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(configFile);
        }
        String printed = output.toString(StandardCharsets.UTF_8).strip();
        if (code != 0) {
            throw new BrokerStartException("cannot format KRaft storage in " + logDir + " (exit code " + code + "): "
                    + printed);
        }
        LOG.debug("formatted {} for cluster {}: {}", logDir, clusterId, printed);
        return clusterId;
    }

    /** The cluster id recorded in the directory's {@code meta.properties}, if it was formatted. */
    static Optional<String> formattedClusterId(Path logDir) {
        Path meta = logDir.resolve(META_PROPERTIES);
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            p.load(in);
        } catch (IOException e) {
            throw new BrokerStartException("cannot read " + meta + ": " + e.getMessage(), e);
        }
        String id = p.getProperty("cluster.id");
        if (id == null || id.isBlank()) {
            throw new BrokerStartException(meta + " has no cluster.id; the data directory is damaged");
        }
        return Optional.of(id);
    }

    private static void writeConfig(Path file, Properties config) {
        try (OutputStream out = Files.newOutputStream(file)) {
            config.store(out, "written by leanverify's embedded broker for the storage tool");
        } catch (IOException e) {
            throw new BrokerStartException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.toString());
        }
    }
}
