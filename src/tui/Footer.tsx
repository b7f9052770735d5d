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
}

/** Rows the footer takes. */
export const FOOTER_HEIGHT = 3;

export const Footer = memo(function Footer({ mode, message, focus, view, width, theme }: FooterProps) {
  return (
    <Box flexDirection="column" width={width}>
      <Box height={FOOTER_HEIGHT - 1} overflow="hidden">
        <StatusLine mode={mode} message={message} width={width} theme={theme} />
      </Box>
      <Text dimColor={theme.color}>{fit(keysFor(mode, focus, view, theme), width, theme.ellipsis)}</Text>
    </Box>
  );
});

function StatusLine({ mode, message, width, theme }: Pick<FooterProps, 'mode' | 'message' | 'width' | 'theme'>) {
  const lines = (text: string) => wrapLines(text, width, FOOTER_HEIGHT - 1, theme.ellipsis);
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

function keysFor(mode: Mode, focus: Focus, view: View, theme: Theme): string {
  const { updown, leftright } = theme.keys;
  switch (mode.kind) {
    case 'edit': return 'type a value (sizes: 4G, 1T + 512G)  Enter apply  Esc cancel  Backspace delete  Ctrl-U clear';
    case 'export': return 'Enter write  Esc cancel  Backspace delete  Ctrl-U clear';
    case 'confirm': return 'y overwrite  n choose another name';
    case 'help': return 'any key: back  q quit';
    case 'browse': {
      const move = focus === 'fields'
        ? `${updown} field  ${leftright} change  Enter type`
        : focus === 'map' ? `${updown} ${leftright} region` : `${updown} finding`;
      return `${move}  Tab ${nextFocus(focus, view)}  v ${view === 'plan' ? 'pool' : 'plan'} view  a apply recommendation  e export  ? help  q quit`;
    }
  }
}

function nextFocus(focus: Focus, view: View): string {
  if (focus === 'fields') return view === 'plan' ? 'map' : 'findings';
  return focus === 'map' ? 'findings' : 'fields';
}
