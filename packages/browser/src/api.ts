/** A command of the page's `leadbeacon(name, ...args)` API. */
export type Command = (...args: any[]) => unknown;

/**
 * Installs `leadbeacon(name, ...args)` on `target` and replays, in order, the calls that the stub
 * queued before the script loaded:
 * `window.leadbeacon = window.leadbeacon || function () { (leadbeacon.q = leadbeacon.q || []).push(arguments) }`.
 * A call never throws into the page: an unknown or failing command returns undefined and
 * `onError` hears its name and the error (undefined for an unknown command).
 */
export function installApi(
  target: { leadbeacon?: unknown },
  commands: Record<string, Command>,
  onError: (name: unknown, error: unknown) => void,
): void {
  const queued: ArrayLike<unknown>[] = Object(target.leadbeacon).q || [];
  const api = (name: string, ...args: unknown[]): unknown => {
    try {
      if ({}.hasOwnProperty.call(commands, name)) return commands[name]!(...args);
      onError(name, undefined);
    } catch (error) {
      onError(name, error);
    }
    return undefined;
  };
  target.leadbeacon = api;
  for (const call of queued) api(...(Array.from(call) as [string]));
}
