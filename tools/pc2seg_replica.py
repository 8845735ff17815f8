"""PyTorch replica of the Java PC2Seg trainer, used ONLY to choose defaults quickly on a GPU.

It mirrors org.pc2seg.ml (same DeepLabv3+ ResNet-18 shape, same aligned weak/strong views, same
objective: CE + w(t) * (l1 * InfoNCE + l2 * (1 - cos)), same samplers via Gumbel-top-k, AdamW with
linear warm-up + poly decay, evaluation at full resolution). Its numbers are NOT the product's
numbers: the product's table comes from `pc2seg-studio experiment`.
"""
import json, math, os, sys, time
import numpy as np
import torch, torch.nn as nn, torch.nn.functional as F
from PIL import Image
import torchvision

dev = "cuda" if torch.cuda.is_available() else "cpu"
MEAN = torch.tensor([0.485, 0.456, 0.406], device=dev).view(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225], device=dev).view(1, 3, 1, 1)


def load_project(root, n_labeled):
    pj = json.load(open(os.path.join(root, "project.json")))
    items = pj["images"] if "images" in pj else pj["items"]
    def stem(p):
        return os.path.splitext(os.path.basename(p))[0]
    pool = [i for i in items if i["split"].lower() in ("train", "unlabeled")]
    # labeled TRAIN items first (project order), then the rest, like ExperimentCommand
    pool = [i for i in pool if i["split"].lower() == "train"] + [i for i in pool if i["split"].lower() != "train"]
    val = [i for i in items if i["split"].lower() == "val"]
    def img(i):
        return torch.from_numpy(np.asarray(Image.open(os.path.join(root, i["path"])).convert("RGB"))).permute(2, 0, 1).float() / 255
    def gt(i):
        return torch.from_numpy(np.asarray(Image.open(os.path.join(root, "ground-truth", stem(i["path"]) + ".png")))).long()
    L = torch.stack([img(i) for i in pool[:n_labeled]]).to(dev)
    Ly = torch.stack([gt(i) for i in pool[:n_labeled]]).to(dev)
    U = torch.stack([img(i) for i in pool[n_labeled:]]).to(dev)
    V = torch.stack([img(i) for i in val]).to(dev)
    Vy = torch.stack([gt(i) for i in val]).to(dev)
    return L, Ly, U, V, Vy


def geometry(b, h, w, crop, smin, smax, g):
    s = smin + (smax - smin) * torch.rand(b, generator=g)
    sw, sh = (w * s).round(), (h * s).round()
    x0 = (torch.rand(b, generator=g) * (sw - crop + 1).clamp(min=1)).floor()
    y0 = (torch.rand(b, generator=g) * (sh - crop + 1).clamp(min=1)).floor()
    flip = torch.rand(b, generator=g) < 0.5
    xs = torch.arange(crop).float()
    gx = torch.stack([(x0[i] + (crop - 1 - xs if flip[i] else xs) + 0.5) / s[i] - 0.5 for i in range(b)])
    gy = torch.stack([(y0[i] + xs + 0.5) / s[i] - 0.5 for i in range(b)])
    padx = torch.stack([(x0[i] + (crop - 1 - xs if flip[i] else xs)) >= sw[i] for i in range(b)])
    pady = torch.stack([(y0[i] + xs) >= sh[i] for i in range(b)])
    pad = padx[:, None, :] | pady[:, :, None]
    # normalised grid for grid_sample, align_corners=True convention on pixel centres
    nx = gx.clamp(0, w - 1) / (w - 1) * 2 - 1
    ny = gy.clamp(0, h - 1) / (h - 1) * 2 - 1
    grid = torch.stack([nx[:, None, :].expand(b, crop, crop), ny[:, :, None].expand(b, crop, crop)], -1)
    return grid.to(dev), pad.to(dev)


def views(x, y, crop, g, strong_aug, smin=0.75, smax=1.5):
    b, _, h, w = x.shape
    grid, pad = geometry(b, h, w, crop, smin, smax, g)
    xw = F.grid_sample(x, grid, mode="bilinear", align_corners=True)
    yw = None
    if y is not None:
        yw = F.grid_sample(y[:, None].float(), grid, mode="nearest", align_corners=True)[:, 0].long()
        yw[pad] = 255
    xs = photometric(xw.clone(), g) if strong_aug else None
    def norm(t):
        t = (t - MEAN) / STD
        return t.masked_fill(pad[:, None], 0)
    return norm(xw), (norm(xs) if xs is not None else None), yw


def photometric(x, g):
    b = x.shape[0]
    out = []
    for i in range(b):
        t = x[i]
        r = lambda: torch.rand(1, generator=g).item()
        if r() < 0.8:
            bri, con, sat, hue = 1 + 0.4 * (2 * r() - 1), 1 + 0.4 * (2 * r() - 1), 1 + 0.4 * (2 * r() - 1), 0.1 * (2 * r() - 1) * 2 * math.pi
            t = t * bri
            mean = (0.299 * t[0] + 0.587 * t[1] + 0.114 * t[2]).mean()
            t = (t - mean) * con + mean
            Y = 0.299 * t[0] + 0.587 * t[1] + 0.114 * t[2]
            I = 0.596 * t[0] - 0.274 * t[1] - 0.322 * t[2]
            Q = 0.211 * t[0] - 0.523 * t[1] + 0.312 * t[2]
            c, s = math.cos(hue), math.sin(hue)
            I2, Q2 = sat * (I * c - Q * s), sat * (I * s + Q * c)
            t = torch.stack([Y + 0.956 * I2 + 0.621 * Q2, Y - 0.272 * I2 - 0.647 * Q2, Y - 1.106 * I2 + 1.703 * Q2]).clamp(0, 1)
        if r() < 0.2:
            Y = 0.299 * t[0] + 0.587 * t[1] + 0.114 * t[2]
            t = Y[None].expand(3, -1, -1).clone()
        if r() < 0.5:
            sigma = 0.1 + 1.9 * r()
            rad = max(1, math.ceil(2 * sigma))
            k = torch.exp(-torch.arange(-rad, rad + 1, device=dev).float() ** 2 / (2 * sigma * sigma))
            k = k / k.sum()
            tt = F.pad(t[None], (rad, rad, 0, 0), mode="replicate")
            tt = F.conv2d(tt, k.view(1, 1, 1, -1).expand(3, 1, 1, -1), groups=3)
            tt = F.pad(tt, (0, 0, rad, rad), mode="replicate")
            t = F.conv2d(tt, k.view(1, 1, -1, 1).expand(3, 1, -1, 1), groups=3)[0]
        if r() < 0.5:
            H, W = t.shape[1:]
            area = (0.02 + 0.2 * r()) * H * W
            ratio = math.exp((r() - 0.5) * math.log(3.3 / 0.3))
            cw, ch = min(W, round(math.sqrt(area * ratio))), min(H, round(math.sqrt(area / ratio)))
            x0, y0 = int(r() * (W - cw + 1)), int(r() * (H - ch + 1))
            t = t.clone()
            t[:, y0:y0 + ch, x0:x0 + cw] = MEAN.view(3, 1, 1)
        out.append(t)
    return torch.stack(out)


def cbr(i, o, k, d=1):
    return nn.Sequential(nn.Conv2d(i, o, k, padding=d * (k - 1) // 2, dilation=d, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True))


class DeepLab(nn.Module):
    def __init__(self, k, width=128, dim=64):
        super().__init__()
        r = torchvision.models.resnet18(weights=None)
        # output stride 16: layer4 keeps stride 1 and dilates its 3x3 convolutions by 2
        b0 = r.layer4[0]
        b0.conv1.stride = (1, 1)
        b0.downsample[0].stride = (1, 1)
        for blk in r.layer4:
            for c in (blk.conv1, blk.conv2):
                if c is not b0.conv1:
                    c.dilation, c.padding = (2, 2), (2, 2)
        self.stem = nn.Sequential(r.conv1, r.bn1, r.relu, r.maxpool)
        self.l1, self.l2, self.l3, self.l4 = r.layer1, r.layer2, r.layer3, r.layer4
        self.aspp = nn.ModuleList([cbr(512, width, 1), cbr(512, width, 3, 6), cbr(512, width, 3, 12), cbr(512, width, 3, 18)])
        self.pool = cbr(512, width, 1)
        self.proj = cbr(5 * width, width, 1)
        self.low = cbr(64, 48, 1)
        self.fuse = nn.Sequential(cbr(width + 48, width, 3), cbr(width, width, 3))
        self.cls = nn.Conv2d(width, k, 1)
        self.z = nn.Conv2d(width, dim, 1)

    def forward(self, x):
        H, W = x.shape[2:]
        f1 = self.l1(self.stem(x))
        f4 = self.l4(self.l3(self.l2(f1)))
        p = F.interpolate(self.pool(F.adaptive_avg_pool2d(f4, 1)), size=f4.shape[2:], mode="bilinear")
        a = self.proj(torch.cat([m(f4) for m in self.aspp] + [p], 1))
        low = self.low(f1)
        a = F.interpolate(a, size=low.shape[2:], mode="bilinear")
        f = self.fuse(torch.cat([a, low], 1))
        lo = self.cls(f)
        z = F.normalize(self.z(f), dim=1)
        return F.interpolate(lo, size=(H, W), mode="bilinear"), z, lo


def sample_negatives(scheme, pa, img, n, g):
    m = pa.shape[0]
    w = torch.ones(m, m, device=dev)
    if "debiased" in scheme:
        w = (1 - pa @ pa.t()).clamp(min=0)
    if scheme.startswith("diff-image"):
        w = w * (img[:, None] != img[None, :]).float()
    w.fill_diagonal_(0)
    u = torch.rand(m, m, generator=g).to(dev).clamp(1e-7, 1)
    score = torch.where(w > 0, torch.log(w.clamp(min=1e-30)) - torch.log(-torch.log(u)), torch.full_like(w, -1e9))
    s, idx = score.topk(n, dim=1)
    return idx, s > -1e8


def miou(model, V, Vy, k):
    model.eval()
    conf = torch.zeros(k, k, device=dev)
    with torch.no_grad():
        for i in range(0, len(V), 10):
            x = (V[i:i + 10] - MEAN) / STD
            pred = model(x)[0].argmax(1)
            t = Vy[i:i + 10]
            ok = t != 255
            conf += torch.bincount(t[ok] * k + pred[ok], minlength=k * k).view(k, k).float()
    model.train()
    tp = conf.diag()
    denom = conf.sum(0) + conf.sum(1) - tp
    iou = tp[denom > 0] / denom[denom > 0]
    return iou.mean().item()


def run(cfg, data):
    L, Ly, U, V, Vy = data
    k = int(Ly[Ly != 255].max().item()) + 1
    torch.manual_seed(cfg["seed"])
    g = torch.Generator().manual_seed(cfg["seed"])
    model = DeepLab(k).to(dev)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], weight_decay=1e-4)
    steps, bl, bu, crop = cfg["steps"], cfg["bl"], cfg["bu"], cfg["crop"]
    t0 = time.time()
    hist = []
    for step in range(steps):
        warm = min(1.0, (step + 1) / 20)
        lr = cfg["lr"] * warm * (1 - step / steps) ** 0.9
        for pg in opt.param_groups:
            pg["lr"] = lr
        li = torch.randint(len(L), (bl,), generator=g)
        xl, _, yl = views(L[li], Ly[li], crop, g, False)
        if cfg["method"] == "supervised":
            ce = F.cross_entropy(model(xl)[0], yl, ignore_index=255)
            loss = ce
        else:
            ui = torch.randint(len(U), (bu,), generator=g)
            xw, xs, _ = views(U[ui], None, crop, g, True)
            with torch.no_grad():
                _, zw, lw = model(xw)
            out, zs_all, lo_all = model(torch.cat([xl, xs]))
            ce = F.cross_entropy(out[:bl], yl, ignore_index=255)
            zs, ls = zs_all[bl:], lo_all[bl:]
            pw, ps = lw.softmax(1), ls.softmax(1)
            cy = (1 - F.cosine_similarity(pw, ps, dim=1)).mean()
            B, D, h, w = zw.shape
            flat = lambda t: t.permute(0, 2, 3, 1).reshape(-1, t.shape[1])
            M = min(cfg["M"], B * h * w)
            anchors = torch.randperm(B * h * w, generator=g)[:M].to(dev)
            za, zp, pa = flat(zw)[anchors], flat(zs)[anchors], flat(pw)[anchors]
            img = anchors // (h * w)
            idx, valid = sample_negatives(cfg["sampling"], pa, img, min(cfg["N"], M - 1), g)
            tau = cfg["tau"]
            pos = (za * zp).sum(1, keepdim=True) / tau
            neg = torch.einsum("md,mnd->mn", za, zp[idx]) / tau
            neg = neg.masked_fill(~valid, -1e9)
            ctr = -(torch.cat([pos, neg], 1).log_softmax(1)[:, 0]).mean()
            t = min(1.0, step / cfg["warmup"]) if cfg["warmup"] > 0 else 1.0
            wgt = math.exp(-5 * (1 - t) ** 2) if cfg["warmup"] > 0 else 1.0
            loss = ce + wgt * (cfg["l1"] * ctr + cfg["l2"] * cy)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if (step + 1) % cfg.get("val_every", 10**9) == 0:
            hist.append((step + 1, miou(model, V, Vy, k)))
    final = miou(model, V, Vy, k)
    return final, time.time() - t0, hist


if __name__ == "__main__":
    root = sys.argv[1]
    grid = json.load(open(sys.argv[2])) if os.path.exists(sys.argv[2]) else json.loads(sys.argv[2])
    base = dict(method="pc2seg", sampling="diff-image-debiased", steps=400, bl=4, bu=4, crop=128, lr=2e-3,
                l1=0.1, l2=1.0, tau=0.1, M=512, N=128, warmup=60, seed=42, n=6)
    cache = {}
    out = open(os.environ.get("OUT", ".") + "/replica.jsonl", "a")
    for g in grid:
        cfg = dict(base, **g)
        if cfg["n"] not in cache:
            cache[cfg["n"]] = load_project(root, cfg["n"])
        try:
            m, secs, hist = run(cfg, cache[cfg["n"]])
            rec = dict(cfg, miou=round(100 * m, 2), secs=round(secs, 1), hist=[(s, round(100 * v, 2)) for s, v in hist])
        except Exception as e:
            rec = dict(cfg, error=repr(e))
        print(json.dumps(rec), flush=True)
        out.write(json.dumps(rec) + "\n"); out.flush()
