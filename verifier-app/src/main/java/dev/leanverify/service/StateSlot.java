package dev.leanverify.service;

import dev.leanverify.config.ConfigException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * This instance's own directory for local state: the first free numbered slot
 * {@code <state root>/<application.id>/slot-N}, held with an OS file lock for the life of the
 * process. Instances started on one host with the same settings thus each get their own slot
 * (Kafka Streams refuses to share one), and a restarted instance takes its old slot again (the
 * lowest free one) and with it its warm state. Closing releases the lock.
 */
public final class StateSlot implements AutoCloseable {
    /** Most instances of one application id on one host (a guard against a runaway loop, not a tuning knob). */
    static final int MAX_SLOTS = 256;
    static final String LOCK_FILE = "slot.lock";
    /** Where state lives when state.dir is not set: under the working directory, owned by the operator (not /tmp). */
    public static final Path DEFAULT_ROOT = Path.of("leanverify-data", "state");

    private final int number;
    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private StateSlot(int number, Path dir, FileChannel channel, FileLock lock) {
        this.number = number;
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the first free slot for {@code applicationId} under {@code root}.
     *
     * @throws ConfigException naming state.dir when the root cannot be used or every slot is taken
     */
    public static StateSlot acquire(Path root, String applicationId) {
        Objects.requireNonNull(root, "root");
        Path appDir = root.toAbsolutePath().normalize().resolve(applicationId);
        try {
            Files.createDirectories(appDir);
        } catch (IOException e) {
            throw unusable(root, "cannot create " + appDir + " (" + e + ")");
        }
        for (int n = 0; n < MAX_SLOTS; n++) {
            Path dir = appDir.resolve("slot-" + n);
            FileChannel channel = null;
            try {
                Files.createDirectories(dir);
                channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new StateSlot(n, dir, channel, lock);
                }
                channel.close();
            } catch (OverlappingFileLockException e) {
                closeQuietly(channel); // held by another instance in this same JVM
            } catch (IOException e) {
                closeQuietly(channel);
                throw unusable(root, "cannot lock " + dir.resolve(LOCK_FILE) + " (" + e + ")");
            }
        }
        throw new ConfigException("all " + MAX_SLOTS + " state slots under " + appDir + " are held by running instances"
                + " of application.id " + applicationId + "; set state.dir to another directory");
    }

    private static ConfigException unusable(Path root, String why) {
        return new ConfigException("state.dir " + root + " cannot be used: " + why
                + "; set state.dir (LEANVERIFY_STATE_DIR) to a local directory this user can write");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held
            }
        }
    }

    /** The slot's number, 0 for the first instance on the host. */
    public int number() {
        return number;
    }

    /** The directory Kafka Streams keeps this instance's state in (its {@code state.dir}). */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel closes below, which releases it as well
        }
        closeQuietly(channel);
    }
}
