"""A one-character fix to Material's search worker, so a Chinese query that is exactly one indexed word is found.

Material (9.8.2) segments a Chinese query against the index's words in ``segment()``
(src/templates/assets/javascripts/integrations/search/query/segment/index.ts):

    for (let i = 0; i < query.length; i++)
      for (let j = i + 1; j < query.length; j++) { ... query.slice(i, j) in index ... }

``j`` never reaches ``query.length``, so the whole query is never looked up: 算力券 is searched as 算力
alone and the 券 is dropped, although jieba indexed 算力券 as one word. The fix is ``j <= query.length``.
The patch is applied to the built copy of the worker (never to the installed package); if the minified
text is not found (another Material version), the build stops with a message instead of silently
searching worse.
"""

from __future__ import annotations

import re
from pathlib import Path

WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
#: The minified loop, with the minifier's variable names abstracted.
_LOOP = re.compile(r"for\(let (\w)=(\w)\+1;\1<(\w)\.length;\1\+\+\)\3\.slice\(\2,\1\)in (\w)&&")


class PatchError(RuntimeError):
    pass


def patch_text(text: str) -> str:
    """The worker's text with the query segmentation looking at the whole query too."""
    patched, count = _LOOP.subn(lambda m: m.group(0).replace(f"{m.group(1)}<{m.group(3)}.length", f"{m.group(1)}<={m.group(3)}.length"), text)
    if count != 1:
        raise PatchError(f"expected one query-segmentation loop in Material's search worker, found {count}; "
                         "check scripts/sitegen/search_patch.py against this Material version")
    return patched


def patch_search_worker(site_dir: str) -> list[Path]:
    """Patch each built search worker under site_dir (not under en/: that edition patches its own)."""
    workers = sorted(Path(site_dir).glob(WORKER_GLOB))
    if not workers:
        raise PatchError(f"no search worker found under {site_dir}/{WORKER_GLOB}")
    for worker in workers:
        worker.write_text(patch_text(worker.read_text(encoding="utf-8")), encoding="utf-8")
    return workers
