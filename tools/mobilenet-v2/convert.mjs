// Converts the ImageNet-trained MobileNetV2 layers bundled in the npm package nsfwjs (MIT licence)
// into a .safetensors file that `pc2seg-studio train --backbone mobilenetv2 --init-weights FILE`
// loads. Node.js only, no dependencies; nothing is fetched at run time (npm fetches the package).
//
//   npm pack nsfwjs@4.3.0 && tar xzf nsfwjs-4.3.0.tgz
//   node tools/mobilenet-v2/convert.mjs package/dist/models/mobilenet_v2 mobilenetv2-imagenet.safetensors
//
// nsfwjs's MobileNetV2 is Keras's keras.applications MobileNetV2 (alpha 1.0, 224) with ImageNet
// weights, fine-tuned for its own task from block 11 on (blocks 0-10 are frozen in its topology:
// "trainable": false). Weights are stored 8-bit (min + q * scale); they are de-quantised here.
// Keras layouts become PyTorch's: conv kernels HWIO -> OIHW, depthwise kernels HWC1 -> C1HW.
// Names keep Keras's layer names ("block_3_expand/kernel", "block_3_expand_BN/moving_mean", ...).
// The top (Conv_1, 1280 channels) and the classifier are left out: DeepLabv3+ does not use them.
import { createRequire } from 'node:module';
import { writeFileSync, readdirSync } from 'node:fs';
import { resolve, join } from 'node:path';

const args = process.argv.slice(2);
const half = args.includes('--half'); // float16: half the size, well within the 8-bit steps
const [dir, out] = args.filter((a) => a !== '--half');
if (!dir || !out) {
  console.error('usage: node convert.mjs [--half] NSFWJS_MODEL_DIR OUT.safetensors');
  process.exit(2);
}

/** IEEE 754 binary16 bits of a float (round to nearest even; no NaN in weights). */
function toHalf(f) {
  const b = new DataView(new ArrayBuffer(4));
  b.setFloat32(0, f);
  const x = b.getUint32(0);
  const sign = (x >>> 16) & 0x8000;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  let mant = x & 0x7fffff;
  if (exp >= 31) return sign | 0x7c00;
  if (exp <= 0) {
    if (exp < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - exp;
    let h = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rem > halfway || (rem === halfway && (h & 1))) h++;
    return sign | h;
  }
  let h = sign | (exp << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (h & 1))) h++;
  return h;
}
const require = createRequire(import.meta.url);
const unwrap = (m) => (m && m.default !== undefined ? m.default : m);
const model = unwrap(require(resolve(dir, 'model.min.js')));
const manifest = model.weightsManifest;
const buffers = [];
for (const group of manifest) {
  for (const p of group.paths) {
    buffers.push(Buffer.from(unwrap(require(resolve(dir, p + '.min.js'))), 'base64'));
  }
}
const blob = Buffer.concat(buffers);

const keep = (name) => !name.startsWith('Conv_1') && !name.startsWith('dense') &&
    !name.startsWith('predictions') && !name.startsWith('Logits');
const header = {};
const chunks = [];
let offset = 0;
let read = 0;
let kept = 0;
for (const group of manifest) {
  for (const w of group.weights) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const q = w.quantization;
    const bytes = q ? (q.dtype === 'uint8' ? 1 : 2) : 4;
    const src = blob.subarray(read, read + n * bytes);
    read += n * bytes;
    if (!keep(w.name)) continue;
    const v = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      if (!q) v[i] = src.readFloatLE(4 * i);
      else if (q.dtype === 'uint8') v[i] = q.min + q.scale * src[i];
      else v[i] = q.min + q.scale * src.readUInt16LE(2 * i);
    }
    let shape = w.shape;
    let data = v;
    if (shape.length === 4) {
      const [kh, kw, ci, co] = shape; // HWIO, or HW C M for depthwise
      const depthwise = w.name.endsWith('depthwise_kernel');
      const o = depthwise ? ci : co;
      const i2 = depthwise ? co : ci;
      data = new Float32Array(n);
      for (let y = 0; y < kh; y++)
        for (let x = 0; x < kw; x++)
          for (let c = 0; c < ci; c++)
            for (let m = 0; m < co; m++) {
              const from = ((y * kw + x) * ci + c) * co + m;
              const oo = depthwise ? c : m;
              const ii = depthwise ? m : c;
              data[((oo * i2 + ii) * kh + y) * kw + x] = v[from];
            }
      shape = [o, i2, kh, kw];
    }
    let bytesOut;
    if (half) {
      bytesOut = Buffer.alloc(2 * n);
      for (let i = 0; i < n; i++) bytesOut.writeUInt16LE(toHalf(data[i]), 2 * i);
    } else {
      bytesOut = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    }
    header[w.name] = { dtype: half ? 'F16' : 'F32', shape, data_offsets: [offset, offset + bytesOut.length] };
    chunks.push(bytesOut);
    offset += bytesOut.length;
    kept++;
  }
}
if (read !== blob.length) {
  console.error(`read ${read} bytes of ${blob.length}: the manifest does not match the shards`);
  process.exit(1);
}
header.__metadata__ = { source: 'nsfwjs mobilenet_v2 (Keras MobileNetV2, ImageNet, MIT licence)',
  input: 'RGB scaled to [-1, 1]' };
let json = Buffer.from(JSON.stringify(header));
const pad = (8 - (json.length % 8)) % 8;
json = Buffer.concat([json, Buffer.alloc(pad, 0x20)]);
const len = Buffer.alloc(8);
len.writeBigUInt64LE(BigInt(json.length));
writeFileSync(out, Buffer.concat([len, json, ...chunks]));
console.log(`${kept} tensors, ${(offset / 1e6).toFixed(1)} MB -> ${out}`);
