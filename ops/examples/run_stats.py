#!/usr/bin/env python3
"""How an analytics consumer follows the live run statistics of leanverify.

The verifier aggregates every result, exactly once, into one record per run on the compacted
stats topic (lean.stats), keyed by run id: counts by status, pass rate, pass@k, per-problem
outcomes, Lean and end-to-end latency, cache hits (the RunStats schema, see the README). Each
new record of a run supersedes the previous one, so reading the topic from the beginning gives
the latest figures of every run, and following it shows them change. JSON format here
(output.format=json, the default); read_committed, so only committed aggregates are seen.

    python3 ops/examples/run_stats.py --bootstrap-servers localhost:9092            # follow every run
    python3 ops/examples/run_stats.py --run eval-1                                  # one run
    python3 ops/examples/run_stats.py --once                                        # latest of each run, then exit

Prints one line per update: time, run, results, pass rate and pass@k. With --csv FILE it also
appends (time, run, results, pass rate) rows there, ready to plot (e.g. pandas + matplotlib).
"""
import argparse
import csv
import json
import sys
import time
import uuid

from confluent_kafka import Consumer, KafkaException, TopicPartition


def describe(stats):
    """One line for a RunStats record (a dict from the JSON on the stats topic)."""
    pass_at_k = " ".join(f"pass@{p['k']}={p['value']:.3f}" for p in stats.get("passAtK", []) if p.get("value") is not None)
    line = (f"{stats['runId']}: {stats['results']} results, pass rate {100 * stats['passRate']:.1f}%"
            + (f", {pass_at_k}" if pass_at_k else "")
            + f", lean p50 {stats['leanMs']['p50']} ms p99 {stats['leanMs']['p99']} ms")
    if stats.get("problemsTruncated"):
        line += " (problem table truncated)"
    return line


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bootstrap-servers", default="localhost:9092")
    parser.add_argument("--stats-topic", default="lean.stats")
    parser.add_argument("--run", action="append", help="only this run id (repeatable)")
    parser.add_argument("--once", action="store_true", help="print the latest aggregate of each run and exit")
    parser.add_argument("--csv", help="append (epoch seconds, run, results, pass rate) rows to this file")
    parser.add_argument("--idle-exit", type=float, default=None,
                        help="exit after this many seconds without an update (default: follow forever)")
    args = parser.parse_args()

    consumer = Consumer({
        "bootstrap.servers": args.bootstrap_servers,
        "group.id": "run-stats-" + uuid.uuid4().hex[:8],  # required by the client; nothing is committed
        "isolation.level": "read_committed",
        "enable.auto.commit": False,
        "auto.offset.reset": "earliest",
    })
    metadata = consumer.list_topics(args.stats_topic, timeout=30)
    topic = metadata.topics.get(args.stats_topic)
    if topic is None or topic.error is not None:
        print(f"stats topic {args.stats_topic} not found: is leanverify running with stats.enabled=true?",
              file=sys.stderr)
        return 2
    partitions = [TopicPartition(args.stats_topic, p, 0) for p in topic.partitions]
    # With --once, read up to the end offsets as they are now; a compacted topic may have gaps.
    ends = {p.partition: consumer.get_watermark_offsets(p, timeout=30)[1] for p in partitions}
    consumer.assign(partitions)

    wanted = set(args.run or [])
    latest = {}
    out = open(args.csv, "a", newline="", encoding="utf-8") if args.csv else None
    writer = csv.writer(out) if out else None
    last_update = time.monotonic()
    try:
        while True:
            if args.once and all(consumer.position([TopicPartition(args.stats_topic, p)])[0].offset >= end
                                 for p, end in ends.items() if end > 0):
                break
            if args.idle_exit is not None and time.monotonic() - last_update > args.idle_exit:
                break
            message = consumer.poll(0.5)
            if message is None:
                continue
            if message.error():
                raise KafkaException(message.error())
            if message.value() is None:
                continue  # a tombstone: the run's statistics were deleted
            stats = json.loads(message.value())
            if wanted and stats["runId"] not in wanted:
                continue
            latest[stats["runId"]] = stats
            last_update = time.monotonic()
            if not args.once:
                print(time.strftime("%H:%M:%S"), describe(stats), flush=True)
            if writer:
                writer.writerow([round(time.time(), 3), stats["runId"], stats["results"], stats["passRate"]])
                out.flush()
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()
        if out:
            out.close()
    if args.once:
        for run in sorted(latest):
            print(describe(latest[run]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
