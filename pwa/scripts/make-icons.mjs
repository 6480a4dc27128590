// Draws the app icons as PNGs (no image tools needed): a teal square with a white waypoint
// marker. Run with `npm run icons`; the output is committed under public/icons/.
import { mkdirSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const TEAL = [15, 94, 99];
const WHITE = [255, 255, 255];
const OUT = new URL("../public/icons/", import.meta.url);

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) row.set(pixel(x / size, y / size), 1 + x * 3);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// A map pin: a ring on top of a point, scaled by `s` around the centre.
function marker(s) {
  return (u, v) => {
    const x = (u - 0.5) / s;
    const y = (v - 0.5) / s;
    const cy = -0.08;
    const r = Math.hypot(x, y - cy);
    const inHead = r < 0.3;
    const inHole = r < 0.12;
    const inTail = y > cy && y < 0.42 && Math.abs(x) < 0.3 * (1 - (y - cy) / (0.42 - cy)) && y > 0.1;
    return (inHead && !inHole) || inTail ? WHITE : TEAL;
  };
}

mkdirSync(OUT, { recursive: true });
for (const size of [192, 512]) writeFileSync(new URL(`icon-${size}.png`, OUT), png(size, marker(1)));
// Maskable icons keep the drawing inside the central safe zone (a circle of 80% diameter).
writeFileSync(new URL("maskable-512.png", OUT), png(512, marker(0.7)));
writeFileSync(new URL("apple-touch-icon.png", OUT), png(180, marker(0.85)));
console.log("icons written to public/icons/");
