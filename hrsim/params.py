"""Model parameters: every default, its allowed range, its source and what it means.

One pydantic model holds every input of `HRModel`. Each field carries its range (checked on
construction), a one-line description and a source tag: ``[S]`` sourced, ``[D]`` derived from
sourced numbers, ``[A]`` an assumption to calibrate or sweep (see ``docs/ODD.md``). The ODD
parameter table is generated from this file (``hrsim params --markdown``) so the documentation
cannot drift.
"""

from __future__ import annotations

import math
import tomllib
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from hrsim.errors import InputError
from hrsim.validation import LocatedError, check_model, describe, dotted, suggest
from hrsim.world import services


def P(default: Any, lo: float | None, hi: float | None, doc: str, source: str, group: str,  # noqa: N802
      **options: Any) -> Any:
    """Declare a parameter with its range, meaning, source tag and group (`options`: `Field`'s)."""
    return Field(
        default,
        ge=lo,
        le=hi,
        description=doc,
        json_schema_extra={"source": source, "group": group},
        **options,
    )


TRAVEL_MIN = (0.0, 240.0)  # one-way travel to the office, minutes
PROMISED_DAYS = (1, 250)  # a service's promised completion time, working days


class Params(BaseModel):
    """All inputs of the kecamatan service model (defaults describe the Medan Area office)."""

    # strict: a true/false is never a number, nor a text a number (an integer is a real number)
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True, strict=True)

    # --- setting -------------------------------------------------------------------------------
    residents: int = P(100_000, 100, 3_000_000, "Residents of the kecamatan.",
                       "[S] Medan Area 97,254 (BPS 2013); rounded [A]", "setting")
    kelurahan: int = P(12, 1, 60, "Kelurahan (villages) in the kecamatan.",
                       "[S] Pemko Medan 2009", "setting")
    network_degree: int = P(8, 2, 40, "Mean number of social ties per resident.",
                            "[A] domain §6 (Watts–Strogatz degree 8)", "setting")
    network_rewire: float = P(0.1, 0.0, 1.0, "Share of ties rewired at random (small world).",
                              "[A] domain §6", "setting")
    network_cross_kelurahan: float = P(0.2, 0.0, 1.0,
                                       "Share of rewired ties that leave the kelurahan.",
                                       "[A]", "setting")

    travel_min_near: float = P(10.0, *TRAVEL_MIN,
                               "One-way travel to the office from the nearest kelurahan (minutes).",
                               "[A] Medan Area is compact (~5 km²); kelurahan ordered by distance",
                               "setting")
    travel_min_far: float = P(40.0, *TRAVEL_MIN,
                              "One-way travel to the office from the farthest kelurahan (minutes).",
                              "[A] spread linearly over the kelurahan in between", "setting")
    # not strict: a file's list becomes the tuple (its items stay strict numbers)
    kelurahan_travel_min: tuple[Annotated[float, Field(ge=TRAVEL_MIN[0], le=TRAVEL_MIN[1])],
                                ...] | None = P(
        None, None, None,
        "One-way travel to the office from each kelurahan, nearest first, one per kelurahan "
        "(minutes); unset: spread linearly from travel_min_near to travel_min_far.",
        "[S] the office's own (an office profile, hrsim office); unset by default", "setting",
        strict=False)
    burn_in_days: int = P(100, 0, 1000,
                          "Working days simulated before day 1 so that runs start in the steady "
                          "state (queues, backlog, staff well-being, expectations).",
                          "[D] MSER-5 on the baseline's daily IKM (Hoad et al. 2010); tests "
                          "check that no trend remains", "setting")

    # --- demand and counter --------------------------------------------------------------------
    service_need_rate: float = P(0.15, 0.0, 2.0,
                                 "Service requests per resident per year (each needs 2+ visits).",
                                 "[A] domain §2: 0.2–0.4 visits/resident/yr", "demand")
    morning_share: float = P(0.4, 0.0, 1.0,
                             "Share of arrivals in the morning (before 11:00 of an 8-hour day).",
                             "[A] domain §2", "counter")
    office_open_min: float = P(480.0, 60.0, 720.0, "Counter opening minutes per day (08:00–16:00).",
                               "[S] service standards (SK camat); domain §2", "counter")
    desks: int = P(3, 1, 20, "Front-desk counters, one staff member each.",
                   "[A] domain §2: 3–5 front-desk pelaksana", "staff")
    counter_service_mean_min: float = P(6.0, 0.5, 60.0, "Mean counter service time (minutes).",
                                        "[A] domain §2", "counter")
    counter_service_cv: float = P(0.6, 0.05, 3.0, "Coefficient of variation of counter service.",
                                  "[A] domain §2", "counter")
    service_time_dist: Literal["lognormal", "exponential"] = P(
        "lognormal", None, None, "Counter service-time distribution (exponential for validation).",
        "[A] domain §2–3", "counter")
    patience_mean_min: float = P(90.0, 1.0, 10_000.0,
                                 "Mean time a citizen waits in the queue before giving up.",
                                 "[A]", "counter")
    giving_up: bool = P(True, None, None, "Citizens may give up waiting (off for validation).",
                        "[A] domain §3 test rule", "counter")
    counter_closes: bool = P(True, None, None,
                             "Service must start before closing; the rest are sent home.",
                             "[A] domain §3 test rule", "counter")
    return_probability: float = P(0.85, 0.0, 1.0,
                                  "Chance a citizen sent away or giving up returns another day.",
                                  "[A]", "counter")
    revisit_delay_days: float = P(2.0, 1.0, 20.0,
                                  "Mean working days before a citizen comes back.",
                                  "[A]", "demand")
    services_not_offered: tuple[str, ...] = P(
        (), None, None,
        "Catalogue services the office does not offer: residents who need one go elsewhere "
        "(keys of the service catalogue).",
        "[S] the office's service standard (an office profile); by default all are offered",
        "demand", strict=False)
    promised_days: dict[str, Annotated[int, Field(ge=PROMISED_DAYS[0], le=PROMISED_DAYS[1])]] \
        | None = P(None, None, None,
                   "Completion time the office promises per service (working days), e.g. "
                   "{ktp = 3}; services left out (or unset) keep the catalogue's.",
                   "[S] the office's service standard (an office profile); unset: the "
                   "catalogue's", "counter")
    service_fees_rp: dict[str, Annotated[int, Field(ge=0)]] | None = P(
        None, None, None,
        "Official fee per service (Rp), e.g. {imb = 500000}; services left out (or unset) keep "
        "the catalogue's (adminduk documents and kecamatan letters are free by law).",
        "[S] the office's service standard (an office profile); unset: the catalogue's",
        "counter")
    max_failed_visits: int = P(4, 1, 20, "Failed visits after which a request is abandoned.",
                               "[A]", "counter")
    back_office_work_cv: float = P(0.53, 0.0, 3.0,
                                   "Coefficient of variation of back-office work per file "
                                   "(lognormal).", "[A] domain §2", "counter")
    rework_share: float = P(0.5, 0.0, 1.0,
                            "Share of a file's back-office work redone when it is found wrong.",
                            "[A]", "files")
    return_trust_slope: float = P(0.3, 0.0, 2.0,
                                  "Rise in the chance of coming back after a failed visit per "
                                  "unit of trust above the threshold (exit vs loyalty).",
                                  "[A] validity §3 (Hirschman: low trust → exit)", "counter")
    incomplete_documents: float = P(0.3, 0.0, 1.0,
                                    "Chance documents are incomplete when requirements are "
                                    "wholly unclear (scaled by 1 − clarity).",
                                    "[A] domain §8 (half of one-stop shops ask extra documents)",
                                    "counter")

    # --- staff: JD-R, burnout, coping (domain §7) ----------------------------------------------
    back_office_staff: int = P(8, 1, 60, "Back-office staff processing files.",
                               "[A] domain §2: 25–40 staff per kantor camat", "staff")
    staff_minutes_per_day: float = P(420.0, 60.0, 600.0,
                                     "Working minutes per staff member per day.", "[A]", "files")
    competence_mean: float = P(0.6, 0.0, 1.0, "Mean staff competence c.", "[A]", "staff")
    competence_sd: float = P(0.15, 0.0, 0.5, "Spread of staff competence.", "[A]", "staff")
    motivation_mean: float = P(0.55, 0.0, 1.0, "Mean initial staff motivation M.", "[A]", "staff")
    motivation_sd: float = P(0.1, 0.0, 0.5, "Spread of initial staff motivation.", "[A]",
                             "staff")
    hr_climate: float = P(0.4, 0.0, 1.0,
                          "Office HR climate H (recognition, participation, communication).",
                          "[A] domain §7", "staff")
    supervisor_support: float = P(0.5, 0.0, 1.0, "Supervisor support (a job resource).",
                                  "[A] domain §7", "staff")
    autonomy: float = P(0.4, 0.0, 1.0, "Training and autonomy (a job resource) before policies.",
                        "[A] domain §7", "staff")
    resource_weight_climate: float = P(0.4, 0.0, 1.0,
                                       "Weight of the HR climate H in job resources R.",
                                       "[A] domain §7 (JD-R, Demerouti et al. 2001)", "staff")
    resource_weight_support: float = P(0.3, 0.0, 1.0,
                                       "Weight of supervisor support in job resources R.",
                                       "[A] domain §7", "staff")
    resource_weight_autonomy: float = P(0.3, 0.0, 1.0,
                                        "Weight of training and autonomy in job resources R.",
                                        "[A] domain §7", "staff")
    speed_competence: float = P(0.4, 0.0, 1.0,
                                "Service-time cut per unit of competence above 0.5: "
                                "time × (1 + k·(0.5 − c)).", "[A] domain §7", "staff")
    speed_exhaustion: float = P(0.3, 0.0, 2.0,
                                "Service-time rise per unit of exhaustion: time × (1 + k·X).",
                                "[A] domain §7", "staff")
    courtesy_motivation: float = P(0.4, 0.0, 1.0,
                                   "Courtesy gained per unit of motivation (with recognition).",
                                   "[A] domain §7; the HR climate acts only through motivation",
                                   "staff")
    courtesy_depersonalization: float = P(0.4, 0.0, 1.0,
                                          "Courtesy lost per unit of depersonalization.",
                                          "[A] domain §7 (Maslach et al. 2001)", "staff")
    recognition_half_life_days: float = P(20.0, 1.0, 250.0,
                                          "Half-life of a recognition event's motivation boost "
                                          "(working days).",
                                          "[A] Hawthorne-type boosts fade (Levitt & List 2011)",
                                          "staff")
    load_threshold: float = P(0.7, 0.0, 1.5, "Load above which demands exhaust staff.",
                              "[A] domain §7", "staff")
    exhaustion_gain: float = P(0.05, 0.0, 1.0, "a_d: exhaustion gained per unit excess load.",
                               "[A] domain §7", "staff")
    exhaustion_recovery: float = P(0.03, 0.0, 1.0, "a_r: recovery per unit of resources.",
                                   "[A] domain §7", "staff")
    exhaustion_decay: float = P(0.005, 0.0, 0.1, "r0: daily recovery regardless of resources.",
                                "[A] domain §7", "staff")
    depersonalization_rate: float = P(0.015, 0.0, 0.5,
                                      "Rate at which depersonalization follows exhaustion.",
                                      "[A] domain §7", "staff")
    motivation_rate: float = P(0.05, 0.0, 1.0, "Rate at which motivation follows resources.",
                               "[A] domain §7", "staff")
    motivation_exhaustion_loss: float = P(0.03, 0.0, 1.0,
                                          "Motivation lost per day per unit exhaustion.",
                                          "[A] domain §7", "staff")
    courtesy_base: float = P(0.6, 0.0, 1.0, "Courtesy of a demotivated, rested clerk (U7).",
                             "[A] domain §7 gives 0.3; calibrated so that U7 is the strongest "
                             "element, as in Medan's surveys", "staff")
    error_base: float = P(0.08, 0.0, 1.0, "e0: error rate of an incompetent, rested clerk.",
                          "[A] domain §7", "staff")
    staff_effects: bool = P(True, None, None,
                            "Staff state changes service speed (off for validation).",
                            "[A] domain §3 test rule", "staff")
    coping_load: float = P(0.85, 0.0, 2.0, "Load above which staff start coping.",
                           "[A] domain §7 (Lipsky 1980)", "staff")
    coping_towards: float = P(0.45, 0.0, 1.0, "Relative chance of coping towards clients.",
                              "[A] domain §7 (Tummers et al. 2015)", "staff")
    coping_away: float = P(0.35, 0.0, 1.0, "Relative chance of coping away (rationing).",
                           "[A] domain §7", "staff")
    coping_against: float = P(0.20, 0.0, 1.0, "Relative chance of coping against (rigidity).",
                              "[A] domain §7", "staff")
    coping_courtesy: float = P(0.1, 0.0, 1.0,
                               "Courtesy gained coping towards clients, lost coping against.",
                               "[A] domain §7", "staff")
    coping_strain: float = P(0.01, 0.0, 0.2, "Extra daily exhaustion when coping towards clients.",
                             "[A] domain §7", "staff")
    coping_speedup: float = P(0.2, 0.0, 0.9, "Service time cut when rationing (coping away).",
                              "[A] domain §7", "staff")
    coping_error_factor: float = P(1.5, 1.0, 5.0, "Error multiplier when rushing (coping away).",
                                   "[A] domain §7", "staff")
    coping_rigidity: float = P(1.5, 1.0, 5.0,
                               "Missing-document multiplier of rigid clerks (coping against).",
                               "[A] domain §7", "counter")
    rationing_load: float = P(0.9, 0.0, 2.0,
                              "Counter load at which half the visitors met by a rationing clerk "
                              "are turned away once the queue is long.", "[A] domain §7", "counter")
    rationing_steepness: float = P(10.0, 0.1, 100.0,
                                   "Steepness of that logistic in the load.", "[A]", "counter")
    queue_threshold: int = P(15, 1, 500, "Queue length Q* at which rationing staff turn people "
                                        "away.", "[A] domain §7", "counter")
    leave_exhaustion: float = P(0.6, 0.0, 1.0, "Exhaustion above which staff may resign.",
                                "[A]", "staff")
    leave_probability: float = P(0.01, 0.0, 1.0,
                                 "Daily chance that an exhausted staff member leaves.",
                                 "[A]", "staff")
    vacancy_days: int = P(20, 0, 250, "Working days before a leaver is replaced.", "[A]", "staff")
    newcomer_competence: float = P(0.35, 0.0, 1.0, "Competence of a replacement.", "[A]", "staff")
    learning_rate: float = P(0.0005, 0.0, 0.1,
                             "Daily on-the-job gain towards one's own ability (a newcomer's "
                             "ability is drawn as competence is; staff in post are at theirs, so "
                             "an unchanged office does not drift: patterns P7).", "[A]", "staff")

    # --- agencies and coordination (domain §8) -------------------------------------------------
    coordination_kelurahan: float = P(0.6, 0.0, 1.0,
                                      "Coordination quality q with the kelurahan offices.",
                                      "[A] domain §8", "agencies")
    coordination_disdukcapil: float = P(0.5, 0.0, 1.0,
                                        "Coordination quality q with the civil registry.",
                                        "[A] domain §8", "agencies")
    coordination_dpmptsp: float = P(0.4, 0.0, 1.0,
                                    "Coordination quality q with the one-stop permit office.",
                                    "[A] domain §8", "agencies")
    bounce_max: float = P(0.25, 0.0, 1.0, "Bounce-back probability at q = 0: 0.25·(1 − q).",
                          "[A] domain §8", "agencies")
    delay_kelurahan_days: float = P(1.0, 0.0, 30.0, "Kelurahan verification delay (days).",
                                    "[A]", "agencies")
    delay_disdukcapil_days: float = P(2.0, 0.0, 30.0, "Civil registry processing delay (days).",
                                      "[S] Disdukcapil ≤3 days; domain §2: 1–3 days",
                                      "agencies")
    delay_dpmptsp_days: float = P(3.0, 0.0, 60.0, "Permit office processing delay (days).",
                                  "[S] Pemalang IMB flow ≤5 days; domain §2", "agencies")
    capacity_kelurahan: int = P(10, 1, 1000, "Files a kelurahan office handles per day.",
                                "[A]", "agencies")
    capacity_disdukcapil: int = P(40, 1, 5000,
                                  "Files from this kecamatan the civil registry takes per day.",
                                  "[A]", "agencies")
    capacity_dpmptsp: int = P(10, 1, 5000,
                              "Files from this kecamatan the permit office takes per day.",
                              "[A]", "agencies")
    signature_capacity: int = P(100, 1, 5000, "Files the camat can sign per day.",
                                "[A] domain §2 (signature bottleneck)", "agencies")
    camat_availability: float = P(0.8, 0.0, 1.0, "Chance the camat is in to sign on a day.",
                                  "[A]", "agencies")

    # --- satisfaction (domain §4, §1) ----------------------------------------------------------
    rating_performance: float = P(6.0, 0.0, 30.0,
                                  "β_P: latent satisfaction (logits) per unit of performance P "
                                  "(the direct performance path).",
                                  "[A] validity §1: direct P effect (Van Ryzin 2004; "
                                  "Grimmelikhuijsen & Porumbescu 2017)", "satisfaction")
    rating_disconfirmation: float = P(2.5, 0.0, 30.0,
                                      "β_D: latent satisfaction per unit of disconfirmation P − E.",
                                      "[A] validity §1: smaller than β_P (0.1–0.4 vs 0.4–0.7)",
                                      "satisfaction")
    shortfall_weight: float = P(1.5, 1.0, 4.0,
                                "Weight of a shortfall (P < E) relative to a surplus in the "
                                "disconfirmation.", "[A] validity §1 (James 2009 asymmetry)",
                                "satisfaction")
    performance_neutral: float = P(0.3, 0.0, 1.0,
                                   "Performance at which the latent satisfaction is zero.",
                                   "[A] scale origin of the ordered-logit thresholds",
                                   "satisfaction")
    rating_cut_1: float = P(-5.0, -20.0, 0.0,
                            "τ₁: latent threshold between answers 1 and 2 (ordered logit).",
                            "[A] no Marelan respondent answered 1 (USU 2016b)", "satisfaction")
    rating_cut_2: float = P(-1.56, -20.0, 20.0,
                            "τ₂: latent threshold between answers 2 and 3.",
                            "[D] fitted with τ₃ and the response style to real respondents "
                            "(SKM Kab. Sekadau 2019: α 0.74, SD of respondents' means 0.34, "
                            "28.6% of answers 4; experiments/respondents/fit.py, run on the "
                            "model before its trust and fee were set: rerun on today's it "
                            "gives τ₂ −1.96, τ₃ 3.78, σ 1.81, not yet adopted)",
                            "satisfaction")
    rating_cut_3: float = P(3.82, 0.0, 20.0, "τ₃: latent threshold between answers 3 and 4.",
                            "[D] as τ₂", "satisfaction")
    response_style_sd: float = P(1.75, 0.0, 5.0,
                                 "SD of a respondent's response style (logits): a lenient or "
                                 "strict respondent answers all nine elements higher or lower.",
                                 "[D] as τ₂ (real respondents share a common factor: patterns "
                                 "P1)", "satisfaction")
    expectation_mean: float = P(0.6, 0.0, 1.0,
                                "Residents' expectation of an element before they know the "
                                "office (elements most visitors meet are then centred on its "
                                "steady-state performance, §5).", "[A]", "expectations")
    expectation_sd: float = P(0.1, 0.0, 0.5,
                              "Spread of residents' expectations around the office's "
                              "steady-state performance.", "[A]", "expectations")
    expectation_learning: float = P(0.3, 0.0, 1.0, "α_E: expectation update from own experience.",
                                    "[A] validity §1: 0.2–0.4 (James 2011)", "expectations")
    expectation_hearsay: float = P(0.1, 0.0, 1.0, "α_WOM: expectation update from what is heard.",
                                   "[A] domain §4", "expectations")
    standard_information: float = P(0.4, 0.0, 1.0,
                                    "Weight a visitor who reads a published standard gives it "
                                    "in the expected completion time (U3).",
                                    "[A] validity §1: information moves predictive expectations "
                                    "(Favero & Kim 2021)", "expectations")
    requirement_clarity: float = P(0.68, 0.0, 1.0,
                                   "Clarity of published requirements (drives U1, documents).",
                                   "[A]", "standards")
    facilities: float = P(0.65, 0.0, 1.0, "Facilities index: waiting room, queue system (U8).",
                          "[A] domain §1 (comfort scored high in Medan 2016)", "counter")
    crowding_per_person: float = P(0.01, 0.0, 0.1,
                                   "Facilities score lost per person waiting on arrival.",
                                   "[A]", "perception")
    unofficial_fee: float = P(0.12, 0.0, 1.0, "Chance a visitor is asked for an unofficial fee.",
                              "[D] with the calo, about 17% of visits pay above the tariff "
                              "(BPS 2024: 17.17% of users; patterns P6b)", "standards")
    requirement_clarity_max: float = P(0.95, 0.0, 1.0,
                                       "Clearest the requirements can become (published "
                                       "standards and forums move clarity towards it, never "
                                       "past it).",
                                       "[A] no office's requirements are clear to everyone",
                                       "standards")
    acceptable_wait_min: float = P(45.0, 1.0, 480.0,
                                   "Time for a visit citizens find acceptable: travel both ways "
                                   "and waiting (minutes).", "[A]", "satisfaction")
    acceptable_days: float = P(2.0, 0.5, 60.0,
                               "Completion time (working days) citizens find acceptable.",
                               "[A]", "satisfaction")
    wait_weight: float = P(0.4, 0.0, 1.0,
                           "Weight of counter wait (vs. completion days) in perceived time U3.",
                           "[A]", "satisfaction")
    time_half_ratio: float = P(1.5, 0.1, 10.0,
                               "Ratio of time taken to time acceptable at which perceived speed "
                               "falls to one half.", "[A]", "satisfaction")
    survey_period_days: int = P(60, 5, 250, "Working days per IKM survey period.",
                                "[S] Permen PANRB 14/2017: at least yearly; quarterly [A]",
                                "survey")
    ikm_window_days: int = P(20, 1, 250, "Window of the daily running IKM (all visitors).",
                             "[A]", "survey")

    # --- perception: performance P_k of a visit (domain §1 drivers) ---------------------------
    perf_good: float = P(0.85, 0.0, 1.0, "Performance of a clearly good outcome (complaint "
                                         "resolved in time).", "[A]", "perception")
    perf_bad: float = P(0.15, 0.0, 1.0, "Performance of a clearly bad outcome (unofficial fee, "
                                        "wrong document, complaint ignored).", "[A]", "perception")
    perf_as_specified: float = P(0.65, 0.0, 1.0,
                                 "Performance of a fee as published or a document as specified.",
                                 "[A] calibrated (U5 below U7)", "perception")
    perf_free: float = P(1.0, 0.0, 1.0,
                         "Performance of the cost of a free service for which the visitor paid "
                         "nothing (the questionnaire's answer 4 for U4 is 'Gratis').",
                         "[S] Permen PANRB 14/2017 annex: U4 answers Sangat mahal … Gratis",
                         "perception")
    perf_wasted_trip: float = P(0.2, 0.0, 1.0, "Procedure score of a visit that achieved nothing.",
                                "[A]", "perception")
    procedure_base: float = P(0.8, 0.0, 1.0, "Procedure score (U2) of a visit that went to plan.",
                              "[A] calibrated", "perception")
    procedure_per_stage: float = P(0.05, 0.0, 0.5, "U2 lost per stage on the file's route.",
                                   "[A] domain §1", "perception")
    procedure_per_return: float = P(0.1, 0.0, 1.0,
                                    "U2 lost per pickup in vain (not ready, wrong document).",
                                    "[A]", "perception")
    rejection_penalty: float = P(0.3, 0.0, 1.0,
                                 "U1 lost when documents are rejected as incomplete.",
                                 "[A] domain §8 (mismatch lowers U1/U2)", "perception")
    calo_base: float = P(0.079, 0.0, 1.0,
                         "Chance a visitor at the trust threshold uses an intermediary (calo) "
                         "and pays above the tariff (U4).", "[S] BPS 2020: 7.9% used mediators",
                         "counter")
    calo_trust_slope: float = P(0.2, 0.0, 1.0,
                                "Rise in that chance per unit of trust below the threshold.",
                                "[A] validity §3 (falls with trust)", "counter")

    # --- trust (validity §2) ------------------------------------------------------------------
    negativity_bias: float = P(2.5, 1.0, 14.0, "λ: weight of bad vs good experiences.",
                               "[A] validity §2: 2–4 (Skogan 2006: bad 4–14× good; Kampen "
                               "et al. 2006)", "trust")
    trust_learning_office: float = P(0.12, 0.0, 1.0,
                                     "η: share of the distance to 1 (good) or 0 (bad) that trust "
                                     "moves per unit of an experience's valence.",
                                     "[A] set with trust_prior_mean so that a bad visit costs "
                                     "0.03–0.10 and +1 SD of satisfaction ≈ +6 points trusting "
                                     "(patterns P5a, P5b)", "trust")
    trust_process_weight: float = P(2.0, 1.0, 5.0,
                                    "Weight of procedure, competence and courtesy (U2, U6, U7) "
                                    "against the other elements in a visit's valence.",
                                    "[A] validity §2: process effects up to several times "
                                    "outcome effects (Van Ryzin 2011)", "trust")
    trust_learning_government: float = P(0.15, 0.0, 1.0,
                                         "Share of each change of trust in the office passed on "
                                         "to trust in government.",
                                         "[A] validity §2: ≤ 0.2 (Christensen & Lægreid 2005)",
                                         "trust")
    trust_half_life_days: float = P(125.0, 10.0, 1000.0,
                                    "Half-life of an experience's effect on state trust "
                                    "(working days; trust returns to the predisposition).",
                                    "[A] validity §2: 3–12 months", "trust")
    predisposition_learning: float = P(0.2, 0.0, 1.0,
                                       "Share of each change of state trust that also moves the "
                                       "slow predisposition.", "[A] validity §2 (two timescales)",
                                       "trust")
    predisposition_half_life_days: float = P(750.0, 50.0, 5000.0,
                                             "Half-life of the predisposition's return to the "
                                             "resident's political-cultural trust (working days).",
                                             "[A] validity §2: shocks revert in a few years "
                                             "(Devine & Valgarðsson)", "trust")
    trust_prior_mean: float = P(0.66, 0.0, 1.0,
                                "Mean political-cultural trust (Beta distributed).",
                                "[A] domain §5 (0.6–0.8); with the concentration, about 80% "
                                "trust the office (LSI 2021, 2023: 75–90%, patterns P6a)",
                                "trust")
    trust_prior_concentration: float = P(6.0, 1.0, 1000.0,
                                         "Concentration a + b of that Beta.", "[A]", "trust")
    trust_threshold: float = P(0.5, 0.0, 1.0, "Trust above which a resident counts as trusting.",
                               "[A]", "trust")

    # --- word of mouth (validity §2, domain §6) -----------------------------------------------
    talk_base: float = P(0.3, 0.0, 1.0, "p0: chance of telling others after a neutral visit.",
                         "[A] domain §6 (Anderson 1998); with contacts_mean, set so that "
                         "non-visitors' trust moves 10–30% as much as visitors' (validity §2)",
                         "word_of_mouth")
    talk_satisfied: float = P(0.5, 0.0, 2.0, "a+: extra talk per unit of positive valence.",
                              "[A] domain §6", "word_of_mouth")
    talk_dissatisfied: float = P(0.8, 0.0, 2.0, "a−: extra talk per unit of negative valence.",
                                 "[A] validity §2: the dissatisfied talk 1.2–2× more "
                                 "(Anderson 1998)", "word_of_mouth")
    contacts_mean: float = P(6.0, 0.0, 20.0, "Mean neighbours told (Poisson).",
                             "[A] domain §6; see talk_base", "word_of_mouth")
    hearsay_weight: float = P(0.4, 0.0, 1.0,
                              "Weight of an experience heard from a neighbour relative to one's "
                              "own.", "[A] validity §2: 0.3–0.5 (Rosenbaum et al. 2005)",
                              "word_of_mouth")

    # --- complaints (domain §9) ----------------------------------------------------------------
    complaint_valence: float = P(-0.3, -1.0, 1.0,
                                 "Valence of a visit below which the visitor may complain.",
                                 "[A] domain §9", "complaints")
    complaint_propensity: float = P(0.05, 0.0, 1.0,
                                    "Chance of complaining without an easy channel (at the "
                                    "trust threshold).", "[A] validity §3: 1–5%", "complaints")
    complaint_trust_slope: float = P(1.0, 0.0, 5.0,
                                     "Relative rise in that chance per unit of trust above the "
                                     "threshold (voice needs trust).",
                                     "[A] validity §3 (low trust → silence; Dowding & John 2012)",
                                     "complaints")
    complaint_standard_days: int = P(5, 1, 60, "Response standard for complaints (days).",
                                     "[S] SP4N-LAPOR! follow-up ≤5 working days", "complaints")
    complaint_capacity: float = P(0.5, 0.0, 100.0,
                                  "Complaints the office resolves per working day (no channel, "
                                  "no complaint officer).", "[A]", "complaints")
    recovery_valence: float = P(0.5, 0.0, 1.0,
                                "Valence of a complaint resolved within its standard (trust "
                                "recovers at most to its level before the failure).",
                                "[S/A] domain §9 (de Matos et al. 2007)", "complaints")
    double_deviation: float = P(0.8, 0.0, 1.0,
                                "Negative valence of a complaint left unanswered past its "
                                "standard (double deviation).", "[A] domain §9", "complaints")

    # --- participation (domain §10) ------------------------------------------------------------
    acted_on_share: float = P(0.4, 0.0, 1.0,
                              "r: share of citizens' input visibly acted on (accountability).",
                              "[A] domain §10", "participation")
    forum_size: int = P(60, 1, 5000, "Residents invited to each participation forum.", "[A]",
                        "participation")
    forum_valence: float = P(0.5, 0.0, 1.0,
                             "Valence of a forum for attendees at r = 1 (−this at r = 0): "
                             "valence·(2r − 1).", "[A] domain §10 (Fledderus 2015)",
                             "participation")
    forum_attend_base: float = P(0.1, 0.0, 1.0, "Chance an invited resident attends, at zero "
                                 "self-efficacy, trust at the threshold and no consultation.",
                                 "[A] domain §10", "participation")
    forum_attend_efficacy: float = P(0.3, 0.0, 1.0, "Attendance gained per unit self-efficacy.",
                                     "[A] domain §10", "participation")
    forum_attend_consulted: float = P(0.2, 0.0, 1.0,
                                      "Attendance gained at full consultation intensity.",
                                      "[A] domain §10", "participation")
    forum_attend_trust: float = P(0.4, 0.0, 2.0,
                                  "Attendance gained per unit of trust above the threshold.",
                                  "[A] validity §3 (World Bank 2018: 0.3–0.5 attend)",
                                  "participation")
    forum_efficacy_effect: float = P(0.1, 0.0, 1.0,
                                     "Self-efficacy change of attendees: effect·(r − 0.5).",
                                     "[A] domain §10 (Fledderus 2015)", "participation")
    forum_clarity_gain: float = P(0.01, 0.0, 0.2,
                                  "Requirement clarity gained per full forum (input heard).",
                                  "[A] domain §10", "participation")

    # --- disruptions ---------------------------------------------------------------------------
    outage_day: int = P(0, 0, 10_000, "First day of a counter outage (0 = none).", "[A]",
                        "counter")
    outage_days: int = P(0, 0, 250, "Length of the outage in working days.", "[A]",
                         "counter")

    @field_validator("kelurahan_travel_min")
    @classmethod
    def _one_per_kelurahan(cls, value: tuple[float, ...] | None,
                           info: ValidationInfo) -> tuple[float, ...] | None:
        count = info.data.get("kelurahan")
        if value is not None and count is not None and len(value) != count:
            raise ValueError(f"{len(value)} travel times for {count} kelurahan; give one per "
                             "kelurahan")
        if value is not None and list(value) != sorted(value):
            raise ValueError("give the travel times nearest first (the model orders kelurahan "
                             f"by distance; got {list(value)})")
        return value

    @field_validator("services_not_offered", "promised_days", "service_fees_rp")
    @classmethod
    def _known_services(cls, value: Any, info: ValidationInfo) -> Any:
        for key in value or ():
            if key not in services.KEYS:
                raise ValueError(f"unknown service '{key}'{suggest(key, services.KEYS)}; "
                                 f"allowed: {', '.join(services.KEYS)}")
        if info.field_name == "services_not_offered" and set(value) >= set(services.KEYS):
            raise ValueError("the office must offer at least one service")
        return value

    def travel_times(self) -> tuple[float, ...]:
        """One-way travel to the office from each kelurahan, nearest first (minutes)."""
        if self.kelurahan_travel_min is not None:
            return self.kelurahan_travel_min
        return tuple(np.linspace(self.travel_min_near, self.travel_min_far,
                                 self.kelurahan).tolist())

    @classmethod
    def bounds(cls, name: str) -> tuple[float, float]:
        """The documented range of parameter `name` (±inf where it is open)."""
        info = cls.model_fields[name]
        lo = next((m.ge for m in info.metadata if getattr(m, "ge", None) is not None), -math.inf)
        hi = next((m.le for m in info.metadata if getattr(m, "le", None) is not None), math.inf)
        return float(lo), float(hi)

    @classmethod
    def groups(cls) -> dict[str, list[str]]:
        """Parameter names by group, in declaration order."""
        out: dict[str, list[str]] = {}
        for name, info in cls.model_fields.items():
            out.setdefault(info.json_schema_extra["group"], []).append(name)
        return out


def unknown_parameter(key: str, where: tuple[Any, ...] = ()) -> str:
    """The message for a parameter `key` that does not exist, given at `where` (e.g. ``params``)."""
    head = f"{dotted(where)}: " if where else ""
    return (f"{head}unknown parameter '{key}'{suggest(key, list(Params.model_fields))}; "
            "'hrsim params' lists them all")


def check_params(values: dict[str, Any], where: tuple[Any, ...] = ()) -> dict[str, Any]:
    """Validate parameter overrides found at `where` in an input (e.g. ``("params",)``).

    Every input's parameters are checked here, so a bad one reads the same in scenario files,
    experiment files, ``--set`` and Python.

    Returns:
        The overrides, converted to their declared types (an integer given for a real number
        becomes one).

    Raises:
        LocatedError: At ``(*where, key)`` of the first bad key: unknown, of the wrong type or out
            of range; the message says what is allowed.
    """
    for key in values:
        if key not in Params.model_fields:
            raise LocatedError((*where, key), unknown_parameter(key, where))
    checked = check_model(Params, values, where)
    return {k: getattr(checked, k) for k in values}


def parse_assignments(pairs: list[str]) -> dict[str, Any]:
    """Parse ``key=value`` strings and validate them as parameters.

    A value is read in TOML syntax (``4``, ``0.5``, ``true``); a bare word is text. The types are
    then as strict as in a file: ``desks=true`` and ``desks=4.5`` are refused, ``desks=4`` is not.

    Raises:
        InputError: One line: ``--set: `` and what is wrong and allowed.
    """
    values: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--set {pair}: expected key=value, e.g. --set desks=4")
        try:
            value = tomllib.loads(f"v = {raw.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            value = raw.strip()
        values[key.strip()] = value
    try:
        return check_params(values)
    except LocatedError as problem:
        raise InputError(f"--set: {problem}") from None


def parameter_table(markdown: bool = False) -> str:
    """Every parameter with its default, range, meaning and source, grouped by mechanism."""
    lines = []
    for group, names in Params.groups().items():
        if markdown:
            lines += [f"**{group.replace('_', ' ').capitalize()}**", "",
                      "| Parameter | Default | Range | Meaning | Source |",
                      "|---|---|---|---|---|"]
        else:
            lines += [f"[{group}]"]
        for name in names:
            info = Params.model_fields[name]
            default = info.default
            rng = describe(info).removeprefix("an integer ").removeprefix("a number ")
            meta = info.json_schema_extra
            if markdown:
                lines.append(f"| `{name}` | {default!r} | {rng} | {info.description} | "
                             f"{meta['source']} |")
            else:
                lines.append(f"  {name:<28} {default!r:<12} {rng:<24} {info.description} "
                             f"{meta['source']}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
