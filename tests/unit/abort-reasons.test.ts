import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import '@/server/abort-reasons-without-call-sites';

/*
 * What server/abort-reasons-without-call-sites.ts is for, measured with a
 * real garbage collection: an object that was `this` somewhere on the stack
 * when an abort reason was made must not stay alive because of that reason.
 */

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

type Probe = { kept: unknown; receiver: WeakRef<object> };

/** Runs `make` as a method of a fresh object and returns what it made, with a weak reference to that object. */
function madeInsideAMethod(make: () => unknown): Probe {
  const receiver = {
    payload: 'x'.repeat(100_000),
    run() {
      return make();
    },
  };
  return { kept: receiver.run(), receiver: new WeakRef(receiver) };
}

async function receiverIsCollected(probe: Probe): Promise<boolean> {
  // A WeakRef keeps its target until the current job ends.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  return probe.receiver.deref() === undefined;
}

describe('abort reasons', () => {
  it('V8 keeps the `this` of every frame of an Error whose stack nobody read (why the module exists)', async () => {
    const probe = madeInsideAMethod(() => new Error('made inside a method'));
    expect(await receiverIsCollected(probe)).toBe(false);
    expect((probe.kept as Error).message).toBe('made inside a method');
  });

  it('an Error given to abort() no longer keeps the objects of the stack it was made on', async () => {
    const probe = madeInsideAMethod(() => {
      const controller = new AbortController();
      controller.abort(new Error('render finished'));
      return controller;
    });
    expect(await receiverIsCollected(probe)).toBe(true);
    const controller = probe.kept as AbortController;
    expect((controller.signal.reason as Error).message).toBe('render finished');
    expect((controller.signal.reason as Error).stack).toContain('render finished');
  });

  it('neither does the DOMException of abort() without a reason', async () => {
    const probe = madeInsideAMethod(() => {
      const controller = new AbortController();
      controller.abort();
      return controller;
    });
    expect(await receiverIsCollected(probe)).toBe(true);
    expect((probe.kept as AbortController).signal.reason).toBeInstanceOf(DOMException);
  });
});
