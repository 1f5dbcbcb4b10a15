"""PPO on a MuJoCo task in PyTorch, the peer that `npm run bench:peers` times against policygrad's
PPO on Hopper-v5.

The algorithm that CleanRL's `cleanrl/ppo_continuous_action.py` runs with its default arguments
(policygrad's PPO preset for the Box-action tasks, src/train/settings.ts CONTINUOUS_PPO), written
here from its description (docs/mujoco.md, docs/references.md), not from its source: one env
with CleanRL's wrappers (episode statistics of the raw rewards, actions clipped to the bounds,
observations normalised by running statistics and clipped to ±10, rewards scaled by the running
standard deviation of the discounted return and clipped to ±10); 2048 steps per iteration; a
diagonal Gaussian policy, means from a 64-64 tanh network (head gain 0.01) and a state-independent
log-std starting at 0; a 64-64 tanh critic (head gain 1); GAE (gamma 0.99, lambda 0.95); 10 epochs
of 32 minibatches; the clipped surrogate (0.2) with advantages standardised per minibatch, the
clipped value loss, no entropy bonus, value coefficient 0.5, gradient-norm clip 0.5; Adam
(eps 1e-5), its learning rate 3e-4 annealed linearly to 0. One thread, CPU, float32.

As CleanRL, an episode cut off by the time limit is not bootstrapped; its TensorBoard scalars are
left out. Prints the JSON line of bench/pytorch_common.py; the final return is the mean of the last
100 episodes' raw returns.

    python3 bench/pytorch_ppo_continuous.py [--total-steps 20480] [--seed 1] [--env-id Hopper-v5]
"""

import time

import gymnasium as gym
import numpy as np
import torch
from torch import nn

from pytorch_common import generalized_advantages, main, ppo_update, same_step_envs, tanh_mlp, training_result

# Every setting once: CleanRL ppo_continuous_action.py's defaults (the env is an argument).
SETTINGS = {
    "num_steps": 2048,
    "learning_rate": 3e-4,
    "anneal_lr": True,
    "gamma": 0.99,
    "gae_lambda": 0.95,
    "num_minibatches": 32,
    "update_epochs": 10,
    "clip_coef": 0.2,
    "ent_coef": 0.0,
    "vf_coef": 0.5,
    "max_grad_norm": 0.5,
    "adam_eps": 1e-5,
    "hidden": 64,
}


def make_env(env_id, gamma):
    """CleanRL's make_env: the wrappers in its order, raw returns recorded first."""
    env = gym.make(env_id)
    env = gym.wrappers.RecordEpisodeStatistics(env)
    env = gym.wrappers.ClipAction(env)
    env = gym.wrappers.NormalizeObservation(env)
    env = gym.wrappers.TransformObservation(env, lambda o: np.clip(o, -10, 10), env.observation_space)
    env = gym.wrappers.NormalizeReward(env, gamma=gamma)
    return gym.wrappers.TransformReward(env, lambda r: float(np.clip(r, -10, 10)))


class GaussianActorCritic(nn.Module):
    def __init__(self, observation_size, action_size, hidden):
        super().__init__()
        self.critic = tanh_mlp(observation_size, hidden, 1, 1.0)
        self.actor_mean = tanh_mlp(observation_size, hidden, action_size, 0.01)
        self.actor_log_std = nn.Parameter(torch.zeros(1, action_size))

    def value(self, observations):
        return self.critic(observations).squeeze(-1)

    def policy(self, observations):
        mean = self.actor_mean(observations)
        return torch.distributions.Normal(mean, torch.exp(self.actor_log_std.expand_as(mean)))

    def evaluate(self, observations, actions):
        distribution = self.policy(observations)
        return distribution.log_prob(actions).sum(1), distribution.entropy().sum(1)


def episode_statistics(envs):
    """The RecordEpisodeStatistics wrapper inside the vector env's one env."""
    env = envs.envs[0]
    while not isinstance(env, gym.wrappers.RecordEpisodeStatistics):
        env = env.env
    return env


def train(total_steps, seed, env_id, settings=SETTINGS):
    torch.manual_seed(seed)
    np.random.seed(seed)
    envs = same_step_envs(env_id, 1, lambda name: make_env(name, settings["gamma"]))
    envs.action_space.seed(seed)
    n, gamma, lam = settings["num_steps"], settings["gamma"], settings["gae_lambda"]
    iterations = -(-total_steps // n)
    minibatch = n // settings["num_minibatches"]
    observation_size = envs.single_observation_space.shape[0]
    action_size = envs.single_action_space.shape[0]
    agent = GaussianActorCritic(observation_size, action_size, settings["hidden"])
    optimizer = torch.optim.Adam(agent.parameters(), lr=settings["learning_rate"], eps=settings["adam_eps"])
    statistics = episode_statistics(envs)

    observations = torch.zeros((n, observation_size))
    actions = torch.zeros((n, action_size))
    log_probs = torch.zeros(n)
    rewards = torch.zeros(n)
    dones = torch.zeros(n)
    values = torch.zeros(n)

    obs, _ = envs.reset(seed=seed)
    next_obs = torch.as_tensor(obs, dtype=torch.float32)
    next_done = 0.0
    steps = 0
    start = time.perf_counter()
    for iteration in range(iterations):
        if settings["anneal_lr"]:
            optimizer.param_groups[0]["lr"] = (1.0 - iteration / iterations) * settings["learning_rate"]
        for t in range(n):
            observations[t] = next_obs[0]
            dones[t] = next_done
            with torch.no_grad():
                distribution = agent.policy(next_obs)
                action = distribution.sample()
                log_probs[t] = distribution.log_prob(action).sum(1)[0]
                values[t] = agent.value(next_obs)[0]
            actions[t] = action[0]
            obs, reward, terminated, truncated, _ = envs.step(action.numpy())
            rewards[t] = float(reward[0])
            next_obs = torch.as_tensor(obs, dtype=torch.float32)
            next_done = float(terminated[0] or truncated[0])
            steps += 1

        with torch.no_grad():
            next_value = agent.value(next_obs)[0]
        advantages, returns = generalized_advantages(rewards, values, dones, next_value, next_done, gamma, lam)
        ppo_update(agent, optimizer, (observations, actions, log_probs, advantages, returns, values), settings, minibatch)
    seconds = time.perf_counter() - start
    envs.close()
    return training_result(steps, seconds, list(statistics.return_queue))


if __name__ == "__main__":
    main(__doc__.splitlines()[0], train, 20_480, SETTINGS["num_steps"], default_env="Hopper-v5")
