import { describe, expect, it } from 'vitest';
import { createHolds, type HeldLead } from '../src/hold';

/** A stand-in for a form element and the nodes around it: only `contains` matters. */
function node(children: object[] = []): Element {
  const self = { contains: (other: unknown) => other === self || children.some((c) => (c as Element).contains(other as Node)) };
  return self as unknown as Element;
}

function setup(waitMs = 1000) {
  const sent: [HeldLead, unknown][] = [];
  const timers: [() => void, number][] = [];
  const holds = createHolds((lead, key) => sent.push([lead, key]), waitMs, (fn, ms) => timers.push([fn, ms]));
  return { sent, timers, holds, runTimers: () => timers.splice(0).forEach(([fn]) => fn()) };
}

const lead = (email: string): HeldLead => ({ fields: [{ n: 'email', v: [email] }], form: { n: 'contact' } });
const outcomeOf = ([held]: [HeldLead, unknown]) => held.fields.find((f) => f.n == 'formOutcome')?.v[0];

describe('createHolds', () => {
  it('sends a held lead marked confirmed when its builder accepts it', () => {
    const { sent, holds } = setup();
    const form = node();
    holds.hold(form, lead('jane@example.com'), 'k');
    expect(sent).toEqual([]);
    expect(holds.settle(node([form]), true)).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]![1]).toBe('k');
    expect(outcomeOf(sent[0]!)).toBe('confirmed');
  });

  it('never sends a submission the builder rejects, not even when its wait ends', () => {
    const { sent, holds, runTimers } = setup();
    const form = node();
    holds.hold(form, lead('bad'), 'k');
    holds.settle(form, false);
    runTimers();
    holds.flush();
    expect(sent).toEqual([]);
  });

  it('sends the lead marked unconfirmed when no outcome comes within the wait', () => {
    const { sent, timers, holds, runTimers } = setup(8000);
    holds.hold(node(), lead('jane@example.com'), 'k');
    expect(timers[0]![1]).toBe(8000);
    runTimers();
    expect(sent.map(outcomeOf)).toEqual(['unconfirmed']);
  });

  it('sends what waits, unconfirmed, when the page is left', () => {
    const { sent, holds } = setup();
    holds.hold(node(), lead('jane@example.com'), 'k');
    holds.flush();
    holds.flush();
    expect(sent.map(outcomeOf)).toEqual(['unconfirmed']);
  });

  it('sends a corrected resubmit under the same key, and an earlier wait does not release it', () => {
    const { sent, timers, holds } = setup();
    const form = node();
    holds.hold(form, lead('bad'), 'k');
    holds.settle(form, false);
    holds.hold(form, lead('jane@example.com'), 'k');
    timers[0]![0]();
    expect(sent).toEqual([]);
    holds.settle(form, true);
    expect(sent.map(([held, key]) => [held.fields[0]!.v[0], key])).toEqual([['jane@example.com', 'k']]);
  });

  it('settles only the forms the event target is in or contains; a window or document settles every one', () => {
    const { sent, holds } = setup();
    const a = node();
    const b = node();
    holds.hold(a, lead('a@example.com'), 'a');
    holds.hold(b, lead('b@example.com'), 'b');
    expect(holds.settle(node([a]), true)).toBe(1);
    expect(sent.map(([, key]) => key)).toEqual(['a']);
    holds.hold(a, lead('a@example.com'), 'a');
    expect(holds.settle({}, true)).toBe(2);
    holds.hold(a, lead('a@example.com'), 'a');
    // A document: even a form the builder has since replaced (no longer in it).
    expect(holds.settle({ nodeType: 9, contains: () => false }, true)).toBe(1);
  });

  it('settles only the forms `only` accepts', () => {
    const { holds } = setup();
    const a = node();
    holds.hold(a, lead('a@example.com'), 'a');
    expect(holds.settle({}, true, () => false)).toBe(0);
    expect(holds.settle({}, true, (form) => form == a)).toBe(1);
  });

  it('sends a held lead at once and unmarked when nothing will report on it', () => {
    const { sent, holds, runTimers } = setup();
    const form = node();
    holds.hold(form, lead('jane@example.com'), 'k');
    holds.send(form);
    runTimers();
    holds.flush();
    expect(sent.map(outcomeOf)).toEqual([undefined]);
  });
});
