"""Lets CleanRL's own scripts run on the Gymnasium this machine has (imported at Python's start
when this folder is on PYTHONPATH; bench/cleanrl-scripts.ts puts it there).

CleanRL's ppo_continuous_action.py calls `gym.wrappers.TransformObservation(env, func)`, as
Gymnasium's releases before 1.0 took it; from 1.0 the observation space is a third, required
argument. Given None, the wrapper keeps the env's observation space — what the script means, since
its function only clips. Nothing else of Gymnasium or the script changes.
"""
import inspect

try:
    import gymnasium.wrappers as _wrappers
except ImportError:  # not a Gymnasium process: nothing to adapt
    _wrappers = None

if _wrappers is not None and "observation_space" in inspect.signature(_wrappers.TransformObservation.__init__).parameters:
    _init = _wrappers.TransformObservation.__init__
    if inspect.signature(_init).parameters["observation_space"].default is inspect.Parameter.empty:

        def _init_with_space(self, env, func, observation_space=None):
            _init(self, env, func, observation_space)

        _wrappers.TransformObservation.__init__ = _init_with_space
