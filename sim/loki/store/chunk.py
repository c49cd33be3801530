"""A Loki chunk: compressed blocks plus a head block (pkg/chunkenc/memchunk.go, v3.6.0).

Facts this follows:

- The head block is cut into a compressed block once its uncompressed size reaches
  `chunk_block_size` (checked after each append).
- `space_for`: with a target size, an entry fits while symbolizer size + compressed size of
  the cut blocks + head size + the entry's line and metadata bytes stay *below* the target
  (uncompressed bytes, so chunks end under the target); without one, 10 blocks per chunk.
- `utilization` is compressed size / target; the compressed size is the cut blocks' bytes
  plus the head's and symbolizer's *uncompressed* bytes, except that once the chunk has been
  serialised (by a flush, or by a WAL checkpoint) Loki keeps reporting the serialised size.
- `close` cuts the head and, when blocks overlap in time, rebuilds the chunk in time order
  (re-appending every entry, which drops duplicates that meet in one head block).

Stand-in detail: with `background` set, a cut block is compressed on a worker thread while
appends go on. Every decision that needs the compressed size waits for it (`settle`), unless
an upper bound of the pending sizes already decides it, so chunks come out byte for byte as
with inline compression. The bytes layout is in layout.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial

from sim.loki.store.blockread import decode_entries
from sim.loki.store.codec import NONE, Codec
from sim.loki.store.head import Entry, HeadBlock, Metadata, Symbolizer, metadata_len
from sim.loki.store.lazyrun import LazyRun
from sim.loki.store.lazyrun import given as _given
from sim.loki.store.varint import Reader

BLOCKS_PER_CHUNK = 10
_WORKERS = min(4, (os.cpu_count() or 1) - 1)
_pool: ThreadPoolExecutor | None = None


def _compressor() -> ThreadPoolExecutor | None:
    """The shared compression threads; none on a single core, where they only cost."""
    global _pool
    if _pool is None and _WORKERS > 0:
        _pool = ThreadPoolExecutor(_WORKERS, thread_name_prefix="chunk-compress")
    return _pool


def compressed_bound(size: int) -> int:
    """More than any codec here can produce from `size` bytes (lz4's bound is the widest)."""
    return size + size // 128 + 1024


@dataclass(frozen=True, slots=True, weakref_slot=True)  # weak: colcache.py keys on blocks
class Block:
    data: bytes  # compressed
    entries: int
    mint: int
    maxt: int
    uncompressed: int
    # the smallest timestamp in the block, when known (mint can be above it: see head.py)
    low: int | None = field(default=None, compare=False)


class MemChunk:
    """One chunk of one stream, in memory."""

    __slots__ = (
        "background",
        "block_size",
        "blocks",
        "codec",
        "cut_block_size",
        "head",
        "pending",
        "pending_bound",
        "serialised_size",
        "symbolizer",
        "target_size",
    )

    def __init__(
        self, codec: Codec, block_size: int, target_size: int, *, background: bool = False
    ) -> None:
        self.codec = codec
        self.block_size = block_size
        self.target_size = target_size
        self.background = background and codec.id != NONE
        self.blocks: list[Block] = []
        self.cut_block_size = 0  # compressed bytes of the settled blocks
        self.pending: list[tuple[int, Future[bytes]]] = []  # (block index, its compression)
        self.pending_bound = 0  # upper bound of the pending blocks' compressed bytes
        self.head = HeadBlock()
        self.symbolizer = Symbolizer()
        self.serialised_size = 0  # MemChunk.compressedSize: set when written out

    # --- write path ---------------------------------------------------------------------
    def space_for(self, line: bytes, metadata: Metadata) -> bool:
        target = self.target_size
        if target <= 0:
            return len(self.blocks) < BLOCKS_PER_CHUNK
        head = self.head.size + len(line)
        if metadata:
            head += metadata_len(metadata)
        known = self.symbolizer.size + self.cut_block_size + head
        if known + self.pending_bound < target:
            return True
        if not self.pending or known >= target:
            return False
        self.settle()
        return self.symbolizer.size + self.cut_block_size + head < target

    def append(self, ts: int, line: bytes, metadata: Metadata) -> bool:
        """Append; True when it was a duplicate of an entry in the head block."""
        head = self.head
        duplicate = head.append(ts, line, metadata, self.symbolizer)
        if head.size >= self.block_size:
            self.cut()
            return False
        return duplicate

    def cut(self) -> None:
        head = self.head
        if head.size == 0:
            return
        raw = head.serialise(self.symbolizer)
        pool = _compressor() if self.background else None
        if pool is None:
            data = self.codec.compress(raw)
            self.cut_block_size += len(data)
        else:
            data = b""
            self.pending.append((len(self.blocks), pool.submit(self.codec.compress, raw)))
            self.pending_bound += compressed_bound(len(raw))
        low = head.ts[0] if head.ordered else min(head.ts)  # ordered: never decreasing
        self.blocks.append(Block(data, len(head), head.mint, head.maxt, head.size, low))
        self.head = HeadBlock()

    def settle(self) -> None:
        """Wait for blocks still being compressed."""
        for index, future in self.pending:
            data = future.result()
            block = self.blocks[index]
            self.blocks[index] = Block(
                data, block.entries, block.mint, block.maxt, block.uncompressed, block.low
            )
            self.cut_block_size += len(data)
        self.pending = []
        self.pending_bound = 0

    def close(self) -> None:
        self.cut()
        self._reorder()

    def _reorder(self) -> None:
        self.settle()
        last_max = 0
        ordered = True
        for block in self.blocks:
            if block.mint < last_max:
                ordered = False
            last_max = block.maxt
        if ordered:
            return
        rebuilt = MemChunk(self.codec, self.block_size, self.target_size)  # inline compression
        entries = [entry for block in self.blocks for entry in self.decode(block)]
        entries.sort(key=_timestamp)
        for ts, line, metadata in entries:
            rebuilt.append(ts, line, metadata)
        rebuilt.close()
        for name in MemChunk.__slots__:
            if name != "background":
                setattr(self, name, getattr(rebuilt, name))

    # --- sizes --------------------------------------------------------------------------
    def bounds(self) -> tuple[int, int]:
        start, end = self.head.mint, self.head.maxt
        for block in self.blocks:
            if start == 0 or start > block.mint:
                start = block.mint
            if end < block.maxt:
                end = block.maxt
        return start, end

    def lowest_timestamp(self) -> int | None:
        """The smallest timestamp held (bounds() can be above it: see head.py); None if empty."""
        lows = [self._block_low(index) for index in range(len(self.blocks))]
        if self.head.ts:
            lows.append(min(self.head.ts))
        return min(lows) if lows else None

    def entry_count(self) -> int:
        return sum(block.entries for block in self.blocks) + len(self.head)

    def uncompressed_size(self) -> int:
        blocks = sum(block.uncompressed for block in self.blocks)
        return self.head.size + blocks + self.symbolizer.size

    def compressed_size(self) -> int:
        if self.serialised_size:
            return self.serialised_size
        self.settle()
        return self.head.size + self.symbolizer.size + self.cut_block_size

    def utilization(self) -> float:
        if self.target_size:
            return self.compressed_size() / self.target_size
        return self.uncompressed_size() / (BLOCKS_PER_CHUNK * self.block_size)

    # --- read path ----------------------------------------------------------------------
    def decode(self, block: Block) -> Iterator[Entry]:
        return iter(decode_entries(self.codec.decompress(block.data), self.symbolizer))

    def lazy_runs(self, mint: int, maxt: int, backward: bool = False) -> list[LazyRun]:
        """entries(mint, maxt), each block's run decoded only when read (`backward`: the
        runs' low bounds are not needed, and not looked for)."""
        self.settle()
        runs = []
        for index, block in enumerate(self.blocks):
            if maxt < block.mint or block.maxt < mint:
                continue
            low = mint if backward else self._block_low(index)
            # the symbols as they are now: a later reorder replaces them with its own
            load = partial(_decode, self.codec, self.symbolizer, block)
            if mint <= block.mint and block.maxt < maxt:
                runs.append(LazyRun(low, block.maxt, load))
            else:
                load = partial(_within, load, mint, maxt)
                runs.append(LazyRun(max(low, mint), min(block.maxt, maxt - 1), load))
        head = self.head.entries(mint, maxt)
        if head:
            runs.append(LazyRun(head[0][0], head[-1][0], partial(_given, head)))
        return runs

    def _block_low(self, index: int) -> int:
        """The block's smallest timestamp; for a block read from bytes, its first entry's
        (blocks are written in time order), found once."""
        block = self.blocks[index]
        if block.low is None:
            raw = self.codec.decompress(block.data)
            low = Reader(raw).varint() if raw else block.mint
            # found once and no part of the block's value (compare=False): set in place, so
            # what is kept per block object (colcache.py) stays with it
            object.__setattr__(block, "low", low)
            return low
        return block.low

    def entries(self, mint: int, maxt: int) -> list[list[Entry]]:
        """Sorted runs (one per block, then the head) of entries with mint <= ts < maxt."""
        self.settle()
        runs = []
        for block in self.blocks:
            if maxt < block.mint or block.maxt < mint:
                continue
            whole = _decode(self.codec, self.symbolizer, block)
            if mint <= block.mint and block.maxt < maxt:
                runs.append(whole)
            else:
                runs.append([e for e in whole if mint <= e[0] < maxt])
        head = self.head.entries(mint, maxt)
        if head:
            runs.append(head)
        return runs


def _timestamp(entry: Entry) -> int:
    return entry[0]


def _decode(codec: Codec, symbolizer: Symbolizer, block: Block) -> list[Entry]:
    return decode_entries(codec.decompress(block.data), symbolizer)


def _within(load: Callable[[], list[Entry]], mint: int, maxt: int) -> list[Entry]:
    return [entry for entry in load() if mint <= entry[0] < maxt]
