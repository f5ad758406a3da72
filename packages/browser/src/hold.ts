import type { Field } from './beacon';
import type { Confirmation } from './outcome';

/** A lead as a chunk hands it to the script's one lead path. */
export interface HeldLead {
  fields: Field[];
  hp?: string | undefined;
  form?: object | undefined;
}

/** The part of a node (or window) an outcome event's target offers. */
export interface Target {
  nodeType?: number;
  contains?(other: Node): boolean;
}

export interface Holds {
  /** Keeps the form's lead until its builder's outcome, at most `waitMs`; a newer submit replaces it. */
  hold(form: Element, lead: HeldLead, key: unknown): void;
  /**
   * The builder's outcome for the held forms the target is in, contains or is (window, document:
   * all, even a form the builder has since replaced): accepted sends them marked confirmed, rejected drops them. Returns how many it settled.
   */
  settle(target: Target, accepted: boolean, only?: (form: Element) => boolean): number;
  /** Sends every held lead now, marked unconfirmed (the page is going). */
  flush(): void;
  /** Sends the form's held lead now, unmarked: nothing will report on it (a submit that navigates). */
  send(form: Element): void;
}

/**
 * Submissions waiting for their builder's outcome. A rejected one is never sent; a corrected
 * resubmit of the same form is held again under the same key, so it updates one lead; one whose
 * outcome never comes is sent after `waitMs`, marked unconfirmed, so no lead is lost.
 */
export function createHolds(
  submit: (lead: HeldLead, key: unknown) => void,
  waitMs: number,
  later: (fn: () => void, ms: number) => unknown = setTimeout,
): Holds {
  const held = new Map<Element, [HeldLead, unknown]>();

  /** Ends the form's wait: `false` drops the lead, else it is sent, with `formOutcome` when one is given. */
  function release(form: Element, outcome: Confirmation | boolean): void {
    const entry = held.get(form);
    if (!entry || outcome === false) return void held.delete(form);
    const [lead, key] = entry;
    held.delete(form);
    submit(outcome === true ? lead : { ...lead, fields: [...lead.fields, { n: 'formOutcome', v: [outcome] }] }, key);
  }

  return {
    hold(form, lead, key) {
      const entry: [HeldLead, unknown] = [lead, key];
      held.set(form, entry);
      // Only this submit's timer may release it: a resubmit brings its own wait.
      later(() => held.get(form) == entry && release(form, 'unconfirmed'), waitMs);
    },
    settle(target, accepted, only = () => true) {
      let count = 0;
      for (const form of [...held.keys()]) {
        if (only(form) && (!target.contains || target.nodeType == 9 || target.contains(form) || form.contains(target as Node))) {
          release(form, accepted && 'confirmed');
          count++;
        }
      }
      return count;
    },
    flush() {
      for (const form of [...held.keys()]) release(form, 'unconfirmed');
    },
    send: (form) => release(form, true),
  };
}
