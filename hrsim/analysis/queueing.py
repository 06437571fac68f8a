"""Queueing theory for checking the counter: Erlang C for M/M/c, and the matching simulation.

Erlang C is a closed formula that no maintained Python library exposes for plain M/M/c (scipy has
none), so it is written here, through the numerically stable Erlang B recursion.
"""

from __future__ import annotations

import numpy as np

from hrsim.params import Params
from hrsim.streams import Streams
from hrsim.world.fcfs import FcfsQueue

BURN_IN = 0.1  # share of each stream discarded as warm-up (domain §3)
BATCHES = 20  # batch means for the standard error of the simulated mean wait


def erlang_c(arrivals_per_min: float, service_min: float, desks: int) -> dict[str, float]:
    """Steady-state M/M/c figures.

    Args:
        arrivals_per_min: Arrival rate λ per minute.
        service_min: Mean service time 1/μ in minutes.
        desks: Number of servers c.

    Returns:
        ``p_wait`` (probability of waiting), ``wait_mean_min`` (W_q), ``queue_mean`` (L_q) and
        ``utilisation`` (ρ).

    Raises:
        ValueError: If the queue is unstable (ρ ≥ 1).
    """
    load = arrivals_per_min * service_min
    rho = load / desks
    if rho >= 1:
        raise ValueError(f"utilisation {rho:.3f} >= 1: the queue grows without bound")
    erlang_b = 1.0
    for k in range(1, desks + 1):
        erlang_b = load * erlang_b / (k + load * erlang_b)
    p_wait = erlang_b / (1 - rho * (1 - erlang_b))
    wq = p_wait * service_min / (desks - load)
    return {"p_wait": p_wait, "wait_mean_min": wq, "queue_mean": arrivals_per_min * wq,
            "utilisation": rho}


def simulate_mmc(arrivals_per_min: float, service_min: float, desks: int, customers: int,
                 seed: int) -> dict[str, float]:
    """Push a stationary Poisson stream through the model's own `FcfsQueue`.

    Staff effects, giving up and closing hours are switched off through ordinary parameters and
    service is exponential, so the counter is exactly an M/M/c queue. The customers are run as two
    antithetic halves (uniforms u and 1 − u), a standard variance reduction for monotone outputs
    such as waiting times; the standard error comes from batch means of the paired halves.
    """
    params = Params(desks=desks, counter_service_mean_min=service_min,
                    service_time_dist="exponential", giving_up=False, counter_closes=False,
                    staff_effects=False)
    counter, streams = FcfsQueue(params), Streams(seed)
    half = customers // 2
    u_arrival, u_service = streams["arrivals"].random(half), streams["counter"].random(half)
    runs = []
    for ua, us in ((u_arrival, u_service), (1 - u_arrival, 1 - u_service)):
        gaps = -np.log1p(-ua) / arrivals_per_min  # Poisson arrivals
        work = counter.work(us)
        day = counter.serve(np.cumsum(gaps), work, np.ones(desks), counter.patience(us))
        keep = slice(int(BURN_IN * half), None)
        runs.append({"wait": day.wait[keep], "busy": day.busy_min.sum(),
                     "horizon": float(np.max(day.start + work) - day.arrival[0])})
    wait = np.concatenate([r["wait"] for r in runs])
    paired = np.mean([np.array_split(r["wait"], BATCHES) for r in runs], axis=0)
    batch_means = np.array([b.mean() for b in paired])
    return {
        "p_wait": float(np.mean(wait > 0)),
        "wait_mean_min": float(wait.mean()),
        "wait_mean_se": float(batch_means.std(ddof=1) / np.sqrt(BATCHES)),
        "utilisation": float(sum(r["busy"] for r in runs)
                             / (desks * sum(r["horizon"] for r in runs))),
        "customers": 2 * half,
    }


def validate_queue(arrivals_per_hour: float, service_minutes: float, desks: int,
                   customers: int = 200_000, seed: int = 0) -> dict[str, dict[str, float]]:
    """Simulated counter beside Erlang C, with the relative error of each figure.

    Raises:
        ValueError: If the queue is unstable (ρ ≥ 1).
    """
    lam = arrivals_per_hour / 60
    theory = erlang_c(lam, service_minutes, desks)
    sim = simulate_mmc(lam, service_minutes, desks, customers, seed)
    error = {k: abs(sim[k] - theory[k]) / theory[k]
             for k in ("p_wait", "wait_mean_min", "utilisation")}
    return {"simulated": sim, "erlang_c": theory, "relative_error": error}
