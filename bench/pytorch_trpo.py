"""TRPO on CartPole-v1 in PyTorch, the peer that `npm run bench:peers` times against policygrad.

The algorithm that sb3-contrib's TRPO runs with its default arguments, as policygrad's TRPO runs
it for CartPole-v1 (src/algos/trpo.ts, no preset for CartPole), written here from its description
(docs/references.md), not from sb3-contrib's source:

- one env (a Gymnasium SyncVectorEnv of one CartPole-v1) stepped 2048 times per iteration;
  an episode cut off by the time limit is bootstrapped with gamma * v(final observation), as
  sb3's rollout does; GAE (gamma 0.99, lambda 0.95) and lambda-returns;
- separate 64-64 tanh actor and critic, orthogonal init (gain sqrt(2) hidden, 0.01 policy
  head, 1 value head, zero biases), as SB3's ActorCriticPolicy with ortho_init;
- the policy step on the whole batch: advantages standardised; g the gradient of the surrogate
  mean(ratio * A); y = (F + 0.1 I)^-1 g by 15 conjugate-gradient iterations from 0, each Fisher
  product a double backward through the analytic mean KL (sb3-contrib's way); full step
  sqrt(2 * 0.01 / y^T (F + 0.1 I) y) * y; a backtracking line search over 1, 0.8, 0.8^2, ... (10
  candidates) that accepts the first with mean KL <= 0.01 and an improved surrogate, else keeps
  the old parameters;
- then the critic: 10 epochs over the batch in shuffled minibatches of 128, Adam lr 1e-3.

Where policygrad's TRPO, and so this script, differ from sb3-contrib's: the critic's loss is
0.5 * mean((v - R)^2) (sb3-contrib: mean((v - R)^2), twice the gradient, which Adam's scaling
nearly cancels) and its Adam eps is 1e-8 (SB3 passes 1e-5); the KL is KL(pi_k || pi)
(sb3-contrib: KL(pi || pi_k), the same Hessian at pi_k) and the line search accepts KL <= 0.01
(sb3-contrib: < 0.01). None of these changes the work done per step.

Prints one JSON line: {"steps", "seconds", "steps_per_second", "final_return"}, the seconds
those of the training loop alone, the final return the mean of the last 100 episodes.

    python3 bench/pytorch_trpo.py [--total-steps 51200] [--seed 1]
"""

import time

import numpy as np
import torch

from pytorch_common import generalized_advantages, main, same_step_envs, tanh_mlp, training_result

# Every setting once: sb3-contrib TRPO's defaults (policygrad's TRPO defaults).
SETTINGS = {
    "env_id": "CartPole-v1",
    "n_steps": 2048,
    "gamma": 0.99,
    "gae_lambda": 0.95,
    "target_kl": 0.01,
    "cg_max_steps": 15,
    "cg_damping": 0.1,
    "cg_residual_tolerance": 1e-10,
    "line_search_shrinking_factor": 0.8,
    "line_search_max_iter": 10,
    "critic_learning_rate": 1e-3,
    "n_critic_updates": 10,
    "critic_batch_size": 128,
    "hidden": 64,
}


def flat(tensors):
    return torch.cat([t.reshape(-1) for t in tensors])


def conjugate_gradient(product, b, iterations, residual_tolerance):
    """Solves A x = b from x = 0 with products A v only."""
    x = torch.zeros_like(b)
    r = b.clone()
    p = b.clone()
    rr = r @ r
    for _ in range(iterations):
        if rr < residual_tolerance:
            break
        ap = product(p)
        alpha = rr / (p @ ap)
        x += alpha * p
        r -= alpha * ap
        rr_next = r @ r
        p = r + (rr_next / rr) * p
        rr = rr_next
    return x


def set_flat(parameters, vector):
    offset = 0
    for parameter in parameters:
        count = parameter.numel()
        parameter.data.copy_(vector[offset:offset + count].view_as(parameter))
        offset += count


def policy_step(parameters, distribution_of, observations, actions, advantages, settings):
    """The natural gradient step on `parameters` and its line search; `distribution_of(observations)`
    is the policy's action distribution (its log_prob one value per row). Returns whether a
    candidate was accepted."""
    advantages = (advantages - advantages.mean()) / (advantages.std() + 1e-8)
    with torch.no_grad():
        old = distribution_of(observations)
        log_probs_old = old.log_prob(actions)
    distribution = distribution_of(observations)
    surrogate = (torch.exp(distribution.log_prob(actions) - log_probs_old) * advantages).mean()
    g = flat(torch.autograd.grad(surrogate, parameters, retain_graph=True))
    kl = torch.distributions.kl_divergence(old, distribution).mean()
    kl_gradient = flat(torch.autograd.grad(kl, parameters, create_graph=True))

    def fisher_product(v):
        # The KL's Hessian at theta_k times v, by a second backward through its gradient.
        return flat(torch.autograd.grad(kl_gradient @ v, parameters, retain_graph=True)) + settings["cg_damping"] * v

    y = conjugate_gradient(fisher_product, g, settings["cg_max_steps"], settings["cg_residual_tolerance"])
    step = torch.sqrt(2 * settings["target_kl"] / (y @ fisher_product(y))) * y
    theta_old = flat(parameters).detach().clone()
    surrogate_old = surrogate.item()
    fraction = 1.0
    with torch.no_grad():
        for _ in range(settings["line_search_max_iter"]):
            set_flat(parameters, theta_old + fraction * step)
            candidate = distribution_of(observations)
            candidate_surrogate = (torch.exp(candidate.log_prob(actions) - log_probs_old) * advantages).mean().item()
            candidate_kl = torch.distributions.kl_divergence(old, candidate).mean().item()
            if candidate_kl <= settings["target_kl"] and candidate_surrogate > surrogate_old:
                return True
            fraction *= settings["line_search_shrinking_factor"]
        set_flat(parameters, theta_old)
    return False


def fit_critic(critic, optimizer, observations, returns, settings):
    size = observations.shape[0]
    for _ in range(settings["n_critic_updates"]):
        order = torch.randperm(size)
        for first in range(0, size, settings["critic_batch_size"]):
            rows = order[first:first + settings["critic_batch_size"]]
            loss = 0.5 * ((critic(observations[rows]).squeeze(-1) - returns[rows]) ** 2).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()


def train(total_steps, seed, settings=SETTINGS):
    torch.manual_seed(seed)
    np.random.seed(seed)
    # Same-step autoreset keeps the final observation in the info, to bootstrap a truncation (SB3's DummyVecEnv does the same).
    envs = same_step_envs(settings["env_id"], 1)
    n_steps, gamma, lam = settings["n_steps"], settings["gamma"], settings["gae_lambda"]
    iterations = -(-total_steps // n_steps)
    observation_size = envs.single_observation_space.shape[0]
    actor = tanh_mlp(observation_size, settings["hidden"], envs.single_action_space.n, 0.01)
    critic = tanh_mlp(observation_size, settings["hidden"], 1, 1.0)
    critic_optimizer = torch.optim.Adam(critic.parameters(), lr=settings["critic_learning_rate"])

    observations = torch.zeros((n_steps, observation_size))
    actions = torch.zeros(n_steps, dtype=torch.long)
    rewards = torch.zeros(n_steps)
    values = torch.zeros(n_steps)
    episode_starts = torch.zeros(n_steps)

    episode_return = 0.0
    finished_returns = []
    obs, _ = envs.reset(seed=seed)
    next_obs = torch.as_tensor(obs, dtype=torch.float32)
    next_start = 1.0
    steps = 0
    start = time.perf_counter()
    for _ in range(iterations):
        for t in range(n_steps):
            observations[t] = next_obs[0]
            episode_starts[t] = next_start
            with torch.no_grad():
                action = torch.distributions.Categorical(logits=actor(next_obs)).sample()
                values[t] = critic(next_obs)[0, 0]
            actions[t] = action[0]
            obs, reward, terminated, truncated, info = envs.step(action.numpy())
            episode_return += float(reward[0])
            reward_t = float(reward[0])
            if truncated[0] and not terminated[0]:
                with torch.no_grad():
                    final = torch.as_tensor(info["final_obs"][0], dtype=torch.float32).unsqueeze(0)
                    reward_t += gamma * critic(final)[0, 0].item()
            rewards[t] = reward_t
            next_start = float(terminated[0] or truncated[0])
            if next_start:
                finished_returns.append(episode_return)
                episode_return = 0.0
            next_obs = torch.as_tensor(obs, dtype=torch.float32)
        steps += n_steps

        with torch.no_grad():
            next_value = critic(next_obs)[0, 0]
        advantages, returns = generalized_advantages(rewards, values, episode_starts, next_value, next_start, gamma, lam)

        policy_step(list(actor.parameters()), lambda rows: torch.distributions.Categorical(logits=actor(rows)), observations, actions, advantages, settings)
        fit_critic(critic, critic_optimizer, observations, returns, settings)
    seconds = time.perf_counter() - start
    envs.close()
    return training_result(steps, seconds, finished_returns)


if __name__ == "__main__":
    main(__doc__.splitlines()[0], train, 51_200, 2048)
