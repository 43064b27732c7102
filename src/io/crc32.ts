/**
 * CRC-32 as gzip (RFC 1952) and PNG use it: reflected polynomial 0xEDB88320,
 * initial value and final XOR 0xFFFFFFFF. Slicing-by-8 tables process eight
 * bytes per step, about twice as fast as the byte-wise loop (measured on
 * 100 MB in Node 20 on x86-64).
 */

const tables = buildTables();

function buildTables(): Int32Array {
  const table = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    table[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = table[n];
    for (let slice = 1; slice < 8; slice++) {
      c = table[c & 0xff] ^ (c >>> 8);
      table[slice * 256 + n] = c;
    }
  }
  return table;
}

/** Returns the CRC-32 of `bytes` as an unsigned 32-bit integer. */
export function crc32(bytes: Uint8Array): number {
  const t = tables;
  let c = -1;
  let i = 0;
  const end8 = bytes.length - 8;
  for (; i <= end8; i += 8) {
    const low = c ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
    c =
      t[1792 + (low & 0xff)] ^
      t[1536 + ((low >>> 8) & 0xff)] ^
      t[1280 + ((low >>> 16) & 0xff)] ^
      t[1024 + (low >>> 24)] ^
      t[768 + bytes[i + 4]] ^
      t[512 + bytes[i + 5]] ^
      t[256 + bytes[i + 6]] ^
      t[bytes[i + 7]];
  }
  for (; i < bytes.length; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
