package dev.leanverify.embedded;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a broker keeps its data: a caller's directory, kept, or a temporary one, deleted on
 * close. Partitions and the metadata log live in {@code kafka/} inside it, so that files the
 * embedded broker writes beside them never mix with Kafka's own.
 *
 * @param root      the directory
 * @param temporary whether {@link #deleteIfTemporary()} removes it
 */
record DataDirectory(Path root, boolean temporary) {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

    /**
     * Creates the given directory if missing, or a temporary one, and checks it can be written.
     *
     * @throws BrokerStartException naming the directory when it cannot be created or written
     */
    static DataDirectory prepare(Optional<Path> requested) {
        DataDirectory data = requested.isPresent()
                ? new DataDirectory(requested.get().toAbsolutePath().normalize(), false)
                : new DataDirectory(createTemporary(), true);
        try {
            Files.createDirectories(data.logDir());
        } catch (IOException e) {
            data.deleteIfTemporary();
            throw new BrokerStartException("cannot use data directory " + data.root + ": " + e, e);
        }
        if (!Files.isWritable(data.root) || !Files.isWritable(data.logDir())) {
            throw new BrokerStartException("data directory " + data.root + " is not writable");
        }
        return data;
    }

    private static Path createTemporary() {
        try {
            return Files.createTempDirectory("leanverify-kafka-");
        } catch (IOException e) {
            throw new BrokerStartException("cannot create a temporary data directory: " + e, e);
        }
    }

    /** Partitions, checkpoints and the KRaft metadata log. */
    Path logDir() {
        return root.resolve("kafka");
    }

    /** Deletes the directory and everything in it when it is temporary; logs what it cannot delete. */
    void deleteIfTemporary() {
        if (!temporary) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // already deleted
        } catch (IOException e) {
            LOG.warn("cannot delete temporary broker data {}: {}", root, e.toString());
        }
    }
}
