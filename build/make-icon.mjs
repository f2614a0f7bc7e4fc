// Draws build/icon.png (512×512, RGBA) without any image library: a rounded blue tile with
// three nodes and the two links of a small dependency chain, antialiased from signed
// distances. electron-builder turns the PNG into .icns/.ico when packing.
//
//   node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;

const clamp01 = (v) => Math.min(1, Math.max(0, v));
/** Coverage of a shape from its signed distance (negative inside), one pixel of antialiasing. */
const cover = (d) => clamp01(0.5 - d);

function roundedRect(x, y, half, radius) {
  const qx = Math.abs(x - SIZE / 2) - (half - radius);
  const qy = Math.abs(y - SIZE / 2) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
function segment(x, y, ax, ay, bx, by, width) {
  const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
  const t = clamp01((px * dx + py * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - dx * t, py - dy * t) - width / 2;
}

const nodes = [
  { x: 150, y: 160, r: 58 },
  { x: 362, y: 256, r: 58 },
  { x: 150, y: 352, r: 58 },
];
const links = [
  [nodes[0], nodes[1]],
  [nodes[2], nodes[1]],
];

/** Mixes `top` over `base` with coverage `a`. */
const over = (base, top, a) => base.map((c, i) => c + (top[i] - c) * a);

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y += 1) {
  const row = y * (SIZE * 4 + 1);
  pixels[row] = 0; // PNG filter: none
  for (let x = 0; x < SIZE; x += 1) {
    const px = x + 0.5;
    const py = y + 0.5;
    // Tile: a diagonal blue gradient.
    const t = (px + py) / (2 * SIZE);
    let rgb = [37 + (30 - 37) * t, 99 + (58 - 99) * t, 235 + (138 - 235) * t];
    const tile = cover(roundedRect(px, py, 240, 96));
    for (const [a, b] of links) {
      const line = cover(segment(px, py, a.x, a.y, b.x, b.y, 26));
      rgb = over(rgb, [191, 219, 254], line);
    }
    for (const [i, n] of nodes.entries()) {
      rgb = over(rgb, [255, 255, 255], cover(circle(px, py, n.x, n.y, n.r)));
      // The blocked node's ring is amber, the others' are blue.
      const ring = cover(Math.abs(circle(px, py, n.x, n.y, n.r - 16)) - 7);
      rgb = over(rgb, i === 1 ? [245, 158, 11] : [37, 99, 235], ring);
    }
    const o = row + 1 + x * 4;
    pixels[o] = Math.round(rgb[0]);
    pixels[o + 1] = Math.round(rgb[1]);
    pixels[o + 2] = Math.round(rgb[2]);
    pixels[o + 3] = Math.round(255 * tile);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`build/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
