// The file format of the calculator's memory snapshot: only the pages of the heap that are not all zero.
//
// A Pyodide snapshot is a copy of the whole 30 MiB heap, more than half of it zero pages. Inflating all of
// it costs the browser about twice as long as inflating only the pages with data, so the build stores
//
//   "CALCSNP1" | u32 total length | u32 page size | u32 page count | u32 page index × count | the pages
//
// (little-endian), then gzips it. decodeSnapshot() rebuilds the exact original bytes; the build checks the
// round trip byte for byte before publishing a snapshot. Used by worker.mjs, scripts/make_snapshot.mjs
// and the Node tests.

const MAGIC = "CALCSNP1";
const PAGE = 4096;

function isZero(bytes) {
  if (bytes.byteOffset % 4 !== 0) return bytes.every((b) => b === 0);
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
  for (let i = 0; i < words.length; i++) if (words[i] !== 0) return false;
  for (let i = words.length << 2; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** Uint8Array snapshot -> Uint8Array in the sparse format (not yet compressed). */
export function encodeSnapshot(snapshot, pageSize = PAGE) {
  const pages = [];
  for (let start = 0; start < snapshot.length; start += pageSize) {
    const page = snapshot.subarray(start, Math.min(start + pageSize, snapshot.length));
    if (!isZero(page)) pages.push(start / pageSize);
  }
  const headerBytes = 8 + 12 + 4 * pages.length;
  const out = new Uint8Array(headerBytes + pages.length * pageSize);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, snapshot.length, true);
  view.setUint32(12, pageSize, true);
  view.setUint32(16, pages.length, true);
  pages.forEach((index, k) => {
    view.setUint32(20 + 4 * k, index, true);
    out.set(snapshot.subarray(index * pageSize, Math.min((index + 1) * pageSize, snapshot.length)),
      headerBytes + k * pageSize);
  });
  return out;
}

/** The sparse format -> the original snapshot bytes; throws on anything that is not this format. */
export function decodeSnapshot(sparse) {
  if (new TextDecoder().decode(sparse.subarray(0, 8)) !== MAGIC) throw new Error("not a calculator snapshot");
  const view = new DataView(sparse.buffer, sparse.byteOffset, sparse.byteLength);
  const total = view.getUint32(8, true);
  const pageSize = view.getUint32(12, true);
  const count = view.getUint32(16, true);
  const headerBytes = 20 + 4 * count;
  if (pageSize === 0 || sparse.length !== headerBytes + count * pageSize) throw new Error("truncated snapshot");
  const out = new Uint8Array(total);
  for (let k = 0; k < count; k++) {
    const start = view.getUint32(20 + 4 * k, true) * pageSize;
    if (start >= total) throw new Error("snapshot page out of range");
    const length = Math.min(pageSize, total - start);
    out.set(sparse.subarray(headerBytes + k * pageSize, headerBytes + k * pageSize + length), start);
  }
  return out;
}
