// Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the build, so the
// server sends them as they are, with Content-Encoding, instead of compressing per request.
// Runs after `vite build`, when the service worker and 404.html exist too. The service worker's
// precache list was made before, from the uncompressed names, so the copies stay out of it.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from "node:zlib";

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt|xml)$/;
const dist = fileURLToPath(new URL("../dist/", import.meta.url));

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // .vite/ holds the build manifest, which the server does not serve.
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.test(entry.name)) yield path;
  }
}

const encoders = {
  br: {
    encode: (data) =>
      brotliCompressSync(data, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }),
    decode: brotliDecompressSync,
  },
  gz: { encode: (data) => gzipSync(data, { level: 9 }), decode: gunzipSync },
};

let written = 0;
for (const path of files(dist)) {
  const data = readFileSync(path);
  for (const [suffix, { encode, decode }] of Object.entries(encoders)) {
    const packed = encode(data);
    // A copy no smaller than the file saves nothing; the server then sends the file itself.
    if (packed.length >= data.length) continue;
    if (!decode(packed).equals(data)) throw new Error(`${suffix} of ${path} does not round-trip`);
    writeFileSync(`${path}.${suffix}`, packed);
    written += 1;
  }
}
console.log(`pre-compressed: ${written} files (.br and .gz) in ${relative(process.cwd(), dist)}/`);
