#!/usr/bin/env python3
"""How an RL rollout worker submits proofs to leanverify and awaits their results.

Plain confluent-kafka in JSON mode: a proof request is a JSON object on the proofs topic
({"id", "code", "timeoutSeconds"?, "options"?, "metadata"?}); its one result comes back on the
results topic keyed by the proof id. Results are read with isolation.level=read_committed, so
only final (committed) results are seen.

    python3 ops/examples/rollout_worker.py --bootstrap-servers localhost:9092 proof1.lean proof2.lean
    python3 ops/examples/rollout_worker.py --demo      # two built-in proofs

Prints one JSON line per result and exits 0 when every proof got its result in time.
"""
import argparse
import json
import sys
import time
import uuid

from confluent_kafka import Consumer, Producer, TopicPartition

DEMO_PROOFS = {
    "add_zero": "theorem add_zero' (n : Nat) : n + 0 = n := rfl\n",
    "unfinished": "theorem mul_comm' (a b : Nat) : a * b = b * a := by\n  sorry\n",
}


class LeanVerifyClient:
    """Sends proofs and matches results to them by id."""

    def __init__(self, bootstrap_servers, proofs_topic="lean.proofs", results_topic="lean.results"):
        self.proofs_topic = proofs_topic
        self.results_topic = results_topic
        self.producer = Producer({"bootstrap.servers": bootstrap_servers, "acks": "all", "linger.ms": 5})
        self.consumer = Consumer({
            "bootstrap.servers": bootstrap_servers,
            "group.id": "rollout-worker-" + uuid.uuid4().hex[:8],  # required by the client; nothing is committed
            "isolation.level": "read_committed",
            "enable.auto.commit": False,
        })
        # Start at the current end of every results partition *before* sending, so no result is missed.
        metadata = self.consumer.list_topics(results_topic, timeout=30)
        if results_topic not in metadata.topics or metadata.topics[results_topic].error is not None:
            raise SystemExit(f"results topic {results_topic} not found: is leanverify running?")
        partitions = []
        for p in metadata.topics[results_topic].partitions:
            _, high = self.consumer.get_watermark_offsets(TopicPartition(results_topic, p), timeout=30)
            partitions.append(TopicPartition(results_topic, p, high))
        self.consumer.assign(partitions)

    def submit(self, proof_id, code, timeout_seconds=None, metadata=None):
        request = {"id": proof_id, "code": code, "metadata": metadata or {}}
        if timeout_seconds is not None:
            request["timeoutSeconds"] = timeout_seconds
        self.producer.produce(self.proofs_topic, key=proof_id.encode(), value=json.dumps(request).encode())

    def await_results(self, ids, deadline_seconds):
        """Yields (id, result dict) as results arrive, until all ids are answered or the deadline passes."""
        self.producer.flush(30)
        waiting = set(ids)
        deadline = time.monotonic() + deadline_seconds
        while waiting and time.monotonic() < deadline:
            message = self.consumer.poll(0.5)
            if message is None or message.error() is not None or message.key() is None:
                continue
            proof_id = message.key().decode()
            if proof_id in waiting:
                waiting.discard(proof_id)
                yield proof_id, json.loads(message.value())
        for proof_id in sorted(waiting):
            yield proof_id, None

    def close(self):
        self.consumer.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", help=".lean files to verify")
    parser.add_argument("--bootstrap-servers", default="localhost:9092")
    parser.add_argument("--proofs-topic", default="lean.proofs")
    parser.add_argument("--results-topic", default="lean.results")
    parser.add_argument("--timeout", type=int, default=None, help="per-proof time limit in seconds")
    parser.add_argument("--deadline", type=float, default=300, help="seconds to wait for all results")
    parser.add_argument("--demo", action="store_true", help="verify two built-in proofs")
    args = parser.parse_args()

    proofs = dict(DEMO_PROOFS) if args.demo else {}
    for path in args.files:
        with open(path, encoding="utf-8") as f:
            proofs[path] = f.read()
    if not proofs:
        parser.error("give .lean files or --demo")

    run = "rollout-" + uuid.uuid4().hex[:8]
    client = LeanVerifyClient(args.bootstrap_servers, args.proofs_topic, args.results_topic)
    ids = {}
    for name, code in proofs.items():
        proof_id = f"{run}/{name}"
        ids[proof_id] = name
        client.submit(proof_id, code, args.timeout, {"run_id": run, "source": name})
    missing = 0
    for proof_id, result in client.await_results(ids, args.deadline):
        if result is None:
            missing += 1
            print(json.dumps({"id": proof_id, "status": None, "error": "no result before the deadline"}))
        else:
            print(json.dumps({"id": proof_id, "status": result["status"], "leanMs": result["timing"]["leanMs"],
                              "messages": len(result["messages"]), "leanVersion": result["leanVersion"]}))
    client.close()
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
