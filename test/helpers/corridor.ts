// A user's environment for the tests of the high-level API and of `--env-module`, written to the
// documented Env interface only (id, spaces, reset, step; snapshot and restore for checkpoints),
// importing nothing but the public API: a corridor of cells 0..LENGTH, a random start in the first
// three cells, actions left (0) and right (1), reward +1 for reaching the last cell (terminated) and
// −0.01 a step otherwise, truncated after MAX_STEPS steps. Its observation is [position / LENGTH,
// steps / MAX_STEPS], in [0, 1]².
import { Box, Discrete, Random, type Env, type ResetArgs, type ResetResult, type StepResult } from '../../src/index.js';

export const CORRIDOR_LENGTH = 6;
export const CORRIDOR_MAX_STEPS = 30;

/** What Corridor's snapshot() holds: JSON data only. */
export interface CorridorSnapshot {
  position: number;
  steps: number;
  random: number[];
}

export class Corridor implements Env<number> {
  readonly observationSpace = new Box(0, 1, [2]);
  readonly actionSpace = new Discrete(2);
  private position = 0;
  private steps = 0;
  private random = new Random(0);

  constructor(readonly id = 'Corridor-v0') {}

  reset({ seed }: ResetArgs = {}): ResetResult {
    if (seed !== undefined) this.random = new Random(seed);
    this.position = this.random.integer(3);
    this.steps = 0;
    return [this.observe(), {}];
  }

  step(action: number): StepResult {
    if (action !== 0 && action !== 1) throw new RangeError(`${this.id}: action must be 0 or 1, got ${action}`);
    this.position = Math.min(Math.max(this.position + (action === 1 ? 1 : -1), 0), CORRIDOR_LENGTH);
    this.steps++;
    const terminated = this.position === CORRIDOR_LENGTH;
    return [this.observe(), terminated ? 1 : -0.01, terminated, !terminated && this.steps >= CORRIDOR_MAX_STEPS, {}];
  }

  snapshot(): CorridorSnapshot {
    return { position: this.position, steps: this.steps, random: this.random.getState() };
  }

  restore(snapshot: CorridorSnapshot): void {
    const { position, steps, random } = snapshot;
    if (!Number.isInteger(position) || position < 0 || position > CORRIDOR_LENGTH) throw new RangeError(`${this.id}.restore: position must be an integer in [0, ${CORRIDOR_LENGTH}], got ${position}`);
    if (!Number.isInteger(steps) || steps < 0 || steps >= CORRIDOR_MAX_STEPS) throw new RangeError(`${this.id}.restore: steps must be an integer in [0, ${CORRIDOR_MAX_STEPS}), got ${steps}`);
    this.random.setState(random);
    this.position = position;
    this.steps = steps;
  }

  private observe(): Float32Array {
    return Float32Array.of(this.position / CORRIDOR_LENGTH, this.steps / CORRIDOR_MAX_STEPS);
  }
}

/** The same environment with only reset and step: trains and evaluates, but cannot be checkpointed. */
export function corridorWithoutSnapshots(): Env<number> {
  const corridor = new Corridor();
  return {
    id: corridor.id,
    observationSpace: corridor.observationSpace,
    actionSpace: corridor.actionSpace,
    reset: (args) => corridor.reset(args),
    step: (action) => corridor.step(action),
  };
}
