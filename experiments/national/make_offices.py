"""Make offices.csv: a synthetic population of Indonesia's 7,277 kantor camat (residents, staff).

Sources [S], derived figures [D] and assumptions [A] (see README.md):

- 7,277 kecamatan [S: Kemendagri kode wilayah 2022]; 270.2 million people [S: BPS, Sensus
  Penduduk 2020], so 37,130 residents per kecamatan on average [D].
- Residents per kecamatan are lognormal with that mean and a log-scale spread of 0.9 [A]
  (median about 24,800), clipped to 1,000–600,000 [A].
- Staffing adequacy m is lognormal with median 1 and log-scale spread 0.3 [A]. Counter desks are
  round(m · (1 + residents / 50,000)) within 1–10 and back-office staff
  round(m · (3 + residents / 20,000)) within 1–40 [A]: at 100,000 residents and m = 1 this gives
  the Medan Area defaults (3 desks, 8 back-office staff).

Run ``python experiments/national/make_offices.py``: it rewrites offices.csv beside this file,
identically every time (fixed seed).
"""

from pathlib import Path

import numpy as np
import pandas as pd

OFFICES = 7_277
PEOPLE = 270_203_917
SPREAD = 0.9
STAFFING_SPREAD = 0.3
SEED = 7277


def offices(rng: np.random.Generator) -> pd.DataFrame:
    mean = PEOPLE / OFFICES
    median = mean / np.exp(SPREAD**2 / 2)  # the lognormal's mean is median · exp(σ²/2)
    residents = np.clip(rng.lognormal(np.log(median), SPREAD, OFFICES), 1_000, 600_000)
    staffing = rng.lognormal(0.0, STAFFING_SPREAD, OFFICES)
    return pd.DataFrame({
        "office": [f"K{i:04d}" for i in range(1, OFFICES + 1)],
        "residents": np.round(residents).astype(int),
        "desks": np.clip(np.round(staffing * (1 + residents / 50_000)), 1, 10).astype(int),
        "back_office": np.clip(np.round(staffing * (3 + residents / 20_000)), 1, 40).astype(int),
    })


if __name__ == "__main__":
    table = offices(np.random.default_rng(SEED))
    table.to_csv(Path(__file__).with_name("offices.csv"), index=False)
    print(table.describe().round(1).to_string())
