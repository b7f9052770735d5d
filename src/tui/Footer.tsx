/** The bottom lines: a message or prompt (up to two lines, so the CLI's longest messages show whole), then the keys. */
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Focus, Message, Mode, View } from './state.js';
import type { Theme } from './theme.js';
import { fit, wrapLines } from './text-fit.js';

export interface FooterProps {
  readonly mode: Mode;
  readonly message: Message | null;
  readonly focus: Focus;
  readonly view: View;
  readonly width: number;
  readonly theme: Theme;
  /** A host group's own plan is open (Esc goes back). */
  readonly openGroup?: boolean;
}

/** Rows the footer takes. */
export const FOOTER_HEIGHT = 3;

export const Footer = memo(function Footer({ mode, message, focus, view, width, theme, openGroup = false }: FooterProps) {
  return (
    <Box flexDirection="column" width={width}>
      <Box height={FOOTER_HEIGHT - 1} overflow="hidden">
        <StatusLine mode={mode} message={message} width={width} theme={theme} />
      </Box>
      <Text dimColor={theme.color}>{keysFor(mode, focus, view, width, theme, openGroup)}</Text>
    </Box>
  );
});

function StatusLine({ mode, message, width, theme }: Pick<FooterProps, 'mode' | 'message' | 'width' | 'theme'>) {
  const lines = (text: string) => wrapLines(text, width, FOOTER_HEIGHT - 1, theme.ellipsis);
  if (mode.kind === 'filter') {
    const prompt = 'Filter findings and host groups: /';
    const room = Math.max(1, width - prompt.length - 1);
    return <Text>{prompt}{mode.text.slice(-room)}{theme.editCaret}</Text>;
  }
  if (mode.kind === 'export') {
    const prompt = 'Export as NAME.vm.json and NAME.pool.json, NAME: ';
    const room = Math.max(1, width - prompt.length - 1);
    return (
      <Box flexDirection="column">
        <Text>{prompt}{mode.text.slice(-room)}{theme.editCaret}</Text>
        {message ? <Text>{fit(message.text, width, theme.ellipsis)}</Text> : null}
      </Box>
    );
  }
  const [text, colour] = mode.kind === 'confirm'
    ? [`${mode.files.join(' and ')} ${mode.files.length > 1 ? 'exist' : 'exists'}: overwrite? (y/n)`, theme.colour.warning]
    : message?.tone === 'error' ? [`${theme.color ? '✗' : 'error:'} ${message.text}`, theme.colour.error]
    : [message?.text ?? '', undefined];
  return <Box flexDirection="column">{lines(text).map((line, i) => <Text key={i} color={colour}>{line}</Text>)}</Box>;
}

/**
 * The keys that work now, by priority: what moves in the focused pane, then quit, help and the views, then the rest.
 * Hints that do not fit the width are left out whole (never cut), so the ones shown always read.
 */
export function keysFor(mode: Mode, focus: Focus, view: View, width: number, theme: Theme, openGroup = false): string {
  const { updown, leftright } = theme.keys;
  switch (mode.kind) {
    case 'edit': return fitHints(['Enter apply', 'Esc cancel', 'Ctrl-U clear', 'type a value (sizes: 4G, 1T + 512G)', 'Backspace delete'], width);
    case 'export': return fitHints(['Enter write', 'Esc cancel', 'Ctrl-U clear', 'Backspace delete'], width);
    case 'confirm': return 'y overwrite  n choose another name';
    case 'filter': return fitHints(['type to filter', 'Enter keep', 'Esc clear', 'Ctrl-U clear'], width);
    case 'help': return fitHints([`${updown} PgUp PgDn scroll`, 'Esc back', 'q quit'], width);
    case 'browse': {
      const move = focus === 'fields' ? [`${updown} field`, `${leftright} change`, 'Enter type']
        : focus === 'map' ? [`${updown} region`] : focus === 'groups' ? [`${updown} group`, 'Enter its plan'] : focus === 'devices' ? [`${updown} row`] : [`${updown} finding`];
      const views = view === 'plan' ? ['v pool', 'd devices'] : view === 'pool' ? ['v plan', 'd devices'] : ['d plan', 'x/p apply fix'];
      return fitHints([
        ...move, `Tab ${nextFocus(focus, view, openGroup)}`, '? help', 'q quit', ...(openGroup ? ['Esc back'] : []), ...views, '/ filter', 'u undo',
        ...(view === 'pool' ? ['a apply recommended'] : []), 'e export',
      ], width);
    }
  }
}

/** The hints in priority order, those that fit, shown in that order. */
function fitHints(hints: readonly string[], width: number): string {
  const shown: string[] = [];
  let used = 0;
  for (const hint of hints) {
    const cost = (shown.length === 0 ? 0 : 2) + hint.length;
    if (used + cost > width) continue;
    shown.push(hint);
    used += cost;
  }
  return shown.join('  ');
}

function nextFocus(focus: Focus, view: View, openGroup: boolean): string {
  if (view === 'devices') return focus === 'fields' ? 'devices' : 'fields';
  if (view === 'pool' && !openGroup) return focus === 'fields' ? 'groups' : focus === 'groups' ? 'findings' : 'fields';
  return focus === 'fields' ? 'map' : focus === 'map' ? 'findings' : 'fields';
}
