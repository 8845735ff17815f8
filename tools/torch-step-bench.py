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
                                      [--profile-steps 3]

With --profile-steps (default 3) it runs that many more steps under torch.profiler and prints the
time spent in the convolutions alone and their work, counted from the recorded shapes the same
way as the Java bench (ConvProfile): aten::convolution and aten::convolution_backward events,
2·N·Ho·Wo·O·(C/g)·kh·kw per pass, no input gradient for the stem.
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
    ap.add_argument("--profile-steps", type=int, default=3)
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

    def step(i):
        """One training step on input set i (mod n); returns the times at its phase boundaries."""
        i %= n
        t = [time.perf_counter()]
        with torch.no_grad():
            weak = model(xw[i])
        t.append(time.perf_counter())
        out = model(torch.cat([xl[i], xs[i]]))
        strong = tuple(o[b:] for o in out)
        t.append(time.perf_counter())
        loss, _ = ref.objective(cfg, out[0][:b], yl[i], weak, strong, 1000, g)
        t.append(time.perf_counter())
        opt.zero_grad(set_to_none=True)
        loss.backward()
        t.append(time.perf_counter())
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg["grad_clip"])
        opt.step()
        t.append(time.perf_counter())
        return t

    for i in range(n):
        t = step(i)
        if i >= args.warmup:
            for p, t0, t1 in zip(phases, t, t[1:]):
                phases[p].append((t1 - t0) * 1000)
            steps.append((t[-1] - t[0]) * 1000)
    print(f"pytorch {torch.__version__}, threads {torch.get_num_threads()}, "
          f"batch {b}+{b}, crop {c}, K={k}")
    for p, v in phases.items():
        print(f"{p:15s} median {statistics.median(v):8.1f} ms")
    print(f"train step: {statistics.median(steps):.0f} ms")
    if args.profile_steps > 0:
        from torch.profiler import ProfilerActivity, profile

        with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
            for i in range(args.profile_steps):
                step(i)
        ms, gflop = conv_work(prof.events())
        p = args.profile_steps
        print(f"convolutions alone: {ms / p:.0f} ms per step, {gflop / p:.1f} GFLOP")


def conv_work(events):
    """Milliseconds in forward and backward convolutions and their GFLOP (see the docstring)."""
    out_size, fwd, us, flop = {}, [], 0.0, 0.0
    for e in events:
        if e.name not in ("aten::convolution", "aten::convolution_backward"):
            continue
        us += e.cpu_time_total
        s = e.input_shapes
        if e.name == "aten::convolution":
            fwd.append(s)
            continue
        go, x, w = s[0], s[1], s[2]
        out_size[(tuple(x[1:]), tuple(w))] = (go[2], go[3])
        once = 2.0 * x[0] * go[2] * go[3] * w[0] * w[1] * w[2] * w[3]
        flop += once if x[1] == 3 else 2 * once
    for s in fwd:
        x, w = s[0], s[1]
        ho, wo = out_size.get((tuple(x[1:]), tuple(w)), (0, 0))
        flop += 2.0 * x[0] * ho * wo * w[0] * w[1] * w[2] * w[3]
    return us / 1000, flop / 1e9


if __name__ == "__main__":
    main()
