package dev.leanverify.repl;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.leanverify.repl.protocol.ReplJson;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/** Starts REPL processes of one spec, naming each after its owner and a sequence number. */
public final class ReplLauncher {
    private final ReplSpec spec;
    private final ReplJson json;
    private final Ticker ticker;
    private final String namePrefix;
    private final AtomicLong sequence = new AtomicLong();

    public ReplLauncher(ReplSpec spec, ReplJson json, Ticker ticker, String namePrefix) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.json = Objects.requireNonNull(json, "json");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.namePrefix = Objects.requireNonNull(namePrefix, "namePrefix");
    }

    public ReplProcess start() throws ReplStartException {
        return ReplProcess.start(spec, namePrefix + "-" + sequence.incrementAndGet(), json, ticker);
    }

    /** A launcher of the same spec whose processes are named with another prefix. */
    public ReplLauncher named(String prefix) {
        return new ReplLauncher(spec, json, ticker, prefix);
    }

    public ReplSpec spec() {
        return spec;
    }

    public Ticker ticker() {
        return ticker;
    }
}
