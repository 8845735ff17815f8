#!/usr/bin/env python3
"""Summarises sweep results (JSON lines from pc2seg_ref.py): per-setting means over seeds, and
paired differences (same seed) of each sampler against uniform with the same other settings.

    python3 summarize.py results/round*.jsonl
"""
import collections
import json
import statistics as st
import sys

METRICS = {
    "val mIoU @400": lambda r: r["final"],
    "best val mIoU": lambda r: r["best"],
    "EMA weights @400": lambda r: r["ema_final"],
}


def main(files):
    runs = [json.loads(line) for f in files for line in open(f)]
    groups = collections.defaultdict(dict)
    for r in runs:
        job = dict(r["job"])
        seed = job.pop("seed")
        groups[json.dumps(job, sort_keys=True)][seed] = r
    print(f"{len(runs)} runs\n")
    print("| setting | seeds | " + " | ".join(METRICS) + " |")
    print("|---|---:|" + "---:|" * len(METRICS))
    for key in sorted(groups):
        vals = []
        for f in METRICS.values():
            v = [f(r) for r in groups[key].values()]
            vals.append(f"{st.mean(v):.1f} ± {st.stdev(v) if len(v) > 1 else 0:.1f}")
        print(f"| `{key}` | {len(groups[key])} | " + " | ".join(vals) + " |")
    print("\nPaired differences against uniform with the same other settings (mean ± s.e.):\n")
    print("| setting | seeds | " + " | ".join(METRICS) + " | seeds ≥ 0 (@400) |")
    print("|---|---:|" + "---:|" * (len(METRICS) + 1))
    for key in sorted(groups):
        job = json.loads(key)
        if job.get("method") == "supervised" or job.get("sampler") == "uniform":
            continue
        base = json.dumps(dict(job, sampler="uniform"), sort_keys=True)
        if base not in groups:
            continue
        a, b = groups[key], groups[base]
        common = sorted(set(a) & set(b))
        if len(common) < 2:
            continue
        cells = []
        for f in METRICS.values():
            d = [f(a[s]) - f(b[s]) for s in common]
            cells.append(f"{st.mean(d):+.2f} ± {st.stdev(d) / len(d) ** 0.5:.2f}")
        wins = sum(a[s]["final"] >= b[s]["final"] for s in common)
        print(f"| `{key}` | {len(common)} | " + " | ".join(cells) + f" | {wins}/{len(common)} |")


if __name__ == "__main__":
    main(sys.argv[1:])
