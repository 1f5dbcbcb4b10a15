// The public API of policygrad.
export { createEngine, type EngineOptions } from './backends/create-engine.js';
export type { Backend, BackendName, DType, MLP, MLPOptions } from './backends/backend.js';
export { WasmKernels, type GemmLayout, type KernelArray } from './backends/wasm/wasm-kernels.js';
export { ArenaArray } from './engine/arena.js';
export { layoutMLP, ACTIVATIONS, type Activation, type MLPSpec, type MLPLayout, type ParameterBlock, type LayerLayout } from './nn/mlp-layout.js';
export type { OutputLoss, OutputMetric } from './nn/output-loss.js';
export { meanSquaredError, softmaxCrossEntropy } from './nn/losses.js';
export { orthogonal } from './nn/init.js';
export { Random } from './random/prng.js';
export { gradcheck, hvpcheck, type CheckBlock, type CheckResult, type BlockResult, type CheckOptions, type GradcheckOptions, type HvpcheckOptions } from './check/finite-difference.js';
export { mlpObjective, type MLPObjective } from './check/mlp-objective.js';
export type { FloatArray, NumericArray } from './util/validate.js';
// Environments and data collection
export { Box, Discrete, type Space } from './envs/spaces.js';
export { ClassicControlEnv, isInPlaceEnv, type Env, type InPlaceEnv, type Action, type Info, type ResetArgs, type ResetResult, type StepResult, type TimeLimitOptions } from './envs/env.js';
export { CartPole, type CartPoleOptions } from './envs/cartpole.js';
export { Acrobot } from './envs/acrobot.js';
export { Pendulum, type PendulumOptions } from './envs/pendulum.js';
export { MountainCar, type MountainCarOptions } from './envs/mountain-car.js';
export { MountainCarContinuous } from './envs/mountain-car-continuous.js';
export { make, register, registeredIds, type EnvFactory } from './envs/registry.js';
export { checkEnv, type EnvCheckReport, type CheckEnvOptions } from './envs/check-env.js';
export { SyncVectorEnv, makeVec } from './envs/vector-env.js';
export type { Policy, PolicyOutput } from './rollout/policy.js';
export { Collector, type CollectorOptions, type RolloutBatch, type EpisodeStats } from './rollout/collector.js';
export { generalizedAdvantages, discountedReturns, type AdvantageInput } from './rollout/gae.js';
export { epochMinibatches, randomIndices } from './rollout/samplers.js';
export { TrajectoryBuffer, type Trajectory, type TrajectoryInit, type TrajectoryEnd, type Minibatch, type TrajectoryBufferOptions } from './rollout/trajectory-buffer.js';
