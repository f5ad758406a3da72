/** A command of the page's `leadbeacon(name, ...args)` API. */
export type Command = (...args: any[]) => unknown;

/**
 * Installs `leadbeacon(name, ...args)` on `target` and replays, in order, the calls that the stub
 * queued before the script loaded:
 * `window.leadbeacon = window.leadbeacon || function () { (leadbeacon.q = leadbeacon.q || []).push(arguments) }`.
 * A call never throws into the page: an unknown or failing command returns undefined and
 * `onError` hears its name and the error (undefined for an unknown command). Whatever the page put
 * there first is survived: a read-only `leadbeacon` (its queued calls still run), a `q` that is no
 * list or holds no calls. Calls go through `apply`, not spread: a page may have broken the array iterator.
 */
export function installApi(
  target: { leadbeacon?: unknown },
  commands: Record<string, Command>,
  onError: (name: unknown, error: unknown) => void,
): void {
  const queued: unknown = Object(target.leadbeacon).q;
  const api = (name: string, ...args: unknown[]): unknown => {
    try {
      if ({}.hasOwnProperty.call(commands, name)) return commands[name]!.apply(0, args);
      onError(name, undefined);
    } catch (error) {
      onError(name, error);
    }
    return undefined;
  };
  try {
    target.leadbeacon = api;
  } catch {
    // Read-only: the page keeps its own; the queued calls below still run.
  }
  [].forEach.call(Object(queued), (call) => api.apply(0, Object(call)));
}
