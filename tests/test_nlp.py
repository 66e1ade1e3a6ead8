from __future__ import annotations

import numpy as np
import pytest

from newsprism.nlp import MiniLMEmbedder

pytestmark = pytest.mark.models

NEWS = [
    "The city council voted 7-2 on Tuesday to approve the new transit budget.",
    "On Tuesday the council approved the transit budget by a vote of seven to two.",
    "Officials said the fire at the warehouse was started by faulty wiring.",
    "Mayor Okafor said she would not seek a third term, ending months of speculation.",
    "The senator denied the report, calling it baseless and politically motivated.",
    "Prices of crude oil fell 3 percent after the cartel agreed to raise output.",
]


@pytest.fixture(scope="module")
def float_and_bfloat16() -> tuple[MiniLMEmbedder, MiniLMEmbedder]:
    return MiniLMEmbedder(bfloat16=False), MiniLMEmbedder(bfloat16=True)


def test_bfloat16_vectors_are_stored_under_their_own_name(float_and_bfloat16):
    full, half = float_and_bfloat16
    assert full.name != half.name
    assert "bfloat16" in half.name


def test_bfloat16_keeps_the_float_model_cosines(float_and_bfloat16):
    full, half = float_and_bfloat16
    a, b = full.encode(NEWS), half.encode(NEWS)
    assert b.dtype == np.float32
    assert np.allclose(np.linalg.norm(b, axis=1), 1.0, atol=1e-5)
    assert not np.array_equal(a, b)  # the products did run in bfloat16
    assert np.abs(a @ a.T - b @ b.T).max() < 0.01
    assert (a @ a.T)[0, 1] > 0.75 and (b @ b.T)[0, 1] > 0.75

