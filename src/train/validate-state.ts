// A saved trainer state, checked field by field before a resume uses it. The setters of the parts
// check some fields themselves, but not all, and not before the run's files change: an iteration
// of "x" cut metrics.jsonl to nothing, −1,000,000 trained a million extra iterations with the
// learning rate annealing upward, a global step of "abc" was written as "abc512". So every field
// is checked here first, and each problem names the field's path and what it must be.
//
// The reference for shapes is the state of a fresh trainer of the same configuration: the same
// keys, the same array lengths (optimiser moments sized to the networks, one snapshot per
// environment), numbers where it has numbers. On top of the shapes come the rules that a fresh
// state cannot show: counters are integers in range, the agent's random states are four 32-bit
// words and not all zero (xoshiro128**), an environment's is numpy's PCG64 state (eight 32-bit
// words, the increment odd), variances are not negative, the episode windows hold at most
// EPISODE_WINDOW episodes.
//
// An environment of the user's (not a ClassicControlEnv) snapshots its own data, whose meaning only
// it knows: that part is left to its restore(), which should reject what it cannot restore from.
import { ClassicControlEnv, type EnvSnapshot } from '../envs/env.js';
import { snapshotProblem } from '../envs/vector-env.js';
import { PCG64 } from '../random/pcg64.js';
import { describe } from '../util/validate.js';
import { EPISODE_WINDOW } from './training-agent.js';
import type { Trainer, TrainerState } from './trainer.js';

/** A saved state that cannot be resumed: the message lists every problem found. */
export class ResumeError extends Error {
  override name = 'ResumeError';
}

/** What the state must agree with besides its shapes. */
export interface StateLimits {
  /** The run's iterations: a saved iteration is at most this. */
  totalIterations: number;
  /** Steps per iteration: the global step is iteration × batchSize. */
  batchSize: number;
  /**
   * Per sub-environment: whether its snapshot is an EnvSnapshot (a ClassicControlEnv's), checked
   * field by field here; any other environment's snapshot is its own data, checked by its restore().
   */
  checkedEnvs: readonly boolean[];
}

/**
 * Checks a decoded state against `trainer` (a fresh trainer of the state's configuration) and
 * restores it. Throws ResumeError, naming `source` and every problem, before the trainer takes
 * anything if a field is invalid, and if a part's setter (an environment's restore) rejects it.
 */
export async function restoreTrainerState(trainer: Trainer, state: unknown, source: string): Promise<void> {
  const limits: StateLimits = {
    totalIterations: trainer.totalIterations,
    batchSize: trainer.agent.batchSize,
    checkedEnvs: trainer.agent.subEnvs.map((env) => env instanceof ClassicControlEnv),
  };
  const unrestorable = snapshotProblem(trainer.agent.subEnvs, 'restore');
  if (unrestorable !== undefined) throw new ResumeError(`${source}: ${unrestorable}`);
  const problems = trainerStateProblems(state, await trainer.getState(), limits);
  if (problems.length > 0) throw new ResumeError(`${source}: the saved state cannot be resumed (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  try {
    await trainer.setState(state as TrainerState);
  } catch (error) {
    throw new ResumeError(`${source}: the saved state cannot be resumed (${(error as Error).message})`);
  }
}

/** Arrays whose length varies from run to run; their entries are checked by the rules below. */
const VARIABLE_LENGTH = new Set(['state.agent.episodeReturns', 'state.agent.episodeLengths', 'state.algorithm.buffer']);

/**
 * The problems of `state` (decoded from a checkpoint) against `reference` (a fresh trainer's
 * state of the same configuration), as "state.agent.globalStep must be …, got …"; none if it is
 * fit to resume from.
 */
export function trainerStateProblems(state: unknown, reference: TrainerState, limits: StateLimits): string[] {
  const problems: string[] = [];
  const opaque = new Set(limits.checkedEnvs.flatMap((checked, i) => (checked ? [] : [`state.agent.envs.${i}`])));
  matchShape(state, reference, 'state', problems, opaque);
  if (problems.length > 0) return problems;
  const { iteration, agent, algorithm } = state as TrainerState;
  integer(iteration, 'state.iteration', 0, limits.totalIterations, problems);
  if (Number.isInteger(iteration) && agent.globalStep !== iteration * limits.batchSize) {
    problems.push(`state.agent.globalStep must be iteration × batch size = ${iteration} × ${limits.batchSize} = ${iteration * limits.batchSize}, got ${describe(agent.globalStep)}`);
  }
  agent.envs.forEach((snapshot, i) => {
    if (!limits.checkedEnvs[i]) return;
    const env = snapshot as EnvSnapshot;
    integer(env.elapsedSteps, `state.agent.envs.${i}.elapsedSteps`, 0, Infinity, problems);
    const generator = PCG64.stateProblem(env.random);
    if (generator !== undefined) problems.push(`state.agent.envs.${i}.random ${generator}`);
  });
  randomState(agent.random.actions, 'state.agent.random.actions', problems);
  randomState(agent.random.minibatches, 'state.agent.random.minibatches', problems);
  agent.collector.episodeLengths.forEach((length, i) => integer(length, `state.agent.collector.episodeLengths.${i}`, 0, Infinity, problems));
  if (agent.episodeReturns.length > EPISODE_WINDOW || agent.episodeLengths.length !== agent.episodeReturns.length) {
    problems.push(`state.agent.episodeReturns and episodeLengths must hold the same number of episodes, at most ${EPISODE_WINDOW}; got ${agent.episodeReturns.length} and ${agent.episodeLengths.length}`);
  }
  agent.episodeReturns.forEach((value, i) => finite(value, `state.agent.episodeReturns.${i}`, problems));
  agent.episodeLengths.forEach((length, i) => integer(length, `state.agent.episodeLengths.${i}`, 1, Infinity, problems));
  for (const name of ['observations', 'rewards'] as const) {
    const statistics = agent.normalization?.[name];
    if (statistics === undefined) continue;
    statistics.variance.forEach((v, i) => nonNegative(v, `state.agent.normalization.${name}.variance.${i}`, problems));
    if (!(statistics.count > 0)) problems.push(`state.agent.normalization.${name}.count must be > 0, got ${describe(statistics.count)}`);
  }
  adamStates(algorithm, 'state.algorithm', problems);
  const { policyVersion, buffer } = algorithm as { policyVersion?: unknown; buffer?: unknown[] };
  if (policyVersion !== undefined) integer(policyVersion, 'state.algorithm.policyVersion', 0, Infinity, problems);
  buffer?.forEach((trajectory, i) => trajectoryProblems(trajectory, `state.algorithm.buffer.${i}`, problems));
  return problems;
}

/**
 * `value` against `reference`: the same keys, the same fixed array lengths, finite numbers where
 * it has numbers — except at the `opaque` paths, whose values are not checked here.
 */
function matchShape(value: unknown, reference: unknown, path: string, problems: string[], opaque: ReadonlySet<string>): void {
  if (opaque.has(path)) return;
  if (typeof reference === 'number') {
    finite(value, path, problems);
  } else if (Array.isArray(reference)) {
    if (!Array.isArray(value)) {
      problems.push(`${path} must be an array, got ${describe(value)}`);
    } else if (VARIABLE_LENGTH.has(path)) {
      if (path !== 'state.algorithm.buffer') value.forEach((item, i) => finite(item, `${path}.${i}`, problems));
    } else if (value.length !== reference.length) {
      problems.push(`${path} must have ${reference.length} entries, got ${value.length}`);
    } else {
      value.forEach((item, i) => matchShape(item, reference[i], `${path}.${i}`, problems, opaque));
    }
  } else if (reference !== null && typeof reference === 'object') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${path} must be an object, got ${describe(value)}`);
      return;
    }
    for (const key of Object.keys(reference)) {
      if (!Object.hasOwn(value, key)) problems.push(`${path}.${key} is missing`);
      else matchShape((value as Record<string, unknown>)[key], (reference as Record<string, unknown>)[key], `${path}.${key}`, problems, opaque);
    }
    for (const key of Object.keys(value)) if (!Object.hasOwn(reference, key)) problems.push(`${path}.${key} is not a field of this run's state`);
  } else if (typeof value !== typeof reference) {
    problems.push(`${path} must be a ${typeof reference}, got ${describe(value)}`);
  }
}

/** Every Adam state ({ step, firstMoment, secondMoment }) in the algorithm's state. */
function adamStates(value: unknown, path: string, problems: string[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const record = value as Record<string, unknown>;
  if ('firstMoment' in record && 'secondMoment' in record) {
    integer(record.step, `${path}.step`, 0, Infinity, problems);
    (record.secondMoment as number[]).forEach((v, i) => nonNegative(v, `${path}.secondMoment.${i}`, problems));
    return;
  }
  for (const [key, item] of Object.entries(record)) if (key !== 'buffer') adamStates(item, `${path}.${key}`, problems);
}

const TRAJECTORY_ENDS = ['terminated', 'truncated', 'cut'];

/** A sample-reuse buffer's trajectory: its arrays of finite numbers, a version and how it ended. */
function trajectoryProblems(value: unknown, path: string, problems: string[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${path} must be an object, got ${describe(value)}`);
    return;
  }
  const trajectory = value as Record<string, unknown>;
  for (const key of ['observations', 'actions', 'rewards', 'logProbs', 'finalObservation']) {
    const array = trajectory[key];
    if (!Array.isArray(array)) problems.push(`${path}.${key} must be an array of numbers, got ${describe(array)}`);
    else array.forEach((x, i) => finite(x, `${path}.${key}.${i}`, problems));
  }
  integer(trajectory.policyVersion, `${path}.policyVersion`, 0, Infinity, problems);
  if (!TRAJECTORY_ENDS.includes(trajectory.end as string)) problems.push(`${path}.end must be one of ${TRAJECTORY_ENDS.join(', ')}, got ${describe(trajectory.end)}`);
  // Lengths against each other and against the spaces: TrajectoryBuffer.add, which setState calls
  // before any file changes.
}

/** A `Random` state: four unsigned 32-bit integers, not all zero (xoshiro128's one invalid state). */
function randomState(value: readonly number[], path: string, problems: string[]): void {
  if (!value.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32) || value.every((w) => w === 0)) {
    problems.push(`${path} must be four unsigned 32-bit integers, not all zero, got [${value.join(', ')}]`);
  }
}

function integer(value: unknown, path: string, min: number, max: number, problems: string[]): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.push(`${path} must be an integer ${max === Infinity ? `≥ ${min}` : `from ${min} to ${max}`}, got ${describe(value)}`);
  }
}

function finite(value: unknown, path: string, problems: string[]): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${path} must be a finite number, got ${describe(value)}`);
}

function nonNegative(value: number, path: string, problems: string[]): void {
  if (!(value >= 0)) problems.push(`${path} must be ≥ 0, got ${describe(value)}`);
}
