// The public API of policygrad.
export { createEngine, type EngineOptions } from './backends/create-engine.js';
export type { Backend, BackendName, DType, MaybePromise, MLP, MLPOptions, NetworkAdam } from './backends/backend.js';
export { WasmBackend } from './backends/wasm/wasm-backend.js';
export { WasmMLP } from './backends/wasm/wasm-mlp.js';
export { WebGPUBackend } from './backends/webgpu/webgpu-backend.js';
export { WebGPUMLP } from './backends/webgpu/webgpu-mlp.js';
export { WebGPUUnavailableError } from './backends/webgpu/gpu-device.js';
export { WasmKernels, type GemmLayout, type KernelArray } from './backends/wasm/wasm-kernels.js';
export { ArenaArray } from './engine/arena.js';
export { layoutMLP, ACTIVATIONS, type Activation, type MLPSpec, type MLPLayout, type ParameterBlock, type LayerLayout } from './nn/mlp-layout.js';
export type { OutputLoss, OutputMetric } from './nn/output-loss.js';
export { meanSquaredError, softmaxCrossEntropy } from './nn/losses.js';
export { orthogonal } from './nn/init.js';
export { Random } from './random/prng.js';
export { gradcheck, jvpcheck, hvpcheck, type CheckBlock, type CheckResult, type BlockResult, type CheckOptions, type GradcheckOptions, type HvpcheckOptions } from './check/finite-difference.js';
export { mlpObjective, type MLPObjective } from './check/mlp-objective.js';
export type { FloatArray, NumericArray } from './util/validate.js';
// Environments and data collection
export { Box, Discrete, type Space } from './envs/spaces.js';
export { ClassicControlEnv, isInPlaceEnv, type Env, type EnvSnapshot, type InPlaceEnv, type Action, type Info, type ResetArgs, type ResetResult, type StepResult, type TimeLimitOptions } from './envs/env.js';
export { CartPole, type CartPoleOptions } from './envs/cartpole.js';
export { Acrobot } from './envs/acrobot.js';
export { Pendulum, type PendulumOptions } from './envs/pendulum.js';
export { MountainCar, type MountainCarOptions } from './envs/mountain-car.js';
export { MountainCarContinuous } from './envs/mountain-car-continuous.js';
export { make, register, registeredIds, rewardThreshold, type EnvFactory } from './envs/registry.js';
export { checkEnv, type EnvCheckReport, type CheckEnvOptions } from './envs/check-env.js';
export { SyncVectorEnv, makeVec } from './envs/vector-env.js';
export type { RolloutPolicy, PolicyOutput } from './rollout/rollout-policy.js';
export { Collector, type CollectorOptions, type RolloutBatch, type EpisodeStats } from './rollout/collector.js';
export { generalizedAdvantages, discountedReturns, type AdvantageInput } from './rollout/gae.js';
export { epochMinibatches, randomIndices } from './rollout/samplers.js';
export { TrajectoryBuffer, type Trajectory, type TrajectoryInit, type TrajectoryEnd, type Minibatch, type TrajectoryBufferOptions } from './rollout/trajectory-buffer.js';
export { encodeSafetensors, decodeSafetensors, SafetensorsError, dtypeSize, dtypeOf, isSafetensorsDtype, DEFAULT_MAX_HEADER_BYTES, type SafetensorsDtype, type Tensor, type TensorData, type DecodedSafetensors, type DecodeOptions } from './io/safetensors.js';
export { curveStyles, learningCurveSvg, summariseRuns, type CurveGroup, type CurvePanel, type CurveRun, type LearningCurveOptions, type Threshold } from './report/learning-curve-svg.js';
export { NormalizedVectorEnv, type NormalizationOptions } from './envs/normalized-vector-env.js';
export { RunningMeanStd } from './envs/running-mean-std.js';
// Policies, optimisation and the algorithms
export type { ActionDistribution, ActionArray } from './nn/distributions/action-distribution.js';
export { Categorical } from './nn/distributions/categorical.js';
export { DiagonalGaussian } from './nn/distributions/diagonal-gaussian.js';
export { Adam, AdamSchedule, clipCoefficient, clipGradientNorm, type AdamOptions, type AdamState } from './nn/adam.js';
export { conjugateGradient, type ConjugateGradientOptions, type ConjugateGradientResult } from './linalg/conjugate-gradient.js';
export { backtrackingLineSearch, LINE_SEARCH_TESTS, type LineSearchTest, type LineSearchOptions, type LineSearchResult } from './linalg/backtracking-line-search.js';
export { Policy, FISHER_METHODS, type FisherMethod } from './policy/policy.js';
export { ActorCritic } from './policy/actor-critic.js';
export type { Algorithm, Learner, MetricsRecord, RunHorizon } from './algos/algorithm.js';
export type { PreparedBatch } from './rollout/prepared-batch.js';
export { PPO, PPO_SETTINGS, type PPOSettings, type PPOMetrics } from './algos/ppo.js';
export { PPOReuse, PPO_REUSE_SETTINGS, type PPOReuseSettings, type PPOReuseMetrics } from './algos/ppo-reuse.js';
export { TRPO, TRPO_SETTINGS, type TRPOSettings, type TRPOMetrics } from './algos/trpo.js';
export { NaturalGradientAlgorithm, NPG, NPG_SETTINGS, type NPGSettings, type NPGMetrics, type NaturalGradientMetrics } from './algos/npg.js';
export { VPG, VPG_SETTINGS, type VPGSettings, type VPGMetrics } from './algos/vpg.js';
export { TrainingAgent, AGENT_SETTINGS, type TrainingAgentSettings, type LearnerBackend } from './train/training-agent.js';
export { clippedSurrogate } from './algos/clipped-surrogate.js';
// Training
export { Trainer, type TrainerState, type TrainerMetrics, type AlgorithmMetrics, type MetricsOf } from './train/trainer.js';
export { resolveTrainingSettings, resolveSettingLayers, presetFor, ALGORITHMS, SCHEMAS, PRESETS, type AlgorithmName, type ResolvedSettings, type ResolvedFor, type SettingsOf } from './train/settings.js';
export { ConfigError, formatSettingsHelp, type Settings, type SettingsSchema, type SettingsLayer } from './util/settings-schema.js';
export type { EvaluationResult } from './train/evaluate.js';
export { CHECKPOINT_FORMAT } from './train/checkpoint.js';
export { ResumeError } from './train/validate-state.js';
export type { ProgressStream } from './report/progress-bar.js';
// The high-level API: create, learn, predict, evaluate, save and load
export {
  Agent, type AgentOptions, type AgentSettings, type PresetName, type Callback, type CallbackContext, type LearnOptions, type PredictOptions,
  type BatchPredictOptions, type LoadOptions,
} from './agent/agent.js';
export type { EnvInput } from './agent/env-input.js';
export { evaluate, type EvaluateOptions } from './agent/evaluate.js';
export { evalCallback, type EvalCallback, type EvalCallbackOptions, type EvaluationRecord } from './agent/eval-callback.js';
export { checkpointCallback, type CheckpointCallbackOptions } from './agent/checkpoint-callback.js';
export { stopOnRewardThreshold, type StopOnRewardThresholdOptions } from './agent/stop-on-reward-threshold.js';
