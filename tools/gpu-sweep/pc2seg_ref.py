#!/usr/bin/env python3
"""A PyTorch port of PC²Seg Studio's Java trainer, for sweeps on a GPU machine.

Not part of the product: the app trains with DJL (src/main/java/org/pc2seg/ml). This script
mirrors that trainer step for step (the same DeepLabv3+ ResNet-18, views, losses, samplers,
schedule, split and validation) so that many seeds of the sampler comparison can run in minutes
on a GPU, where the Java experiment takes half an hour per seed on two CPU cores. It answers
"which settings make the default sampler at least as good as uniform, on average"; the Java
experiment command then checks the chosen settings in the product itself.

    python3 pc2seg_ref.py --project sample-projects/shapes --jobs jobs.json --out results.jsonl

Each job is a JSON object of overrides of DEFAULTS (method, sampler, seed, lambda1, ...).
"""
import argparse
import copy
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

DEFAULTS = dict(
    method="pc2seg", sampler="diff-image-debiased", seed=42, steps=400, labeled=6,
    batch_labeled=4, batch_unlabeled=4, crop=128, lr=1e-3, weight_decay=1e-4, lr_warmup=20,
    grad_clip=1.0, lambda1=0.1, lambda2=1.0, tau=0.1, anchors=512, negatives=128,
    unlabeled_warmup=60, threshold=0.0, width=128, proj_dim=64, val_every=100, ema=0.99,
    neg_view="strong",
)
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


# ---------------------------------------------------------------- data
def load_project(root, n_labeled, device):
    p = json.load(open(os.path.join(root, "project.json")))
    items = p["images"]
    lab = [i for i in items if i["split"] == "train" and i["status"] == "labeled"]
    unl = [i for i in items if i["status"] != "broken" and (
        i["split"] == "unlabeled" or (i["split"] == "train" and i["status"] != "labeled"))]
    pool = lab + [i for i in unl if i not in lab]
    val = [i for i in items if i["split"] == "val" and i["status"] == "labeled"]

    def img(i):
        a = np.asarray(Image.open(os.path.join(root, i["path"])).convert("RGB"), np.float32)
        return torch.from_numpy(a / 255.0).permute(2, 0, 1)

    def gt(i):
        base = os.path.splitext(os.path.basename(i["path"]))[0]
        f = os.path.join(root, "ground-truth", base + ".png")
        return torch.from_numpy(np.asarray(Image.open(f), np.int64))

    L, U = pool[:n_labeled], pool[n_labeled:]
    stack = lambda xs, f: torch.stack([f(i) for i in xs]).to(device)
    return dict(k=len(p["classes"]), li=stack(L, img), lm=stack(L, gt), ui=stack(U, img),
                vi=stack(val, img), vm=stack(val, gt))


def batch_indices(rng_seed, stream, size, step, batch):
    out = []
    cache = {}
    for j in range(batch):
        k = step * batch + j
        e = k // size
        if e not in cache:
            cache[e] = np.random.default_rng([rng_seed, stream, e]).permutation(size)
        out.append(int(cache[e][k % size]))
    return out


def views(x, m, crop, g, strong):
    """Weak (and strong) views of images x (B×3×H×W in [0,1]) and masks m (B×H×W or None)."""
    b, _, h, w = x.shape
    dev = x.device
    s = 0.75 + 0.75 * torch.rand(b, generator=g)
    sw = torch.round(w * s).long()
    sh = torch.round(h * s).long()
    x0 = torch.where(sw > crop, (torch.rand(b, generator=g) * (sw - crop + 1)).long(), 0)
    y0 = torch.where(sh > crop, (torch.rand(b, generator=g) * (sh - crop + 1)).long(), 0)
    flip = torch.rand(b, generator=g) < 0.5
    ar = torch.arange(crop).float()
    xx = torch.where(flip[:, None], crop - 1 - ar[None], ar[None])  # b×c
    yy = ar[None].expand(b, crop)
    sx = ((x0[:, None] + xx + 0.5) / s[:, None] - 0.5).clamp(0, w - 1)
    sy = ((y0[:, None] + yy + 0.5) / s[:, None] - 0.5).clamp(0, h - 1)
    padx = (x0[:, None] + xx) >= sw[:, None]
    pady = (y0[:, None] + yy) >= sh[:, None]
    pad = (pady[:, :, None] | padx[:, None, :]).to(dev)  # b×c×c
    u = (2 * sx + 1) / w - 1
    v = (2 * sy + 1) / h - 1
    grid = torch.stack([u[:, None, :].expand(b, crop, crop), v[:, :, None].expand(b, crop, crop)],
                       -1).to(dev)
    weak = F.grid_sample(x, grid, mode="bilinear", align_corners=False, padding_mode="border")
    weak = weak.masked_fill(pad[:, None], 0.0)
    mask = None
    if m is not None:
        mask = F.grid_sample(m[:, None].float(), grid, mode="nearest", align_corners=False,
                             padding_mode="border")[:, 0].long()
        mask = mask.masked_fill(pad, 255)
    st = photometric(weak.clone(), g) if strong else None
    mean = torch.tensor(MEAN, device=dev).view(1, 3, 1, 1)
    std = torch.tensor(STD, device=dev).view(1, 3, 1, 1)
    norm = lambda t: ((t - mean) / std).masked_fill(pad[:, None], 0.0)
    return norm(weak), (norm(st) if strong else None), mask


def photometric(p, g):
    b, _, h, w = p.shape
    dev = p.device
    r = lambda: torch.rand(b, generator=g).to(dev)
    jit = r() < 0.8
    fb, fc, fs = [1 + 0.4 * (2 * r() - 1) for _ in range(3)]
    hue = 0.1 * (2 * r() - 1) * 2 * math.pi
    lum = 0.299 * p[:, 0] + 0.587 * p[:, 1] + 0.114 * p[:, 2]
    mean = lum.mean((1, 2)) * fb
    q = p * fb.view(b, 1, 1, 1)
    q = (q - mean.view(b, 1, 1, 1)) * fc.view(b, 1, 1, 1) + mean.view(b, 1, 1, 1)
    rr, gg, bb = q[:, 0], q[:, 1], q[:, 2]
    y = 0.299 * rr + 0.587 * gg + 0.114 * bb
    ii = 0.596 * rr - 0.274 * gg - 0.322 * bb
    qq = 0.211 * rr - 0.523 * gg + 0.312 * bb
    c, sn = torch.cos(hue).view(b, 1, 1), torch.sin(hue).view(b, 1, 1)
    s = fs.view(b, 1, 1)
    i2 = s * (ii * c - qq * sn)
    q2 = s * (ii * sn + qq * c)
    out = torch.stack([y + 0.956 * i2 + 0.621 * q2, y - 0.272 * i2 - 0.647 * q2,
                       y - 1.106 * i2 + 1.703 * q2], 1).clamp(0, 1)
    p = torch.where(jit.view(b, 1, 1, 1), out, p)
    gray = r() < 0.2
    lum = (0.299 * p[:, 0] + 0.587 * p[:, 1] + 0.114 * p[:, 2])[:, None].expand(b, 3, h, w)
    p = torch.where(gray.view(b, 1, 1, 1), lum, p)
    blur = (r() < 0.5).tolist()
    sig = (0.1 + 1.9 * r()).tolist()
    cut = (r() < 0.5).tolist()
    cu = torch.rand(b, 4, generator=g).tolist()
    rows = []
    for i in range(b):
        t = p[i:i + 1]
        if blur[i]:
            rad = max(1, math.ceil(2 * sig[i]))
            k = torch.exp(-torch.arange(-rad, rad + 1, device=dev).float() ** 2 / (2 * sig[i] ** 2))
            k = k / k.sum()
            t = F.pad(t, (rad, rad, 0, 0), mode="replicate")
            t = F.conv2d(t, k.view(1, 1, 1, -1).expand(3, 1, 1, -1), groups=3)
            t = F.pad(t, (0, 0, rad, rad), mode="replicate")
            t = F.conv2d(t, k.view(1, 1, -1, 1).expand(3, 1, -1, 1), groups=3)
        if cut[i]:
            t = t.clone()
            area = (0.02 + 0.2 * cu[i][0]) * w * h
            ratio = math.exp((cu[i][1] - 0.5) * math.log(3.3 / 0.3))
            cw = min(w, round(math.sqrt(area * ratio)))
            ch = min(h, round(math.sqrt(area / ratio)))
            xa = int(cu[i][2] * (w - cw + 1))
            ya = int(cu[i][3] * (h - ch + 1))
            t[:, :, ya:ya + ch, xa:xa + cw] = torch.tensor(MEAN, device=dev).view(1, 3, 1, 1)
        rows.append(t)
    return torch.cat(rows)


# ---------------------------------------------------------------- model
def cbr(cin, cout, k, s=1, d=1, relu=True):
    layers = [nn.Conv2d(cin, cout, k, s, d * (k - 1) // 2, d, bias=False), nn.BatchNorm2d(cout)]
    return nn.Sequential(*(layers + ([nn.ReLU()] if relu else [])))


class Basic(nn.Module):
    def __init__(self, cin, width, stride, dil):
        super().__init__()
        self.main = nn.Sequential(cbr(cin, width, 3, stride, dil), cbr(width, width, 3, 1, dil, False))
        self.short = cbr(cin, width, 1, stride, 1, False) if (stride != 1 or cin != width) else None

    def forward(self, x):
        return F.relu(self.main(x) + (self.short(x) if self.short is not None else x))


class DeepLab(nn.Module):
    def __init__(self, k, width=128, proj=64):
        super().__init__()
        self.stem = nn.Sequential(cbr(3, 64, 7, 2), nn.MaxPool2d(3, 2, 1))
        stages, cin, dil = [], 64, 1
        for s in range(4):
            stride = 1 if s == 0 else 2
            prev = dil
            if s == 3:
                dil *= stride
                stride = 1
            wd = 64 << s
            stages.append(nn.Sequential(Basic(cin, wd, stride, prev), Basic(wd, wd, 1, dil)))
            cin = wd
        self.stages = nn.ModuleList(stages)
        self.b = nn.ModuleList([cbr(512, width, 1)] + [cbr(512, width, 3, 1, r) for r in (6, 12, 18)])
        self.pool = nn.Conv2d(512, width, 1, bias=True)
        self.project = cbr(5 * width, width, 1)
        self.low = cbr(64, 48, 1)
        self.fuse = nn.Sequential(cbr(width + 48, width, 3), cbr(width, width, 3))
        self.cls = nn.Conv2d(width, k, 1)
        self.proj = nn.Conv2d(width, proj, 1)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
                if m.bias is not None:
                    nn.init.zeros_(m.bias)

    def forward(self, x):
        h, w = x.shape[2:]
        f = self.stem(x)
        low = f = self.stages[0](f)
        for st in self.stages[1:]:
            f = st(f)
        parts = [b(f) for b in self.b]
        parts.append(F.relu(self.pool(f.mean((2, 3), keepdim=True))).expand_as(parts[0]))
        a = self.project(torch.cat(parts, 1))
        lo = self.low(low)
        a = F.interpolate(a, size=lo.shape[2:], mode="bilinear", align_corners=False)
        d = self.fuse(torch.cat([a, lo], 1))
        low_logits = self.cls(d)
        z = F.normalize(self.proj(d), dim=1, eps=1e-12)
        logits = F.interpolate(low_logits, size=(h, w), mode="bilinear", align_corners=False)
        return logits, z, low_logits


# ---------------------------------------------------------------- losses
def neg_weights(scheme, probs, image):
    m = image.shape[0]
    w = 1.0 - torch.eye(m, device=image.device)
    if scheme in ("diff-image", "diff-image-debiased"):
        w = w * (image[:, None] != image[None, :]).float()
    if scheme in ("debiased", "diff-image-debiased"):
        w = w * (1.0 - probs @ probs.T).clamp_min(0.0)
    return w


def objective(cfg, out_l, yl, weak, strong, step, g):
    ce = F.cross_entropy(out_l, yl, ignore_index=255)
    if cfg["method"] == "supervised":
        return ce, dict(ce=ce.item())
    zw = weak[1].detach()
    zs = strong[1]
    b, d, h, w = zs.shape
    pw = weak[2].detach().softmax(1)
    ps = strong[2].softmax(1)
    cyv = 1 - (pw * ps).sum(1) / (pw.norm(dim=1) * ps.norm(dim=1) + 1e-8)
    conf = None
    if cfg["threshold"] > 0:
        conf = pw.max(1).values >= cfg["threshold"]
        cy = (cyv * conf).sum() / conf.sum().clamp_min(1)
    else:
        cy = cyv.mean()
    k = pw.shape[1]
    flat = lambda t, c: t.permute(0, 2, 3, 1).reshape(-1, c)
    pool = torch.arange(b * h * w, device=zs.device)
    if conf is not None:
        pool = pool[conf.reshape(-1)]
    perm = torch.randperm(pool.numel(), generator=g).to(zs.device)
    idx = pool[perm[: min(cfg["anchors"], pool.numel())]]
    if idx.numel() < 2:
        ctr = zs.sum() * 0
    else:
        a = flat(zw, d)[idx]
        pz = flat(zs, d)[idx]
        nz = pz if cfg["neg_view"] == "strong" else a
        p = flat(pw, k)[idx]
        wts = neg_weights(cfg["sampler"], p, idx // (h * w))
        valid_row = wts.sum(1) > 0
        wts = torch.where(valid_row[:, None], wts, torch.ones_like(wts))
        neg = torch.multinomial(wts, cfg["negatives"], replacement=True, generator=None)
        pos = (a * pz).sum(1, keepdim=True) / cfg["tau"]
        negl = torch.gather(a @ nz.T, 1, neg) / cfg["tau"]
        negl = negl.masked_fill(~valid_row[:, None], float("-inf"))
        ctr = -torch.log_softmax(torch.cat([pos, negl], 1), 1)[:, 0].mean()
    ramp = 1.0
    if cfg["unlabeled_warmup"] > 0:
        t = min(1.0, max(0.0, step / cfg["unlabeled_warmup"]))
        ramp = math.exp(-5 * (1 - t) ** 2)
    total = ce + ramp * (cfg["lambda1"] * ctr + cfg["lambda2"] * cy)
    return total, dict(ce=ce.item(), cy=cy.item(), ctr=ctr.item())


# ---------------------------------------------------------------- train / eval
@torch.no_grad()
def evaluate(model, data, k):
    model.eval()
    mean = torch.tensor(MEAN, device=data["vi"].device).view(1, 3, 1, 1)
    std = torch.tensor(STD, device=data["vi"].device).view(1, 3, 1, 1)
    pred = model((data["vi"] - mean) / std)[0].argmax(1)
    t = data["vm"]
    ok = t != 255
    cm = torch.bincount((t[ok] * k + pred[ok]).reshape(-1), minlength=k * k).view(k, k).double()
    inter = cm.diag()
    union = cm.sum(0) + cm.sum(1) - inter
    present = union > 0
    miou = (inter[present] / union[present]).mean().item()
    model.train()
    return 100 * miou, 100 * (inter.sum() / cm.sum()).item()


def train(cfg, data, device):
    torch.manual_seed(cfg["seed"])
    g = torch.Generator().manual_seed(cfg["seed"] * 1000 + 7)
    k = data["k"]
    model = DeepLab(k, cfg["width"], cfg["proj_dim"]).to(device)
    ema = copy.deepcopy(model) if cfg["ema"] > 0 else None
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], weight_decay=cfg["weight_decay"])
    hist = []
    t0 = time.time()
    nl, nu = data["li"].shape[0], data["ui"].shape[0]
    for step in range(cfg["steps"]):
        lr = cfg["lr"] * min(1.0, (step + 1) / cfg["lr_warmup"]) * (1 - step / cfg["steps"]) ** 0.9
        for pg in opt.param_groups:
            pg["lr"] = lr
        li = batch_indices(cfg["seed"], 0, nl, step, cfg["batch_labeled"])
        xl, _, yl = views(data["li"][li], data["lm"][li], cfg["crop"], g, False)
        if cfg["method"] == "pc2seg":
            ui = batch_indices(cfg["seed"], 1, nu, step, cfg["batch_unlabeled"])
            xw, xs, _ = views(data["ui"][ui], None, cfg["crop"], g, True)
            with torch.no_grad():
                weak = model(xw)
            out = model(torch.cat([xl, xs]))
            bl = xl.shape[0]
            strong = tuple(o[bl:] for o in out)
            loss, parts = objective(cfg, out[0][:bl], yl, weak, strong, step, g)
        else:
            out = model(xl)
            loss, parts = objective(cfg, out[0], yl, None, None, step, g)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        gn = torch.nn.utils.clip_grad_norm_(model.parameters(), cfg["grad_clip"])
        if torch.isfinite(gn):
            opt.step()
        if ema is not None:
            with torch.no_grad():
                for pe, pm in zip(ema.parameters(), model.parameters()):
                    pe.lerp_(pm, 1 - cfg["ema"])
                for be, bm in zip(ema.buffers(), model.buffers()):
                    be.copy_(bm)
        last = step + 1 == cfg["steps"]
        if last or (step + 1) % cfg["val_every"] == 0:
            miou, acc = evaluate(model, data, k)
            rec = dict(step=step + 1, miou=miou, acc=acc, **parts)
            if ema is not None:
                rec["ema_miou"], rec["ema_acc"] = evaluate(ema, data, k)
            hist.append(rec)
    return dict(cfg=cfg, hist=hist, final=hist[-1]["miou"], best=max(h["miou"] for h in hist),
                ema_final=hist[-1].get("ema_miou"), wall=time.time() - t0)


_DATA = {}


def _work(args):
    job, project, device, deadline = args
    if time.time() > deadline:
        return None
    torch.set_num_threads(1)
    torch.backends.cudnn.benchmark = True
    cfg = dict(DEFAULTS, **job)
    key = (job.get("project", project), cfg["labeled"])
    if key not in _DATA:
        _DATA[key] = load_project(key[0], cfg["labeled"], device)
    r = train(cfg, _DATA[key], device)
    r["job"] = job
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--project", required=True)
    ap.add_argument("--jobs", required=True, help="JSON list of override objects, run in order")
    ap.add_argument("--out", required=True, help="results, one JSON line per run")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=1e9, help="start no run after this")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    a = ap.parse_args()
    deadline = time.time() + a.seconds
    jobs = [(j, a.project, a.device, deadline) for j in json.load(open(a.jobs))]
    ctx = torch.multiprocessing.get_context("spawn")
    with ctx.Pool(a.workers) as pool, open(a.out, "a") as f:
        for r in pool.imap_unordered(_work, jobs):
            if r is None:
                continue
            f.write(json.dumps(r) + "\n")
            f.flush()
            print(json.dumps({k: r[k] for k in ("final", "best", "ema_final", "wall")}), r["job"],
                  flush=True)


if __name__ == "__main__":
    main()
