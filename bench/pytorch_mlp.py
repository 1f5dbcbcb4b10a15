"""PyTorch's side of bench/mlp.ts: the 4-64-64-2 tanh MLP, float32, one CPU thread, timed as
bench/mlp.ts times ours (forward at batch 1; forward + backward at 128 and 2048, gradients of
fresh upstream values as in training: zero_grad, forward, backward).

Usage: python3 bench/pytorch_mlp.py   → one JSON line {"torch": version, "rows": {task: median ms}}.
"""
import json
import statistics
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(2)
net = torch.nn.Sequential(
    torch.nn.Linear(4, 64), torch.nn.Tanh(),
    torch.nn.Linear(64, 64), torch.nn.Tanh(),
    torch.nn.Linear(64, 2),
)


def median_ms(task, budget_s=1.0, rounds=15):
    """Median over rounds of the mean time per call, each round about budget_s / rounds long."""
    for _ in range(20):
        task()
    start = time.perf_counter()
    task()
    calls = max(1, int(budget_s / rounds / max(time.perf_counter() - start, 1e-7)))
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(calls):
            task()
        samples.append((time.perf_counter() - start) / calls * 1e3)
    return statistics.median(samples)


rows = {}
for task, batch in [("forward, batch 1", 1), ("forward + backward, batch 128", 128), ("forward + backward, batch 2048", 2048)]:
    inputs = torch.randn(batch, 4)
    upstream = torch.randn(batch, 2)
    if batch == 1:
        def run():
            with torch.no_grad():
                net(inputs)
    else:
        def run():
            net.zero_grad(set_to_none=True)
            net(inputs).backward(upstream)
    rows[task] = median_ms(run)
print(json.dumps({"torch": torch.__version__, "rows": rows}))
