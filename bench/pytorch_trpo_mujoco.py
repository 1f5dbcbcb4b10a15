"""TRPO on a MuJoCo task in PyTorch with rl-baselines3-zoo's preset: a second implementation of the
algorithm, on Gymnasium's own environments, to set beside policygrad's TRPO results on the v5
tasks (docs/mujoco.md).

What sb3-contrib's TRPO runs under zoo's `&mujoco-defaults` (hyperparams/trpo.yml; policygrad's
TRPO preset for these tasks, src/train/settings.ts), written from its description
(docs/mujoco.md, docs/references.md), not from sb3-contrib's source:

- two envs in a Gymnasium SyncVectorEnv, 1024 steps each per iteration, under SB3's VecNormalize:
  observations normalised by running statistics over both envs (count starting at 1e-4, eps 1e-8)
  and clipped to +-10; rewards divided by the running standard deviation of each env's discounted
  return (gamma 0.99) and clipped to +-10; actions clipped to the bounds for the env, stored
  unclipped. An episode cut off by the time limit is bootstrapped with gamma * v(final
  observation, normalised); GAE (lambda 0.95);
- a diagonal Gaussian policy, means from a 64-64 tanh network (orthogonal init, head gain 0.01)
  and a state-independent log-std starting at 0; a 64-64 tanh critic (head gain 1);
- the policy step of bench/pytorch_trpo.py with 25 conjugate-gradient iterations, damping 0.1,
  KL bound 0.01; then 20 critic epochs of minibatches of 128, Adam lr 1e-3.

After training it evaluates the policy as policygrad's studies do: 20 episodes with the mean
action, observations normalised by the frozen statistics. Prints one JSON line: the fields of
bench/pytorch_common.py and "evaluation", the mean raw return of those episodes.

    python3 bench/pytorch_trpo_mujoco.py [--total-steps 1000000] [--seed 1] [--env-id Hopper-v5]
"""

import time

import gymnasium as gym
import numpy as np
import torch
from torch import nn

from pytorch_common import generalized_advantages, main, same_step_envs, tanh_mlp, training_result
from pytorch_trpo import SETTINGS as CARTPOLE_SETTINGS, fit_critic, policy_step

# Every setting once: zoo's &mujoco-defaults over sb3-contrib's TRPO defaults.
SETTINGS = {
    **CARTPOLE_SETTINGS,
    "n_envs": 2,
    "n_steps": 1024,
    "cg_max_steps": 25,
    "n_critic_updates": 20,
    "clip": 10.0,
    "normalisation_eps": 1e-8,
    "evaluation_episodes": 20,
}


class RunningMoments:
    """SB3's RunningMeanStd: the mean and variance of every row seen, by Chan et al.'s merge."""

    def __init__(self, shape):
        self.mean = np.zeros(shape)
        self.var = np.ones(shape)
        self.count = 1e-4

    def update(self, rows):
        batch_mean, batch_var, batch_count = rows.mean(axis=0), rows.var(axis=0), rows.shape[0]
        delta = batch_mean - self.mean
        total = self.count + batch_count
        self.mean = self.mean + delta * batch_count / total
        m2 = self.var * self.count + batch_var * batch_count + delta ** 2 * self.count * batch_count / total
        self.var = m2 / total
        self.count = total


class GaussianActor(nn.Module):
    def __init__(self, observation_size, action_size, hidden):
        super().__init__()
        self.mean = tanh_mlp(observation_size, hidden, action_size, 0.01)
        self.log_std = nn.Parameter(torch.zeros(action_size))

    def forward(self, observations):
        return torch.distributions.Independent(torch.distributions.Normal(self.mean(observations), self.log_std.exp()), 1)


def train(total_steps, seed, env_id="Hopper-v5", settings=SETTINGS):
    torch.manual_seed(seed)
    np.random.seed(seed)
    n_envs, n_steps, gamma, lam = settings["n_envs"], settings["n_steps"], settings["gamma"], settings["gae_lambda"]
    clip, eps = settings["clip"], settings["normalisation_eps"]
    envs = same_step_envs(env_id, n_envs)
    low, high = envs.single_action_space.low, envs.single_action_space.high
    observation_size = envs.single_observation_space.shape[0]
    action_size = envs.single_action_space.shape[0]
    actor = GaussianActor(observation_size, action_size, settings["hidden"])
    critic = tanh_mlp(observation_size, settings["hidden"], 1, 1.0)
    critic_optimizer = torch.optim.Adam(critic.parameters(), lr=settings["critic_learning_rate"])
    observation_moments, return_moments = RunningMoments(observation_size), RunningMoments(())
    discounted = np.zeros(n_envs)

    def normalised(raw):
        return torch.as_tensor(np.clip((raw - observation_moments.mean) / np.sqrt(observation_moments.var + eps), -clip, clip), dtype=torch.float32)

    observations = torch.zeros((n_steps, n_envs, observation_size))
    actions = torch.zeros((n_steps, n_envs, action_size))
    rewards = torch.zeros((n_steps, n_envs))
    values = torch.zeros((n_steps, n_envs))
    episode_starts = torch.zeros((n_steps, n_envs))

    episode_returns = np.zeros(n_envs)
    finished_returns = []
    raw, _ = envs.reset(seed=seed)
    observation_moments.update(raw)
    next_obs = normalised(raw)
    next_start = torch.ones(n_envs)
    steps = 0
    start = time.perf_counter()
    for _ in range(-(-total_steps // (n_steps * n_envs))):
        for t in range(n_steps):
            observations[t] = next_obs
            episode_starts[t] = next_start
            with torch.no_grad():
                action = actor(next_obs).sample()
                values[t] = critic(next_obs)[:, 0]
            actions[t] = action
            raw, reward, terminated, truncated, info = envs.step(np.clip(action.numpy(), low, high))
            episode_returns += reward
            discounted = discounted * gamma + reward
            return_moments.update(discounted)
            scaled = np.clip(reward / np.sqrt(return_moments.var + eps), -clip, clip)
            observation_moments.update(raw)
            done = terminated | truncated
            for e in np.flatnonzero(truncated & ~terminated):
                with torch.no_grad():
                    scaled[e] += gamma * critic(normalised(info["final_obs"][e]).unsqueeze(0))[0, 0].item()
            for e in np.flatnonzero(done):
                finished_returns.append(float(episode_returns[e]))
                episode_returns[e] = 0.0
                discounted[e] = 0.0
            rewards[t] = torch.as_tensor(scaled, dtype=torch.float32)
            next_start = torch.as_tensor(done, dtype=torch.float32)
            next_obs = normalised(raw)
        steps += n_steps * n_envs

        with torch.no_grad():
            next_value = critic(next_obs)[:, 0]
        advantages, returns = generalized_advantages(rewards, values, episode_starts, next_value, next_start, gamma, lam)
        flat_observations = observations.reshape(-1, observation_size)
        policy_step(list(actor.parameters()), actor, flat_observations, actions.reshape(-1, action_size), advantages.reshape(-1), settings)
        fit_critic(critic, critic_optimizer, flat_observations, returns.reshape(-1), settings)
    seconds = time.perf_counter() - start
    envs.close()
    result = training_result(steps, seconds, finished_returns)
    result["evaluation"] = evaluate(actor, normalised, env_id, seed, settings["evaluation_episodes"], low, high)
    return result


def evaluate(actor, normalised, env_id, seed, episodes, low, high):
    """The mean raw return of `episodes` episodes with the mean action, the statistics frozen."""
    env = gym.make(env_id)
    total = 0.0
    for episode in range(episodes):
        raw, _ = env.reset(seed=seed + 1_000_000 + episode)
        done = False
        while not done:
            with torch.no_grad():
                action = actor.mean(normalised(raw).unsqueeze(0))[0].numpy()
            raw, reward, terminated, truncated, _ = env.step(np.clip(action, low, high))
            total += reward
            done = terminated or truncated
    env.close()
    return total / episodes


if __name__ == "__main__":
    main(__doc__.splitlines()[0], train, 1_000_000, 2048, "Hopper-v5")
