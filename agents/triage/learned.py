"""The learned decision layer: a multinomial logistic regression over what screening found and what the text means.

The rules (``agents.triage.rules``) decide first and say why; this layer then weighs the same evidence the way the
reviewers of three independently written labelled sets did: the rule's decision, each cue and authenticity flag,
the brand-fit score, the precedent shares and the sentence-encoder vector of the applicant's niche and sample
(``precedents.precedent_text``). Its weights (``learned.npz`` next to this module: weights, feature names,
scaling, a ``provenance`` entry; no application text) are refitted by ``python bench/triage.py --refit``.

The policy stays above it (``decide``): an injection is never approved (the model can only choose between
rejecting and escalating it), a blocked or offboarded partner rejects and an active one escalates, and an
audience small against the partners' medians stays the rules' call (the labelled sets have no partners), whatever
it says. Loaded on first use: importing this module loads no numpy.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agents.triage.rules import MIN_AUDIENCE_RATIO, MIN_ENGAGEMENT_RATIO
from agents.triage.state import TriageDecision

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Array = NDArray[np.floating[Any]]

WEIGHTS = Path(__file__).resolve().parent / "learned.npz"
CLASSES = ("approve", "reject", "escalate")
L2 = 0.3
"""Ridge penalty and embedding scale, chosen by leave-one-author-out cross-validation (bench/triage.py --cv):
mean 0.878 over l2 0.3-30 x scale 0-25 (0.3, 15); the fitting is 400 full-batch Adam steps, which also bounds it."""
EMBEDDING_SCALE = 15.0


def base_label(label: str) -> str:
    """A finding's label without its "(by meaning, 0.83)" note."""
    return label.split(" (by meaning", 1)[0]


def evidence_names(decision: TriageDecision) -> list[str]:
    """The named, present-or-absent evidence of a decision: each cue with its severity, each flag."""
    e = decision.evidence
    names = [f"finding: {base_label(f.label)} ({f.severity})" for f in e.findings]
    names += [f"flag: {base_label(f.label)}" for f in e.authenticity]
    return names


def structured(decision: TriageDecision, vocabulary: list[str]) -> list[float]:
    """The numeric evidence, in the order of ``structured_names(vocabulary)``."""
    e, fit, vote = decision.evidence, decision.brand_fit, decision.evidence.precedent
    present = set(evidence_names(decision))
    words = len(e.sample_content.split())
    return [
        *(float(decision.decision == c) for c in CLASSES),
        fit.score / 100, float(fit.low_value), float(fit.score < 35), float(fit.score < 60),
        float(sum(f.severity == "reject" for f in e.findings)), float(sum(f.severity == "escalate" for f in e.findings)),
        float(len(e.authenticity)), float(any(f.severity == "reject" for f in e.authenticity)),
        float(e.injection is not None),
        *((vote.approve, vote.reject, vote.escalate, vote.ruled_out, vote.closest) if vote else (0.0,) * 5),
        math.log10(max(0, e.audience_size) + 1) / 7, min(float(e.engagement_rate), 1.0), math.log(words + 1) / 5,
        *(float(name in present) for name in vocabulary),
    ]


def structured_names(vocabulary: list[str]) -> list[str]:
    return [*(f"the rules' {c}" for c in CLASSES), "brand fit", "deal content", "brand fit below 35",
            "brand fit below 60", "rejecting cues", "questions", "authenticity flags", "a rejecting flag",
            "an injection", "precedents approved", "precedents rejected", "precedents escalated",
            "precedents ruled out", "closest precedent", "audience size", "engagement", "sample length", *vocabulary]


@dataclass(frozen=True)
class Model:
    weights: Array
    """(features, classes): the structured features (scaled by ``mean``/``scale``) then the embedding."""
    bias: Array
    mean: Array
    scale: Array
    vocabulary: list[str]
    embedding_scale: float

    def matrix(self, decisions: list[TriageDecision], vectors: Array) -> Array:
        import numpy as np

        rows = np.array([structured(d, self.vocabulary) for d in decisions], dtype=np.float64).reshape(len(decisions), -1)
        return np.hstack([(rows - self.mean) / self.scale, vectors.astype(np.float64) * self.embedding_scale])

    def shares(self, decisions: list[TriageDecision], vectors: Array) -> Array:
        return _softmax(self.matrix(decisions, vectors) @ self.weights + self.bias)

    def drivers(self, decision: TriageDecision, vector: Array, klass: int, *, top: int = 2) -> list[str]:
        """The evidence present in the application that pushed most towards ``klass`` (the vector counts as one,
        "what the text reads like"); an absent cue is never named as a reason."""
        import numpy as np

        x = self.matrix([decision], vector.reshape(1, -1))[0]
        push = x * (self.weights[:, klass] - self.weights.mean(axis=1))
        raw = structured(decision, self.vocabulary)
        named = [(float(push[i]), name) for i, name in enumerate(structured_names(self.vocabulary)) if raw[i]]
        named.append((float(np.sum(push[len(raw):])), "what the text reads like"))
        return [name for value, name in sorted(named, reverse=True)[:top] if value > 0]


def _softmax(z: Array) -> Array:
    import numpy as np

    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)  # type: ignore[no-any-return]


def fit(decisions: list[TriageDecision], vectors: Array, targets: list[str], *, l2: float = L2,
        embedding_scale: float = EMBEDDING_SCALE, steps: int = 400) -> Model:
    """Weighted (balanced classes) multinomial logistic regression, L2 on the weights, by full-batch Adam."""
    import numpy as np

    vocabulary = sorted({name for d in decisions for name in evidence_names(d)})
    rows = np.array([structured(d, vocabulary) for d in decisions], dtype=np.float64)
    mean, scale = rows.mean(axis=0), rows.std(axis=0)
    scale[scale == 0] = 1.0
    model = Model(np.zeros((rows.shape[1] + vectors.shape[1], len(CLASSES))), np.zeros(len(CLASSES)), mean, scale,
                  vocabulary, embedding_scale)
    x = model.matrix(decisions, vectors)
    y = np.zeros((len(targets), len(CLASSES)))
    y[np.arange(len(targets)), [CLASSES.index(t) for t in targets]] = 1.0
    counts = y.sum(axis=0)
    sample = (y @ (len(targets) / (len(CLASSES) * np.maximum(counts, 1))))[:, None] / len(targets)
    w, b = model.weights, model.bias
    m_w, v_w, m_b, v_b = (np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b))
    for step in range(1, steps + 1):
        error = (_softmax(x @ w + b) - y) * sample
        grad_w, grad_b = x.T @ error + l2 * w / len(targets), error.sum(axis=0)
        for g, m, v in ((grad_w, m_w, v_w), (grad_b, m_b, v_b)):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
        w -= 0.05 * (m_w / (1 - 0.9**step)) / (np.sqrt(v_w / (1 - 0.999**step)) + 1e-8)
        b -= 0.05 * (m_b / (1 - 0.9**step)) / (np.sqrt(v_b / (1 - 0.999**step)) + 1e-8)
    return Model(w, b, mean, scale, vocabulary, embedding_scale)


def decide(decision: TriageDecision, shares: Array, model: Model, vector: Array) -> TriageDecision:
    """The model's decision under the policy: an injection is never approved, partner links decide first."""
    e = decision.evidence
    if any(p["status"] in ("blocked", "offboarded", "active") for p in e.linked_partners) or _below_partners(decision):
        return decision
    allowed = [1, 2] if e.injection is not None else [0, 1, 2]
    klass = max(allowed, key=lambda k: float(shares[k]))
    if CLASSES[klass] == decision.decision:
        return decision
    why = ", ".join(model.drivers(decision, vector, klass)) or "the evidence as a whole"
    lead = (f"{CLASSES[klass]} rather than the rules' {decision.decision}: the model fitted on three reviewers' "
            f"decisions gives {CLASSES[klass]} {shares[klass]:.0%} (driven by {why})")
    return decision.model_copy(update={"decision": CLASSES[klass], "reasons": [lead, *decision.reasons]})


def _below_partners(decision: TriageDecision) -> bool:
    """An audience or engagement low against the active partners' medians: evidence the model was never fitted on
    (the labelled sets come without partners), so the rules' call on it stands."""
    e = decision.evidence
    return (e.audience_vs_median is not None and e.audience_vs_median < MIN_AUDIENCE_RATIO) or (
        e.engagement_vs_median is not None and e.engagement_vs_median < MIN_ENGAGEMENT_RATIO)


def save(model: Model, path: Path, *, provenance: str) -> None:
    import numpy as np

    np.savez_compressed(path, weights=model.weights.astype(np.float32), bias=model.bias, mean=model.mean,
                        scale=model.scale, vocabulary=np.array(model.vocabulary),
                        embedding_scale=np.array(model.embedding_scale), provenance=np.array(provenance))


_lock = threading.Lock()
_models: list[Model | None] = []


def shipped() -> Model | None:
    """The shipped model (None when no weights ship), loaded once."""
    import numpy as np

    with _lock:
        if not _models:
            if not WEIGHTS.exists():
                _models.append(None)
            else:
                with np.load(WEIGHTS, allow_pickle=False) as data:
                    _models.append(Model(data["weights"].astype(np.float64), data["bias"], data["mean"], data["scale"],
                                         [str(v) for v in data["vocabulary"]], float(data["embedding_scale"])))
        return _models[0]
