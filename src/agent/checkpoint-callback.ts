// A callback that saves the agent every few iterations, as SB3's CheckpointCallback does.
import { assertInteger, assertKnownKeys, describe } from '../util/validate.js';
import type { Callback } from './agent.js';

/** What `checkpointCallback` takes. */
export interface CheckpointCallbackOptions {
  /** Iterations between saves: after iteration `every`, 2·`every`, … */
  every: number;
  /**
   * The file to save to (`agent.save`, Node). A `{step}` in it becomes the global step, so that
   * every checkpoint is kept (SB3 names them by steps); without one, each save replaces the last.
   */
  path: string;
}

/** Saves the agent to `path` after every `every` iterations; never stops training. */
export function checkpointCallback(options: CheckpointCallbackOptions): Callback {
  if (options === null || typeof options !== 'object') throw new TypeError(`checkpointCallback: expected { every, path }, got ${describe(options)}`);
  assertKnownKeys(options, ['every', 'path'], 'checkpointCallback');
  const { every, path } = options;
  assertInteger(every, 'checkpointCallback: every', 1);
  if (typeof path !== 'string' || path.length === 0) throw new TypeError(`checkpointCallback: path must be a non-empty string, got ${describe(path)}`);
  return async ({ iteration, agent }) => {
    if (iteration % every === 0) await agent.save(path.replaceAll('{step}', String(agent.globalStep)));
  };
}
