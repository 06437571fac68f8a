"""Experience: what each visit was like, how the visitor rates it, and what they learn from it.

Performance P_k of a visit on each IKM element comes from the facts of the visit (domain §1). Each
element's latent satisfaction follows the expectancy–disconfirmation model with a direct
performance path (Oliver 1980; Van Ryzin 2004, 2006; validity §1):

    μ_k = β_P·(P_k − P₀) + β_D·D_k,   D_k = P_k − E_k, a shortfall weighted by `shortfall_weight`

and the SKM answer is 1–4 through ordered-logit thresholds τ₁ < τ₂ < τ₃ with a logistic error per
visit and element. The visit's valence — the chance of delight (answer 4) minus the chance of
disappointment (answer 1 or 2), averaged over the elements experienced in this visit (U9 excluded),
with procedure, competence and courtesy weighted more (Van Ryzin 2011) — is what trust learns from
and what visitors tell.
Expectations move towards what was met. Elements a visitor did not experience are answered at
their expectation.

Each fact enters one element: documents rejected as incomplete → U1; the procedure's stages,
pickups in vain and a wasted trip → U2; bounce-backs → U2 as well, through the visit they cost
(a bounced file brings the citizen back to submit again: the citizen meets the bounce as one more
round of the procedure); time (travel, waiting, days since the need arose) → U3 — the days a
bounce added are part of that time, not a separate penalty; an unofficial fee or a calo → U4; a
wrong document → U5; the clerk → U6 and U7; the waiting room and crowding → U8; what the visitor
knows of complaint handling (their own, a neighbour's, or answers posted at the office) → U9.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from scipy.special import ndtri

from hrsim.day.component import Component
from hrsim.elements import N_ELEMENTS, Element
from hrsim.records import Encounters, Story, Visit, concat
from hrsim.streams import Stream, Streams

PROCESS = (Element.PROCEDURE, Element.COMPETENCE, Element.COURTESY)
VISIT_STORY = 0  # `Story.kind` of a visit


def time_performance(ratio: np.ndarray, half_ratio: float) -> np.ndarray:
    """Perceived speed in [0, 1] for time taken / time acceptable (1 at no delay, ½ at `half`)."""
    return np.exp(-np.log(2) * (np.asarray(ratio) / half_ratio) ** 2)


def time_score(visit_min: np.ndarray, days: np.ndarray, p: SimpleNamespace) -> np.ndarray:
    """Perceived speed (U3): the visit's time and the completion time against what is acceptable.

    `visit_min` is travel both ways plus waiting; `days` the time promised at submission, or the
    time taken at pickup.
    """
    h = p.time_half_ratio
    return (p.wait_weight * time_performance(visit_min / p.acceptable_wait_min, h)
            + (1 - p.wait_weight) * time_performance(days / p.acceptable_days, h))


def performance(v: Visit, p: SimpleNamespace, clarity: float, news: np.ndarray,
                board: float | None) -> tuple[np.ndarray, np.ndarray]:
    """Performance per element and the mask of elements experienced, shape (visits, 9).

    Args:
        v: The visits.
        p: The parameters of `Experience`.
        clarity: How clear the published requirements are.
        news: Each visitor's latest own or heard news of complaint handling (+1 answered in
            time, −1 ignored, 0 none).
        board: The share answered in time that the office's posted answers show (None: no
            board): between `perf_bad` and `perf_good` by that share.
    """
    n = len(v.served)
    perf = np.zeros((n, N_ELEMENTS))
    seen = np.zeros((n, N_ELEMENTS), bool)
    served, pickup = v.served, v.pickup & v.served
    E = Element  # noqa: N806 - the elements' enum, short for the table below

    perf[:, E.REQUIREMENTS] = clarity - p.rejection_penalty \
        * v.rejected_documents
    perf[:, E.PROCEDURE] = np.where(
        v.achieved, p.procedure_base - p.procedure_per_stage * v.route_stages
        - p.procedure_per_return * v.returns, p.perf_wasted_trip)
    perf[:, E.TIME] = time_score(2 * v.travel + v.wait,
                                 np.where(pickup, v.elapsed_days, v.promised_days), p)
    perf[:, E.COST] = np.where(v.above_tariff, p.perf_bad,
                               np.where(v.free, p.perf_free, p.perf_as_specified))
    perf[:, E.PRODUCT] = np.where(v.product_error, p.perf_bad, p.perf_as_specified)
    perf[:, E.COMPETENCE] = v.competence
    perf[:, E.COURTESY] = v.courtesy
    perf[:, E.FACILITIES] = v.facilities - p.crowding_per_person * v.queue_on_arrival
    posted = np.full(n, np.nan if board is None else p.perf_bad + (p.perf_good - p.perf_bad)
                     * board)
    perf[:, E.COMPLAINTS] = np.where(news != 0, np.where(news > 0, p.perf_good, p.perf_bad),
                                     posted)

    seen[:, [E.PROCEDURE, E.TIME, E.FACILITIES]] = True
    seen[served, E.REQUIREMENTS] = True
    seen[served, E.COST] = True
    seen[:, E.PRODUCT] = v.completed_ok | v.product_error
    seen[served, E.COMPETENCE] = True
    seen[served | v.turned_away_by_staff, E.COURTESY] = True
    seen[:, E.COMPLAINTS] = (news != 0) | ~np.isnan(posted)
    return np.clip(np.nan_to_num(perf), 0.0, 1.0), seen


def latent(perf: np.ndarray, expect: np.ndarray, p: SimpleNamespace) -> np.ndarray:
    """Latent satisfaction μ per element: direct performance plus (asymmetric) disconfirmation."""
    d = perf - expect
    d = np.where(d < 0, p.shortfall_weight * d, d)
    return p.rating_performance * (perf - p.performance_neutral) + p.rating_disconfirmation * d


def felt(mu: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Satisfaction as the visitor felt it per element.

    μ plus their own perception of this visit: a standard logistic error, by inverse CDF from
    uniforms.
    """
    return mu + np.log(u) - np.log1p(-u)


def answers(satisfaction: np.ndarray, style: np.ndarray, gratis: np.ndarray,
            p: SimpleNamespace) -> np.ndarray:
    """SKM answers 1–4 from felt satisfaction (ordered logit).

    Each respondent's response style (a lenient or strict answerer, in logits) shifts all their
    nine answers alike: real respondents share such a common factor (patterns P1). Where
    `gratis` (a free service for which nothing was paid) U4 is "Gratis", its top answer.
    """
    s = satisfaction + style[:, None]
    rated = (1 + (s > p.rating_cut_1) + (s > p.rating_cut_2) + (s > p.rating_cut_3)).astype(
        np.int8)
    rated[gratis, Element.COST] = 4
    return rated


def response_style(citizen: np.ndarray, streams: Streams, sd: float) -> np.ndarray:
    """Each resident's response style: Normal(0, `sd`).

    Fixed by the resident: the same in every visit and every scenario.
    """
    if sd == 0:
        return np.zeros(len(citizen))
    return sd * ndtri(streams.uniform(Stream.RESPONSE_STYLE, citizen))


def valence(satisfaction: np.ndarray, seen: np.ndarray, p: SimpleNamespace) -> np.ndarray:
    """A visit's valence in [−1, 1]: delight minus disappointment, weighted over elements seen.

    An element delights when the visitor's felt satisfaction is above τ₃ (where they would
    answer 4) and disappoints when it is at or below τ₂ (an answer of 1 or 2) — as they felt it,
    before any response style colours their answers. U9 does not count: what a visitor knows of
    complaint handling is not this visit's experience, and a complaint's answer already moved
    trust when it came (`Complaints`).
    """
    per_element = (satisfaction > p.rating_cut_3).astype(float) - (
        satisfaction <= p.rating_cut_2)
    weight = np.where(seen, 1.0, 0.0)
    weight[:, Element.COMPLAINTS] = 0.0
    weight[:, PROCESS] *= p.trust_process_weight
    total = weight.sum(-1)
    return np.where(total > 0, (weight * per_element).sum(-1) / np.maximum(total, 1e-12), 0.0)


class Experience(Component):
    """Today's visitors rate their visit, learn from it and may tell others."""

    name = "experience"
    params = ("satisfaction", "perception", "trust", "expectations")
    states = ("encounters",)
    results = ("encounters",)
    streams = (Stream.RATING, Stream.RESPONSE_STYLE)

    def step(self) -> None:
        """Perception, answers, valence; trust and expectations learn; stories to tell."""
        world = self.world
        if not world.today.visits:
            return
        p, pop, today = self.p, world.citizens, world.today
        standards = world.component("standards")
        expectations = world.component("expectations")
        v = concat(Visit, today.visits)
        who = v.citizen
        perf, seen = performance(v, p, standards.requirement_clarity,
                                 pop.complaint_news[who], world.component("complaints").board())
        expect = expectations.of(who)
        if standards.published:  # the posted Maklumat informs expected speed
            promised = time_score(2 * v.travel, v.promised_days, p)
            expect[:, Element.TIME] += p.standard_information * (promised
                                                                 - expect[:, Element.TIME])
        perf = np.where(seen, perf, expect)
        mu = latent(perf, expect, p)
        u = world.streams.uniform(Stream.RATING, v.ids[:, None],
                                  world.requests.visits[v.ids][:, None],
                                  np.arange(N_ELEMENTS)[None, :])
        satisfaction = felt(mu, u)
        ratings = answers(satisfaction, response_style(who, world.streams, p.response_style_sd),
                          seen[:, Element.COST] & v.free & ~v.above_tariff, p)
        val = valence(satisfaction, seen, p)
        today.encounters = Encounters(v.ids, who, v.served, v.point, perf, seen, expect, ratings,
                                      val, pop.trust_office[who].astype(float))
        world.component("trust").learn(who, val)
        expectations.learn(who, expect, perf)
        pop.encounters[who] += 1
        world.component("word_of_mouth").tell(Story(who, np.full(len(who), VISIT_STORY), val,
                                   np.where(seen, perf, np.nan), np.zeros(len(who), np.int8)))
