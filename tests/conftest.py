from pathlib import Path

import pytest

import pipeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL = ROOT / "raw" / "muangkaew-anticorruption-plan-2566-2570.txt"
SAMPLES = next((p for p in (ROOT.parent / "shared" / "samples", ROOT / "samples") if p.exists()), None)


def sample(name: str) -> Path:
    if SAMPLES is None or not (SAMPLES / name).exists():
        pytest.skip(f"shared sample {name} not available")
    return SAMPLES / name


@pytest.fixture(scope="session")
def real_plan():
    return pipeline.parse(REAL)


@pytest.fixture(scope="session")
def clean_plan():
    return pipeline.parse(sample("sample_clean_abt_sansai.txt"))


@pytest.fixture(scope="session")
def faults_plan():
    return pipeline.parse(sample("sample_faults_tessaban_pakpoon.txt"))


@pytest.fixture(scope="session")
def mini_plan():
    return pipeline.parse(FIXTURES / "mini_plan.txt")


def by_order(plan, order):
    return next(p for p in plan.projects if p.order == order)
