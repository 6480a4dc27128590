/**
 * RFC 4122 version 5 UUIDs, computed synchronously (SHA-1 of namespace and name), as Python's
 * `uuid.uuid5`: the offline replay derives record ids inside a synchronous rebuild of the view,
 * where `crypto.subtle` (asynchronous) cannot be awaited.
 */

function sha1(bytes: Uint8Array): Uint8Array {
  const length = bytes.length;
  const words = new Uint32Array((((length + 8) >> 6) + 1) * 16);
  for (let i = 0; i < length; i++) words[i >> 2]! |= bytes[i]! << (24 - (i % 4) * 8);
  words[length >> 2]! |= 0x80 << (24 - (length % 4) * 8);
  words[words.length - 1] = length * 8;
  let [a, b, c, d, e] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  for (let block = 0; block < words.length; block += 16) {
    for (let i = 0; i < 16; i++) w[i] = words[block + i]!;
    for (let i = 16; i < 80; i++) {
      const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
      w[i] = (x << 1) | (x >>> 31);
    }
    let [aa, bb, cc, dd, ee] = [a, b, c, d, e];
    for (let i = 0; i < 80; i++) {
      const f = i < 20 ? (bb & cc) | (~bb & dd) : i < 40 ? bb ^ cc ^ dd : i < 60 ? (bb & cc) | (bb & dd) | (cc & dd) : bb ^ cc ^ dd;
      const k = i < 20 ? 0x5a827999 : i < 40 ? 0x6ed9eba1 : i < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const t = (((aa << 5) | (aa >>> 27)) + f + ee + k + w[i]!) >>> 0;
      [ee, dd, cc, bb, aa] = [dd, cc, (bb << 30) | (bb >>> 2), aa, t];
    }
    [a, b, c, d, e] = [(a + aa) >>> 0, (b + bb) >>> 0, (c + cc) >>> 0, (d + dd) >>> 0, (e + ee) >>> 0];
  }
  const out = new Uint8Array(20);
  [a, b, c, d, e].forEach((v, i) => {
    for (let j = 0; j < 4; j++) out[i * 4 + j] = (v >>> (24 - j * 8)) & 0xff;
  });
  return out;
}

export function uuid5Sync(namespace: string, name: string): string {
  const hex = namespace.replaceAll("-", "");
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(16 + nameBytes.length);
  for (let i = 0; i < 16; i++) input[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  input.set(nameBytes, 16);
  const hash = sha1(input).slice(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = [...hash].map((v) => v.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
