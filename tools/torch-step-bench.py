#!/usr/bin/env python3
"""The same PC²Seg training step in PyTorch eager, timed on this machine, next to the Java bench.

Not part of the product. The step-time target of the engine issue is "at most as slow as PyTorch
eager on these machines"; a fixed reference figure measured once cannot be compared with a bench
run on a shared host whose speed moves by ±30 % within minutes. This script times PyTorch on the
same machine at the same time (tools/bench-vs-pytorch.sh alternates it with the Java bench).

It uses the network and objective of tools/gpu-sweep/pc2seg_ref.py (a port of the Java trainer):
ResNet-18 DeepLabv3+ (OS16, ASPP 128, decoder 128, D=64), 4 labeled + 4 unlabeled 128² images,
K=5, the default sampler, M=512 anchors, N=128 negatives, gradient clipping and AdamW. The
images are synthetic and made before the clock starts, so the figure is the step alone (the
Java bench's figure also includes its data pipeline).

    python3 tools/torch-step-bench.py [--threads 2] [--warmup 3] [--measure 20] [--crop 128]
"""
import argparse
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "gpu-sweep"))
import pc2seg_ref as ref  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--measure", type=int, default=20)
    ap.add_argument("--crop", type=int, default=128)
    ap.add_argument("--classes", type=int, default=5)
    ap.add_argument("--batch", type=int, default=4)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    cfg = dict(ref.DEFAULTS)
    k, b, c = args.classes, args.batch, args.crop
    model = ref.DeepLab(k, cfg["width"], cfg["proj_dim"])
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=cfg["weight_decay"])
    g = torch.Generator().manual_seed(1)
    n = args.warmup + args.measure
    xl = [torch.randn(b, 3, c, c) for _ in range(n)]
    yl = [torch.randint(0, k, (b, c, c)) for _ in range(n)]
    xw = [torch.randn(b, 3, c, c) for _ in range(n)]
    xs = [x + 0.1 * torch.randn_like(x) for x in xw]
    phases = {p: [] for p in ("weak fwd", "lab+strong fwd", "losses", "backward", "optimizer")}
    steps = []
    for i in range(n):
        t0 = time.perf_counter()
        with torch.no_grad():
            weak = model(xw[i])
        t1 = time.perf_counter()
        out = model(torch.cat([xl[i], xs[i]]))
        strong = tuple(o[b:] for o in out)
        t2 = time.perf_counter()
        loss, _ = ref.objective(cfg, out[0][:b], yl[i], weak, strong, 1000, g)
        t3 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        t4 = time.perf_counter()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg["grad_clip"])
        opt.step()
        t5 = time.perf_counter()
        if i >= args.warmup:
            for p, v in zip(phases, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
                phases[p].append(v * 1000)
            steps.append((t5 - t0) * 1000)
    print(f"pytorch {torch.__version__}, threads {torch.get_num_threads()}, "
          f"batch {b}+{b}, crop {c}, K={k}")
    for p, v in phases.items():
        print(f"{p:15s} median {statistics.median(v):8.1f} ms")
    print(f"train step: {statistics.median(steps):.0f} ms")


if __name__ == "__main__":
    main()
