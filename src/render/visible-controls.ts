/**
 * Control characters made visible (issue 21): a host name such as "\u001b[2J\u001b]0;PWNED\u0007" from a pool file
 * would clear the screen and set the window title if printed raw. C0 controls other than newline and tab, DEL and the
 * C1 range become `\uXXXX`, which reads plainly in text and is the same character inside a JSON string, so JSON output
 * (whose own C0 escapes JSON.stringify already writes) stays exact.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

export function visibleControls(text: string): string {
  return CONTROL.test(text) ? text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}
