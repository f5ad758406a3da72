/**
 * Text safe to print on a terminal: every control character (C0, DEL, C1) becomes a visible
 * escape (`\x1b`, `\x9b`), so a value that came from outside (an upstream's error message, a
 * uniqueEventId, a database error) can neither colour, move the cursor, rewrite the title nor hide
 * lines. Line breaks stay when `keepNewlines` (whole messages); table cells escape them too.
 */
export function printable(text: string, keepNewlines = false): string {
  return text.replace(keepNewlines ? /[\x00-\x09\x0b-\x1f\x7f-\x9f]/g : /[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
