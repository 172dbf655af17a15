/**
 * The worker side of a multi-threaded simulation: a shard host answers the coordinator's messages
 * (parallel.ts). The same code runs in a Node worker thread (src/cli/simulate.worker.ts) and in the pane's
 * Web Workers (src/app/workers/simulation.worker.ts); it is plain data in and out, no DOM, no Node.
 */
import { requestOptions, type SimulationRequest } from './request';
import {
  newPartial,
  releaseShard,
  runChunk,
  shardFlush,
  shardPilot,
  shardSetSpec,
  type ChunkPartial,
  type Layout,
  type Shard,
  type ShardSketch,
} from './engine';
import type { SketchSpec } from './sketch';
import { runSettings, shardFor, type RunSettings } from './simulation';

/** Coordinator -> shard. */
export type ShardInbound =
  | { type: 'shard:open'; request: SimulationRequest }
  | { type: 'shard:pilot' }
  | { type: 'shard:spec'; spec: SketchSpec }
  | { type: 'shard:chunk'; index: number }
  | { type: 'shard:sketch' }
  | { type: 'shard:close' };

/** Shard -> coordinator. */
export type ShardOutbound =
  | { type: 'shard:opened'; layout: Layout; settings: RunSettings; shift: Float64Array }
  | { type: 'shard:spec'; spec: SketchSpec }
  | { type: 'shard:chunk'; partial: ChunkPartial }
  | { type: 'shard:sketch'; sketch: ShardSketch | null }
  | { type: 'shard:error'; message: string };

export type ShardPost = (message: ShardOutbound, transfer?: ArrayBuffer[]) => void;

/** A message handler holding one shard; answers through `post`. */
export function createShardHost(post: ShardPost): (message: ShardInbound) => void {
  let shard: Shard | null = null;
  return (message) => {
    try {
      switch (message.type) {
        case 'shard:open': {
          const options = requestOptions(message.request);
          const settings = runSettings(options);
          shard = shardFor(options, settings);
          post({ type: 'shard:opened', layout: shard.layout, settings, shift: shard.shift });
          return;
        }
        case 'shard:pilot':
          post({ type: 'shard:spec', spec: shardPilot(need(shard)) });
          return;
        case 'shard:spec':
          shardSetSpec(need(shard), message.spec);
          return;
        case 'shard:chunk': {
          const s = need(shard);
          const chunk = s.layout.plan.chunks[message.index];
          const partial = newPartial(s.layout, chunk.index);
          let sink = null;
          if (s.layout.mode === 'exact') {
            partial.outputs = new Float64Array(s.cellSource.length * chunk.n);
            partial.inputs = new Float64Array(s.inputIndex.length * chunk.n);
            sink = { outputs: partial.outputs, inputs: partial.inputs, capacity: chunk.n, offset: 0 };
          }
          runChunk(s, chunk, 0, chunk.n, partial, sink);
          const transfer = [partial.moments.buffer as ArrayBuffer];
          if (partial.outputs && partial.inputs) transfer.push(partial.outputs.buffer as ArrayBuffer, partial.inputs.buffer as ArrayBuffer);
          post({ type: 'shard:chunk', partial }, transfer);
          return;
        }
        case 'shard:sketch': {
          // Correlations still pending for the batch in hand are added before the sketch leaves.
          shardFlush(need(shard));
          const sketch = need(shard).sketch;
          post(
            { type: 'shard:sketch', sketch },
            sketch
              ? [
                  sketch.counts.fine.buffer as ArrayBuffer,
                  ...(sketch.counts.wide ? [sketch.counts.wide.buffer as ArrayBuffer] : []),
                  ...sketch.corr.map((c) => c.buffer as ArrayBuffer),
                ]
              : [],
          );
          if (shard) shard.sketch = null;
          return;
        }
        case 'shard:close':
          if (shard) releaseShard(shard);
          shard = null;
          return;
      }
    } catch (error) {
      post({ type: 'shard:error', message: error instanceof Error ? error.message : String(error) });
    }
  };
}

function need(shard: Shard | null): Shard {
  if (!shard) throw new Error('simulation shard: no run opened');
  return shard;
}
