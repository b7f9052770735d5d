/**
 * The planner's root: it holds the state, owns the keyboard, re-plans through the core inside useMemo and lays out
 * the presentational components. Reading files and the input layer happen in `services`, started as soon as the
 * reducer asks for them.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { plan } from '../core/plan.js';
import { SEVERITY } from '../core/findings.js';
import { ovmfSummary, qemuSummary } from '../render/plan-text.js';
import { decodeKeys } from './keys.js';
import { type Action, type Request, type RequestResult, type TuiState, clamp, reduce, selectedField } from './state.js';
import type { TuiServices } from './services.js';
import { mapView, planFindingItems, poolFindingItems, poolGroups, poolRecommendation, poolReport } from './derive.js';
import { fieldRows } from './field-rows.js';
import type { PhysBitsSetting } from '../core/spec.js';
import { isInputError } from '../input/input-error.js';
import type { Theme } from './theme.js';
import { HeaderLine } from './Header.js';
import { FieldEditor } from './FieldEditor.js';
import { AddressMap } from './AddressMap.js';
import { PoolView } from './PoolView.js';
import { FindingsList } from './FindingsList.js';
import { FOOTER_HEIGHT, Footer } from './Footer.js';
import { fit, wrapLines } from './text-fit.js';
import { Help } from './Help.js';
import { planBudget, poolBudget } from './budget.js';

export interface AppProps {
  readonly initial: TuiState;
  readonly services: TuiServices;
  readonly theme: Theme;
  /** The terminal's size; by default the output's, following resizes. */
  readonly size?: { readonly columns: number; readonly rows: number };
}

/** The fields column; the rest of the width goes to the map or the pool. */
export const FIELDS_WIDTH = 36;

export function App({ initial, services, theme, size }: AppProps) {
  const { exit } = useApp();
  const [state, dispatch] = useRequests(initial, services, exit);
  const terminal = useTerminalSize(size);
  const { planned } = state;

  // The steps of derive.ts's replan(), each memoized on what it reads.
  const thePlan = useMemo(() => plan(planned.vm), [planned.vm]);
  const groups = useMemo(() => poolGroups(planned), [planned.pool]);
  const report = useMemo(() => poolReport(planned, groups), [planned.vm, planned.pool, planned.setting, groups]);
  const recommendation = useMemo(() => poolRecommendation(planned, state.view), [planned.vm, planned.pool, state.view]);
  const mapColumns = Math.max(10, terminal.columns - FIELDS_WIDTH - 2);
  const map = useMemo(() => mapView(thePlan, planned.pool?.spec ?? null, mapColumns), [thePlan, planned.pool, mapColumns]);
  // Only the view shown lists findings; the pool's take a while to gather with many hosts.
  const findings = useMemo(() => (state.view === 'plan' ? planFindingItems(thePlan) : poolFindingItems(report)), [state.view, thePlan, report]);

  useInput((input, key) => {
    // The plan view does not search settings; `a` there asks for the recommendation once (the reducer runs twice).
    let setting: PhysBitsSetting | null | undefined;
    const recommended = () => (setting === undefined ? (setting = (recommendation ?? poolRecommendation(planned, 'pool'))?.best?.setting ?? null) : setting);
    const context = { mapItems: map.items.length, findings: findings.length, recommended, choices: services.choices };
    for (const k of decodeKeys(input, key)) dispatch({ type: 'key', key: k, context });
  });

  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);

  // The header's line, the footer, and one row spare so the screen never scrolls.
  const body = Math.max(8, terminal.rows - 1 - FOOTER_HEIGHT - 1);
  const panel = terminal.columns - FIELDS_WIDTH - 2;
  // The parts are memo components: these keep their props the same objects while what they show is unchanged.
  const verdicts = useMemo(() => [...qemuSummary(thePlan), ...ovmfSummary(thePlan)], [thePlan]);
  const poolVerdict = useMemo(() => (planned.pool && report ? { name: planned.pool.name, pass: report.verdict === 'pass' } : null), [planned.pool, report]);
  const rows = useMemo(() => fieldRows(state, selectedField(state)), [state.planned, state.mode, state.rejected, state.field]);
  const selectedFinding = clamp(state.finding, findings.length);
  const planRows = state.view === 'plan' ? planBudget(body, map.items.length, findings.length, verdicts.length) : null;
  const poolRows = state.view === 'pool' && report ? poolBudget(body, report.groups.length, findings.length) : null;
  const errors = thePlan.findings.filter((f) => SEVERITY[f.code] === 'error').length;
  const warnings = thePlan.findings.filter((f) => SEVERITY[f.code] === 'warning').length;

  return (
    <Box flexDirection="column" width={terminal.columns}>
      <HeaderLine
        vmName={planned.vmName ? `${planned.vmName}${planned.vmEdited ? '*' : ''}` : 'from flags'}
        qemuStarts={thePlan.ovmf !== null} errors={errors} warnings={warnings}
        pool={poolVerdict}
        view={state.view} width={terminal.columns} theme={theme}
      />
      {state.mode.kind === 'help' ? (
        <Box height={body} overflow="hidden"><Box alignSelf="flex-start"><Help width={terminal.columns} theme={theme} /></Box></Box>
      ) : (
        // Clipping costs ink a lot per frame, so the body is cut only when what is always drawn does not fit.
        <Box height={body} overflow={(planRows ?? poolRows)?.overflows ? 'hidden' : 'visible'}>
          <FieldEditor
            rows={rows} height={body} width={FIELDS_WIDTH}
            isFocused={state.focus === 'fields'} theme={theme}
          />
          {/* As tall as its content (never squeezed), cut at the body's height when it overflows. */}
          <Box flexDirection="column" marginLeft={2} width={panel} alignSelf="flex-start" flexShrink={0}>
            {planRows ? (
              <>
                <AddressMap view={map} selected={clamp(state.mapItem, map.items.length)} isFocused={state.focus === 'map'} legendHeight={planRows.legend} width={panel} theme={theme} />
                <Text> </Text>
                {verdicts.map((line, i) => <Text key={i}>{fit(line, panel, theme.ellipsis)}</Text>)}
                <Text> </Text>
                <FindingsList items={findings} selected={selectedFinding} isFocused={state.focus === 'findings'} height={planRows.findings} explanationHeight={planRows.explanation} width={panel} theme={theme} />
              </>
            ) : poolRows && planned.pool && report && recommendation ? (
              <>
                <PoolView poolName={planned.pool.name} report={report} recommendation={recommendation} reasonHeight={poolRows.reason} width={panel} theme={theme} />
                <Text> </Text>
                <FindingsList items={findings} selected={selectedFinding} isFocused={state.focus === 'findings'} height={poolRows.findings} explanationHeight={poolRows.explanation} width={panel} theme={theme} />
              </>
            ) : (
              wrapLines(`No pool. Choose one in the pool field: ${theme.keys.leftright} steps through the presets, Enter types a preset name or a pool file.`, panel, 3, theme.ellipsis)
                .map((line, i) => <Text key={i}>{line}</Text>)
            )}
          </Box>
        </Box>
      )}
      <Footer mode={state.mode} message={state.message} focus={state.focus} view={state.view} width={terminal.columns} theme={theme} />
    </Box>
  );
}

/**
 * The reducer's state, and a dispatch that also starts the request an action asks for, at once: the input layer
 * mostly answers without waiting for I/O, so the answer joins the key's own render and the new plan shows in one
 * frame, not two (the key's, with nothing new to show, then the plan's). The reducer is pure, so running it here on
 * the same actions in the same order gives the state React gives.
 */
function useRequests(initial: TuiState, services: TuiServices, exit: (error?: Error) => void): [TuiState, (action: Action) => void] {
  const [state, dispatchToReact] = useReducer(reduce, initial);
  const latest = useRef(initial);
  const dispatch = useCallback((action: Action) => {
    const before = latest.current;
    const after = reduce(before, action);
    latest.current = after;
    dispatchToReact(action);
    const { request } = after;
    // Only a new request starts work; the state it reads is the one that asked for it.
    if (!request || request === before.request) return;
    // A user's mistake comes back as a result; anything thrown is a bug: the app ends and the CLI reports it.
    run(request, services, after).then(
      (result) => dispatch({ type: 'result', id: request.id, result }),
      (error: unknown) => exit(error instanceof Error ? error : new Error(String(error))),
    );
  }, [services, exit]);
  return [state, dispatch];
}

async function run(request: Request, services: TuiServices, state: TuiState): Promise<RequestResult> {
  switch (request.kind) {
    case 'plan': {
      const planned = await services.plan(request.setup);
      return isInputError(planned) ? { kind: 'rejected', message: planned.message } : { kind: 'planned', planned };
    }
    case 'load-vm': {
      const loaded = await services.loadVm(request.name);
      return isInputError(loaded) ? { kind: 'rejected', message: loaded.message } : { kind: 'vm-loaded', ...loaded };
    }
    case 'load-pool': {
      const pool = await services.loadPool(request.name);
      return isInputError(pool) ? { kind: 'rejected', message: pool.message } : { kind: 'pool-loaded', pool };
    }
    case 'export':
      return services.exportFiles(state.planned, request.stem, request.overwrite);
  }
}

/** The given size, else the output's (following resizes); 80×24 when the output does not say. */
function useTerminalSize(size: AppProps['size']): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => size ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 };
  const [current, setCurrent] = useState(read);
  useEffect(() => {
    if (size) return;
    const onResize = () => setCurrent(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, size]);
  return size ?? current;
}
