"""What bench/pytorch_ppo.py and bench/pytorch_trpo.py share: SB3's and CleanRL's network and its
initialisation, the vector env, the result line and the command line."""

import argparse
import json
import math

import gymnasium as gym
import numpy as np
import torch
from torch import nn


def orthogonal(layer, gain):
    """Orthogonal weights scaled by `gain`, zero bias (Saxe et al.; CleanRL's and SB3's ortho_init)."""
    nn.init.orthogonal_(layer.weight, gain)
    nn.init.zeros_(layer.bias)
    return layer


def tanh_mlp(inputs, hidden, outputs, head_gain):
    """inputs-hidden-hidden-outputs with tanh, gain sqrt(2) on the hidden layers and `head_gain` on the last."""
    return nn.Sequential(
        orthogonal(nn.Linear(inputs, hidden), math.sqrt(2)), nn.Tanh(),
        orthogonal(nn.Linear(hidden, hidden), math.sqrt(2)), nn.Tanh(),
        orthogonal(nn.Linear(hidden, outputs), head_gain),
    )


def same_step_envs(env_id, count, make=gym.make):
    """A SyncVectorEnv of `count` envs made by `make(env_id)` that resets an ended episode in the
    step that ends it and keeps its final observation in the info: the mode of Gymnasium before
    1.0, under which CleanRL and SB3 were written (Gymnasium 1.x defaults to resetting on the next
    step instead)."""
    makers = [lambda: make(env_id) for _ in range(count)]
    if hasattr(gym.vector, "AutoresetMode"):
        return gym.vector.SyncVectorEnv(makers, autoreset_mode=gym.vector.AutoresetMode.SAME_STEP)
    return gym.vector.SyncVectorEnv(makers)


def training_result(steps, seconds, finished_returns):
    """The JSON line bench/pytorch-peers.ts reads: the final return is the mean of the last 100 episodes."""
    recent = finished_returns[-100:]
    return {
        "steps": steps,
        "seconds": seconds,
        "steps_per_second": steps / seconds,
        "final_return": float(np.mean(recent)) if recent else None,
    }


def main(description, train, default_steps, iteration_steps, default_env=None):
    """Parses --total-steps and --seed (and --env-id, for a `train` that takes one), trains on one
    thread and prints the result line."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--total-steps", type=int, default=default_steps, help=f"environment steps (rounded up to whole {iteration_steps}-step iterations)")
    parser.add_argument("--seed", type=int, default=1)
    if default_env is not None:
        parser.add_argument("--env-id", default=default_env)
    arguments = parser.parse_args()
    torch.set_num_threads(1)
    extra = () if default_env is None else (arguments.env_id,)
    print(json.dumps(train(arguments.total_steps, arguments.seed, *extra)))


def generalized_advantages(rewards, values, dones, next_value, next_done, gamma, lam):
    """GAE(gamma, lambda) backwards through a rollout of [steps] or [steps, envs]: dones[t] says
    that observation t began a new episode, next_* are those of the observation after the last.
    Returns (advantages, returns = advantages + values)."""
    with torch.no_grad():
        steps = len(rewards)
        advantages = torch.zeros_like(rewards)
        running = torch.zeros_like(rewards[0])
        for t in reversed(range(steps)):
            if t == steps - 1:
                not_done, following = 1.0 - next_done, next_value
            else:
                not_done, following = 1.0 - dones[t + 1], values[t + 1]
            delta = rewards[t] + gamma * following * not_done - values[t]
            running = delta + gamma * lam * not_done * running
            advantages[t] = running
        return advantages, advantages + values


def ppo_update(agent, optimizer, batch, settings, minibatch_size):
    """CleanRL's update: `update_epochs` passes over the batch in shuffled minibatches, each one
    Adam step on the clipped surrogate (advantages standardised per minibatch), the clipped value
    loss and the entropy bonus, the gradient norm clipped. `batch`: observations, actions,
    log_probs, advantages, returns, values, one row per step; `agent.evaluate(observations,
    actions)` gives each row's log-probability and entropy, `agent.value` its value."""
    observations, actions, log_probs, advantages, returns, values = batch
    clip = settings["clip_coef"]
    for _ in range(settings["update_epochs"]):
        order = torch.randperm(len(observations))
        for first in range(0, len(observations), minibatch_size):
            rows = order[first:first + minibatch_size]
            log_prob, entropy = agent.evaluate(observations[rows], actions[rows])
            ratio = torch.exp(log_prob - log_probs[rows])
            advantage = advantages[rows]
            advantage = (advantage - advantage.mean()) / (advantage.std() + 1e-8)
            policy_loss = torch.max(-advantage * ratio, -advantage * torch.clamp(ratio, 1 - clip, 1 + clip)).mean()
            value = agent.value(observations[rows])
            value_clipped = values[rows] + torch.clamp(value - values[rows], -clip, clip)
            value_loss = 0.5 * torch.max((value - returns[rows]) ** 2, (value_clipped - returns[rows]) ** 2).mean()
            loss = policy_loss - settings["ent_coef"] * entropy.mean() + settings["vf_coef"] * value_loss
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(agent.parameters(), settings["max_grad_norm"])
            optimizer.step()
