"""The policy of a policygrad checkpoint in PyTorch, and its greedy actions.

Standard library and torch only: the safetensors file is parsed here (8 bytes of little-endian
header length, a JSON header, the tensors' raw little-endian bytes), so the `safetensors` package
is not needed.

    from load_policy import load_policy
    policy = load_policy("runs/ppo-cartpole/checkpoint.safetensors")
    actions = policy.act(observations)   # observations: [n][observation size] (or one observation)
    policy.actor                         # the network, a torch.nn.Sequential

From the shell, the greedy actions of a JSON list of observations, printed as a JSON list:

    python3 load_policy.py CHECKPOINT OBSERVATIONS.json

The greedy action is the one `policygrad eval` takes (without --stochastic): the argmax of the
logits for a discrete action space (the first of equal maxima), the mean clipped to the action
bounds for a continuous one. A run trained with normalised observations sees them as it did in
training: o as float32, then clip((o - mean) / sqrt(var + epsilon), -clip, clip) in float64,
rounded to float32.
"""
import json
import struct
import sys

import torch
from torch import nn

DTYPES = {"F64": torch.float64, "F32": torch.float32, "I64": torch.int64, "I32": torch.int32,
          "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8}
ACTIVATIONS = {"tanh": nn.Tanh, "relu": nn.ReLU}


def read_safetensors(path):
    """The tensors (name -> tensor) and the metadata (str -> str) of a safetensors file."""
    with open(path, "rb") as file:
        data = file.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    metadata = header.pop("__metadata__", {})
    start = 8 + length
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        dtype = DTYPES[entry["dtype"]]
        # torch.frombuffer reads the host's byte order (little-endian on x86 and ARM) and shares
        # the buffer, which must be writable: a bytearray copy of the tensor's bytes.
        raw = bytearray(data[start + begin:start + end])
        flat = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(entry["shape"])
    return tensors, metadata


class Policy:
    """A checkpoint's actor and what acting needs besides: normalisation and action bounds."""

    def __init__(self, tensors, metadata):
        config = json.loads(metadata["config"])
        activation = ACTIVATIONS[config["activation"]]
        layers = []
        for i in range(len(config["hiddenSizes"]) + 1):
            out_features, in_features = tensors[f"actor.{2 * i}.weight"].shape
            layers += [activation()] if i > 0 else []
            layers.append(nn.Linear(in_features, out_features))
        # nn.Sequential(Linear, activation, Linear, ...): its state_dict keys are 0.weight, 0.bias,
        # 2.weight, ..., the checkpoint's actor.* tensors (actor.log_std apart).
        self.actor = nn.Sequential(*layers)
        self.actor.load_state_dict({name[len("actor."):]: value for name, value in tensors.items()
                                    if name.startswith("actor.") and name != "actor.log_std"})
        self.actor.eval()
        # A Gaussian policy's log standard deviation (float64), for sampling: std = exp(log_std).
        self.log_std = tensors.get("actor.log_std")
        self.obs_mean = self.obs_var = None
        if config.get("normalizeObservations"):
            if "obs_rms.mean" not in tensors:
                raise ValueError("the run normalised observations, but the checkpoint has no obs_rms tensors "
                                 "(it predates them; train or resume the run with a newer policygrad)")
            normalization = json.loads(metadata["normalization"])
            self.obs_mean, self.obs_var = tensors["obs_rms.mean"], tensors["obs_rms.var"]
            self.epsilon, self.clip = normalization["epsilon"], normalization["clip"]
        self.low = self.high = None
        if self.log_std is not None:
            bounds = json.loads(metadata["action_space"])
            self.low = torch.tensor(bounds["low"], dtype=torch.float32)
            self.high = torch.tensor(bounds["high"], dtype=torch.float32)

    def act(self, observations):
        """Greedy actions: int64 indices (discrete) or float32 vectors (continuous), one per observation."""
        o = torch.as_tensor(observations, dtype=torch.float32)
        if self.obs_mean is not None:
            z = (o.double() - self.obs_mean) / torch.sqrt(self.obs_var + self.epsilon)
            o = z.clamp(-self.clip, self.clip).float()
        with torch.no_grad():
            outputs = self.actor(o)
        if self.low is None:
            return outputs.argmax(-1)
        return torch.clamp(outputs, self.low, self.high)


def load_policy(path):
    """The policy of the checkpoint at `path`."""
    return Policy(*read_safetensors(path))


def main(argv):
    if len(argv) != 3:
        print("usage: python3 load_policy.py CHECKPOINT OBSERVATIONS.json", file=sys.stderr)
        return 2
    policy = load_policy(argv[1])
    with open(argv[2]) as file:
        observations = json.load(file)
    print(json.dumps(policy.act(observations).tolist()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
