"""PPO on CartPole-v1 in PyTorch, the peer that `npm run bench:peers` times against policygrad.

This is the algorithm that CleanRL's `cleanrl/ppo.py` runs with its default arguments, written
here from its description (docs/references.md), not from its source: separate 64-64 tanh actor
and critic with orthogonal initialisation (gain sqrt(2) on hidden layers, 0.01 on the policy head,
1 on the value head, zero biases); a Gymnasium SyncVectorEnv of 4 CartPole-v1 stepped 128 times
per iteration; GAE (gamma 0.99, lambda 0.95); 4 epochs of 4 minibatches; the clipped surrogate
(0.2) with advantages standardised per minibatch; the clipped value loss; an entropy bonus (0.01);
value coefficient 0.5; global gradient-norm clip 0.5; Adam (eps 1e-5) with its learning rate
2.5e-4 annealed linearly to 0. One thread, CPU, float32.

Like CleanRL, an episode cut off by the time limit is not bootstrapped (done = terminated or
truncated); policygrad bootstraps it, which costs it one more critic forward per truncation.
What CleanRL does besides the algorithm (TensorBoard scalars every iteration, a per-env
RecordEpisodeStatistics wrapper) is left out, so this peer, if anything, runs faster than
CleanRL's script.

Prints one JSON line: {"steps", "seconds", "steps_per_second", "final_return"}, the seconds
those of the training loop alone (CleanRL's SPS is measured the same way), the final return the
mean of the last 100 episodes.

    python3 bench/pytorch_ppo.py [--total-steps 102400] [--seed 1]
"""

import time

import numpy as np
import torch
from torch import nn

from pytorch_common import generalized_advantages, main, ppo_update, same_step_envs, tanh_mlp, training_result

# Every setting once: CleanRL ppo.py's defaults for CartPole-v1.
SETTINGS = {
    "env_id": "CartPole-v1",
    "num_envs": 4,
    "num_steps": 128,
    "learning_rate": 2.5e-4,
    "anneal_lr": True,
    "gamma": 0.99,
    "gae_lambda": 0.95,
    "num_minibatches": 4,
    "update_epochs": 4,
    "clip_coef": 0.2,
    "ent_coef": 0.01,
    "vf_coef": 0.5,
    "max_grad_norm": 0.5,
    "adam_eps": 1e-5,
    "hidden": 64,
}


class ActorCritic(nn.Module):
    """Separate actor (categorical logits) and critic v(s), no shared layers."""

    def __init__(self, observation_size, actions, hidden):
        super().__init__()
        self.actor = tanh_mlp(observation_size, hidden, actions, 0.01)
        self.critic = tanh_mlp(observation_size, hidden, 1, 1.0)

    def value(self, observations):
        return self.critic(observations).squeeze(-1)

    def policy(self, observations):
        return torch.distributions.Categorical(logits=self.actor(observations))

    def evaluate(self, observations, actions):
        distribution = self.policy(observations)
        return distribution.log_prob(actions), distribution.entropy()


def train(total_steps, seed, settings=SETTINGS):
    torch.manual_seed(seed)
    np.random.seed(seed)
    envs = same_step_envs(settings["env_id"], settings["num_envs"])
    envs.action_space.seed(seed)
    n_envs, n_steps = settings["num_envs"], settings["num_steps"]
    batch_size = n_envs * n_steps
    minibatch_size = batch_size // settings["num_minibatches"]
    iterations = -(-total_steps // batch_size)
    observation_size = envs.single_observation_space.shape[0]
    agent = ActorCritic(observation_size, envs.single_action_space.n, settings["hidden"])
    optimizer = torch.optim.Adam(agent.parameters(), lr=settings["learning_rate"], eps=settings["adam_eps"])

    observations = torch.zeros((n_steps, n_envs, observation_size))
    actions = torch.zeros((n_steps, n_envs), dtype=torch.long)
    log_probs = torch.zeros((n_steps, n_envs))
    rewards = torch.zeros((n_steps, n_envs))
    dones = torch.zeros((n_steps, n_envs))
    values = torch.zeros((n_steps, n_envs))

    episode_return = np.zeros(n_envs)
    finished_returns = []
    obs, _ = envs.reset(seed=seed)
    next_obs = torch.as_tensor(obs, dtype=torch.float32)
    next_done = torch.zeros(n_envs)
    steps = 0
    start = time.perf_counter()
    for iteration in range(1, iterations + 1):
        if settings["anneal_lr"]:
            optimizer.param_groups[0]["lr"] = (1 - (iteration - 1) / iterations) * settings["learning_rate"]

        # Rollout: act on the 4 envs at once, one batch-of-4 forward of each network per step.
        for t in range(n_steps):
            observations[t] = next_obs
            dones[t] = next_done
            with torch.no_grad():
                distribution = agent.policy(next_obs)
                action = distribution.sample()
                log_probs[t] = distribution.log_prob(action)
                values[t] = agent.value(next_obs)
            actions[t] = action
            obs, reward, terminated, truncated, _ = envs.step(action.numpy())
            done = np.logical_or(terminated, truncated)
            episode_return += reward
            finished_returns.extend(episode_return[done].tolist())
            episode_return[done] = 0
            rewards[t] = torch.as_tensor(reward, dtype=torch.float32)
            next_obs = torch.as_tensor(obs, dtype=torch.float32)
            next_done = torch.as_tensor(done, dtype=torch.float32)
        steps += batch_size

        # GAE(gamma, lambda) backwards through the rollout; done[t] marks that obs[t] began a new episode.
        with torch.no_grad():
            next_value = agent.value(next_obs)
        advantages, returns = generalized_advantages(rewards, values, dones, next_value, next_done, settings["gamma"], settings["gae_lambda"])
        flat = lambda tensor: tensor.reshape(batch_size, *tensor.shape[2:])
        ppo_update(agent, optimizer, [flat(x) for x in (observations, actions, log_probs, advantages, returns, values)], settings, minibatch_size)
    seconds = time.perf_counter() - start
    envs.close()
    return training_result(steps, seconds, finished_returns)


if __name__ == "__main__":
    main(__doc__.splitlines()[0], train, 102_400, 512)
