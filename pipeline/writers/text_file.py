"""text.txt: the text the outputs were built from (pipeline.read_text), for anyone to check."""
from __future__ import annotations

from pathlib import Path

from ..as_read import render
from ..model import Plan

NAME = "text.txt"


def write(plan: Plan, outdir: Path) -> dict[str, bytes]:
    return {NAME: encode(render(plan.lines))}


def encode(text: str) -> bytes:
    return text.encode("utf-8")
