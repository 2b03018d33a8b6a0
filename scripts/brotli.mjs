// Brotli-compresses files for the build (scripts/sitegen/compress.py): node has brotli built in, Python's
// standard library does not. Reads JSON [[source, target], ...] on stdin, writes each target (quality 11).
import fs from "node:fs";
import zlib from "node:zlib";

const jobs = JSON.parse(fs.readFileSync(0, "utf8"));
for (const [source, target] of jobs) {
  const input = fs.readFileSync(source);
  const output = zlib.brotliCompressSync(input, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: input.length,
    },
  });
  fs.writeFileSync(target + ".tmp", output);
  fs.renameSync(target + ".tmp", target);
}
