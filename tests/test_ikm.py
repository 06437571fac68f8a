"""The official IKM (Permen PANRB 14/2017): hand-computed values, grade edges, survey files."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from hrsim.errors import InputError
from hrsim.measures.ikm import compute_ikm, grade, krejcie_morgan, read_survey, round_half_up


def answers_with_total(n: int, total: int) -> np.ndarray:
    """n respondents × 9 answers (1–4) whose sum is exactly `total`."""
    a = np.ones((n, 9), dtype=int)
    extra = total - 9 * n
    flat = a.ravel()
    for i in range(len(flat)):
        step = min(3, extra)
        flat[i] += step
        extra -= step
        if extra == 0:
            break
    assert a.sum() == total and a.max() <= 4
    return a


def test_all_threes_give_75():
    result = compute_ikm(np.full((10, 9), 3))
    assert result.ikm == 75.0
    assert result.grade == "C"
    assert result.elements == {f"U{k}": 3.0 for k in range(1, 10)}


def test_worked_example_from_office_software():
    # 29 respondents, answer total 955: exact 25·955/261 = 91.475 → 91.48; 0.11 weights → 90.56
    result = compute_ikm(answers_with_total(29, 955))
    assert result.ikm == 91.48
    assert result.grade == "A"
    assert result.ikm_weight_0_11 == 90.56
    assert result.respondents == 29


def test_hand_computed_small_survey():
    a = np.array([[4, 3, 2, 3, 3, 4, 4, 3, 2],
                  [3, 3, 3, 3, 3, 3, 4, 3, 3],
                  [2, 3, 2, 4, 2, 3, 3, 3, 2]])
    # totals 28 + 28 + 24 = 80: Σ NRR / 9 × 25 = 25·80/27 = 74.074… → 74.07
    result = compute_ikm(a)
    assert result.elements["U1"] == pytest.approx(3.0)
    assert result.elements["U7"] == pytest.approx(11 / 3)
    assert result.ikm == 74.07
    assert result.grade == "C"


@pytest.mark.parametrize(("total", "score", "letter"), [
    (31790, 88.31, "A"),  # 88.3055… rounds up into A
    (31789, 88.30, "B"),  # 88.3027…
    (27578, 76.61, "B"),  # 76.6055…
    (27577, 76.60, "C"),  # 76.6027…
    (23400, 65.00, "C"),  # exactly 65
    (23399, 65.00, "C"),  # 64.9972… rounds half up to 65.00
    (23398, 64.99, "D"),  # 64.9944…
])
def test_exact_grade_boundaries(total, score, letter):
    result = compute_ikm(answers_with_total(1000, total))
    assert result.ikm == score
    assert result.grade == letter


def test_grade_bands_and_rounding():
    assert [grade(x) for x in (100, 88.31, 88.30, 76.61, 76.60, 65.0, 64.99, 25)] == \
        list("AABBCCDD")
    assert round_half_up(2.675) == 2.68  # float 2.675 is 2.67499…; decimal repr rounds half up
    with pytest.raises(ValueError):
        grade(24.99)


def test_krejcie_morgan_table():
    assert [krejcie_morgan(n) for n in (10, 100, 1_000, 10_000, 100_000)] == \
        [10, 80, 278, 370, 383]
    assert krejcie_morgan(0) == 0


@pytest.mark.parametrize(("answers", "message"), [
    (np.zeros((0, 9), int), "no respondents"),
    (np.full((2, 8), 3), "9 columns"),
    (np.array([[3, 3, 3, 3, 5, 3, 3, 3, 3]]), "respondent 1, U5: answer 5"),
])
def test_bad_answers_are_named(answers, message):
    with pytest.raises(InputError, match=message):
        compute_ikm(answers)


def write(tmp_path, text, name="survey.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_survey_file(tmp_path):
    header = "no;" + ";".join(f"U{k}" for k in range(1, 10))
    rows = [f"{i};" + ";".join(["3"] * 8 + ["4"]) for i in range(1, 4)]
    result = read_survey(write(tmp_path, "\n".join([header, *rows, ""])))
    assert result.respondents == 3
    assert result.elements["U9"] == 4.0
    assert result.ikm == round_half_up(25 * (27 * 3 + 3) / 27)


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"),
    ("U1,U2,U3\n1,2,3\n", "missing column"),
    ("U1,U2,U3,U4,U5,U6,U7,U8,U9\n", "no respondents"),
    ("U1,U2,U3,U4,U5,U6,U7,U8,U9\n3,3,3,3,3,3,3,3,3\n3,3,3,3,0,3,3,3,3\n",
     "line 3, column U5: '0'"),
    ("U1,U2,U3,U4,U5,U6,U7,U8,U9\n3,3,3,3,3,3,3,3\n", "line 2: 8 fields"),
    ("U1,U2,U3,U4,U5,U6,U7,U8,U9\n3,3,3,3,3,3,3,3,sangat baik\n", "column U9"),
])
def test_bad_survey_files(tmp_path, text, message):
    with pytest.raises(InputError, match=message):
        read_survey(write(tmp_path, text))


def test_cli_ikm_json_and_errors(tmp_path):
    header = ",".join(f"U{k}" for k in range(1, 10))
    good = write(tmp_path, header + "\n" + ",".join(["4"] * 9) + "\n" + ",".join(["3"] * 9))
    out = subprocess.run([sys.executable, "-m", "hrsim", "ikm", str(good), "--json"],
                         capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["ikm"] == 87.5 and data["grade"] == "B" and data["respondents"] == 2
    assert set(data["elements"]) == {f"U{k}" for k in range(1, 10)}

    bad = write(tmp_path, header + "\n" + ",".join(["3"] * 8 + ["7"]), "bad.csv")
    err = subprocess.run([sys.executable, "-m", "hrsim", "ikm", str(bad)],
                         capture_output=True, text=True)
    assert err.returncode == 2
    assert err.stderr.count("\n") == 1 and "line 2, column U9" in err.stderr
