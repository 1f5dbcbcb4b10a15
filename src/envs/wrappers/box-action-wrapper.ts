// The shared part of the wrappers that map a Box action before the inner env sees it (Gymnasium's
// `ActionWrapper`, gymnasium/core.py, for Box spaces): ClipAction and RescaleAction.
import type { Action, Env, StepResult } from '../env.js';
import { Box } from '../spaces.js';
import { Wrapper } from './wrapper.js';

/**
 * A wrapper over an env with a Box action space that presents its own Box, `actionSpace`, and
 * maps each action into the inner env's. `step` checks the action — its length and finite
 * numbers, or with `checkRange` membership of the wrapper's space — and steps the inner env with
 * the mapped action, a new Float64Array each step.
 */
export abstract class BoxActionWrapper extends Wrapper {
  /** The inner env's action space. */
  protected readonly innerActionSpace: Box;
  /** The wrapper's action space, made by the subclass from the inner one. */
  protected abstract readonly space: Box;

  /**
   * @param env the environment to wrap (its action space must be a Box)
   * @param name the wrapper's class name, for error messages
   * @param checkRange whether an action outside `space`'s bounds throws (else it is mapped as it is)
   */
  protected constructor(env: Env, name: string, private readonly checkRange: boolean) {
    super(env, name);
    const inner = env.actionSpace;
    if (!(inner instanceof Box)) throw new TypeError(`${this.label}: the action space must be a Box, got ${String(inner)}`);
    this.innerActionSpace = inner;
  }

  override get actionSpace(): Box {
    return this.space;
  }

  override step(action: Action): StepResult {
    const reason = this.checkRange ? this.space.explain(action) : this.space.explainShape(action);
    if (reason !== undefined) throw new RangeError(`${this.label}: invalid action for action space ${this.space}: ${reason}`);
    const mapped = new Float64Array(this.space.size);
    this.mapAction(action as ArrayLike<number>, mapped);
    return this.env.step(mapped);
  }

  /** Writes the inner env's action for `action` (validated) into `out`. */
  protected abstract mapAction(action: ArrayLike<number>, out: Float64Array): void;
}
