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
export { ClassicControlEnv, isInPlaceEnv, type Env, type InPlaceEnv, type Action, type Info, type ResetArgs, type ResetResult, type StepResult, type TimeLimitOptions, type BoxActionOptions, type EnvSnapshot } from './envs/env.js';
export { CartPole, type CartPoleOptions } from './envs/cartpole.js';
export { Acrobot } from './envs/acrobot.js';
export { Pendulum, type PendulumOptions } from './envs/pendulum.js';
export { MountainCar, type MountainCarOptions } from './envs/mountain-car.js';
export { MountainCarContinuous, type MountainCarContinuousOptions } from './envs/mountain-car-continuous.js';
export { make, register, registeredIds, rewardThreshold, type EnvFactory } from './envs/registry.js';
export { checkEnv, type EnvCheckReport, type CheckEnvOptions } from './envs/check-env.js';
export { SyncVectorEnv, makeVec, type VectorEnv } from './envs/vector-env.js';
// Wrappers: single-env (Gymnasium's names) and vector (…Vector)
export { Wrapper, type WrapperSnapshot } from './envs/wrappers/wrapper.js';
export { BoxActionWrapper } from './envs/wrappers/box-action-wrapper.js';
export { TimeLimit } from './envs/wrappers/time-limit.js';
export { RecordEpisodeStatistics, type RecordEpisodeStatisticsOptions, type EpisodeStatistics } from './envs/wrappers/record-episode-statistics.js';
export { ClipAction } from './envs/wrappers/clip-action.js';
export { RescaleAction } from './envs/wrappers/rescale-action.js';
export { NormalizeObservation, type NormalizeObservationOptions } from './envs/wrappers/normalize-observation.js';
export { NormalizeReward, type NormalizeRewardOptions } from './envs/wrappers/normalize-reward.js';
export { TransformObservation } from './envs/wrappers/transform-observation.js';
export { TransformReward } from './envs/wrappers/transform-reward.js';
export { FrameStackObservation, type FrameStackObservationOptions } from './envs/wrappers/frame-stack-observation.js';
export { VectorWrapper, findVectorWrapper } from './envs/vector-wrappers/vector-wrapper.js';
export { VectorObservationWrapper } from './envs/vector-wrappers/vector-observation-wrapper.js';
export { VectorRewardWrapper } from './envs/vector-wrappers/vector-reward-wrapper.js';
export { ClipActionVector } from './envs/vector-wrappers/clip-action-vector.js';
export { NormalizeObservationVector, type NormalizeObservationVectorOptions } from './envs/vector-wrappers/normalize-observation-vector.js';
export { NormalizeRewardVector, type NormalizeRewardVectorOptions } from './envs/vector-wrappers/normalize-reward-vector.js';
export { TransformObservationVector } from './envs/vector-wrappers/transform-observation-vector.js';
export { TransformRewardVector } from './envs/vector-wrappers/transform-reward-vector.js';
export { observationTransform } from './envs/vector-wrappers/observation-transform.js';
export { normalizeVectorEnv, normalizationState, restoreNormalization, NORMALIZATION_CLIP, NORMALIZATION_EPSILON, type NormalizationOptions, type NormalizationState } from './envs/vector-wrappers/normalize-vector-env.js';
export type { RolloutPolicy, PolicyOutput } from './rollout/rollout-policy.js';
export { Collector, type CollectorOptions, type RolloutBatch, type EpisodeStats } from './rollout/collector.js';
export { generalizedAdvantages, discountedReturns, type AdvantageInput } from './rollout/gae.js';
export { epochMinibatches, randomIndices } from './rollout/samplers.js';
export { TrajectoryBuffer, type Trajectory, type TrajectoryInit, type TrajectoryEnd, type Minibatch, type TrajectoryBufferOptions } from './rollout/trajectory-buffer.js';
export { encodeSafetensors, decodeSafetensors, SafetensorsError, dtypeSize, dtypeOf, isSafetensorsDtype, DEFAULT_MAX_HEADER_BYTES, type SafetensorsDtype, type Tensor, type TensorData, type DecodedSafetensors, type DecodeOptions } from './io/safetensors.js';
export { curveStyles, learningCurveSvg, summariseRuns, type CurveGroup, type CurvePanel, type CurveRun, type LearningCurveOptions, type Threshold } from './report/learning-curve-svg.js';
export { RunningMeanStd, type RunningMeanStdState } from './envs/running-mean-std.js';
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
// Studies: rliable's aggregate metrics and stratified-bootstrap intervals
export { aggregateMean, aggregateMedian, interquartileMean, probabilityOfImprovement, scoreDistribution, percentile, type TaskScores } from './studies/aggregates.js';
export { stratifiedBootstrap, bootstrapReplicates, type BootstrapOptions, type IntervalEstimate } from './studies/bootstrap.js';
