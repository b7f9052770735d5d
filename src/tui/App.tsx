/**
 * The planner's root: it holds the state, owns the keyboard, re-plans through the core inside useMemo and lays out
 * the presentational components by priority (budget.ts). Reading files and the input layer happen in `services`,
 * started as soon as the reducer asks for them.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { type Plan, plan } from '../core/plan.js';
import { SEVERITY } from '../core/findings.js';
import { deviceAdvice } from '../core/pci/device-fit.js';
import { ovmfSummary, qemuSummary } from '../render/plan-text.js';
import { findingMessage } from '../render/messages.js';
import { decodeKeys } from './keys.js';
import { type Action, type Focus, type KeyContext, type Request, type RequestResult, type TuiState, clamp, reduce, selectedField } from './state.js';
import type { TuiServices } from './services.js';
import { type FindingItem, mapView, planFindingItems, poolFindingItems, poolGroups, poolRecommendation, poolReport } from './derive.js';
import { fieldRows } from './field-rows.js';
import type { PhysBitsSetting } from '../core/spec.js';
import { isInputError } from '../input/input-error.js';
import type { Theme } from './theme.js';
import { HeaderLine } from './Header.js';
import { FieldEditor } from './FieldEditor.js';
import { AddressMap } from './AddressMap.js';
import { explainFailure } from '../core/pool/recommend-explain.js';
import { MatrixLines, PoolSummary, RecommendationLines, recommendationExtra } from './PoolView.js';
import { migrationLines } from '../render/pool-text.js';
import { ScrollPane } from './ScrollPane.js';
import { FOOTER_HEIGHT, Footer } from './Footer.js';
import { fit, wrapLines } from './text-fit.js';
import { helpLines } from './Help.js';
import { planBudget, poolBudget } from './budget.js';
import { filterFindings, filterGroups, findingLines, groupTable } from './pane-lines.js';
import { NO_DEVICES_TEXT, devicesView, fixChoices } from './device-lines.js';

export interface AppProps {
  readonly initial: TuiState;
  readonly services: TuiServices;
  readonly theme: Theme;
  /** The terminal's size; by default the output's, following resizes. */
  readonly size?: { readonly columns: number; readonly rows: number };
  /** Called with the last plan when the user quits (tui --emit prints its settings). */
  readonly onQuit?: (state: TuiState) => void;
}

/** The fields column; the rest of the width goes to the map or the pool. Narrower under WIDE columns (short labels). */
export const FIELDS_WIDTH = 36;
export const NARROW_FIELDS_WIDTH = 28;
export const WIDE = 120;

export function App({ initial, services, theme, size, onQuit }: AppProps) {
  const { exit } = useApp();
  const [state, dispatch] = useRequests(initial, services, exit);
  const terminal = useTerminalSize(size);
  const { planned } = state;
  const narrow = terminal.columns < WIDE;
  const fieldsWidth = narrow ? NARROW_FIELDS_WIDTH : FIELDS_WIDTH;
  const panel = Math.max(10, terminal.columns - fieldsWidth - 2);
  // The header's line, the footer, and one row spare so the screen never scrolls.
  const body = Math.max(6, terminal.rows - 1 - FOOTER_HEIGHT - 1);

  // The steps of derive.ts's replan(), each memoized on what it reads.
  const thePlan = useMemo(() => plan(planned.vm), [planned.vm]);
  const groups = useMemo(() => poolGroups(planned), [planned.pool]);
  const report = useMemo(() => poolReport(planned, groups), [planned.vm, planned.pool, planned.setting, groups]);
  const recommendation = useMemo(() => poolRecommendation(planned, state.view), [planned.vm, planned.pool, state.view]);
  // An open host group shows that group's own plan: its host's QEMU, OVMF and width.
  const group = state.view === 'pool' && state.openGroup !== null ? report?.groups[state.openGroup] ?? null : null;
  const shownPlan: Plan | null = state.view === 'pool' ? group?.plan ?? null : thePlan;
  const map = useMemo(() => (shownPlan ? mapView(shownPlan, planned.pool?.spec ?? null, panel) : null), [shownPlan, planned.pool, panel]);
  const advice = useMemo(() => (state.view === 'devices' ? deviceAdvice(planned.vm, thePlan) : null), [state.view, planned.vm, thePlan]);
  const devices = useMemo(() => (state.view === 'devices' ? devicesView(thePlan, advice, panel, theme) : null), [state.view, thePlan, advice, panel, theme]);

  // Only the view shown lists findings; the pool's take a while to gather with many hosts.
  const allFindings = useMemo((): readonly FindingItem[] => {
    if (state.view === 'pool') return group ? group.findings.map((f) => ({ severity: SEVERITY[f.code], code: f.code, place: '', message: findingMessage(f) })) : poolFindingItems(report);
    return state.view === 'plan' ? planFindingItems(thePlan) : [];
  }, [state.view, thePlan, report, group]);
  const findings = useMemo(() => filterFindings(allFindings, state.filter), [allFindings, state.filter]);
  const selectedFinding = clamp(state.finding, findings.length);
  const findingRows = useMemo(() => findingLines(findings, selectedFinding, panel, theme), [findings, selectedFinding, panel, theme]);
  const shownGroups = useMemo(() => (report ? filterGroups(report.groups, state.filter) : []), [report, state.filter]);
  const table = useMemo(() => groupTable(shownGroups, panel - 2, theme), [shownGroups, panel, theme]);
  const matrixRows = useMemo(() => (report ? migrationLines(report) : []), [report]);
  const help = useMemo(() => helpLines(terminal.columns - 2, theme), [terminal.columns, theme]);

  const verdicts = useMemo(() => (shownPlan ? [...qemuSummary(shownPlan), ...ovmfSummary(shownPlan)] : []), [shownPlan]);
  const shortVerdicts = useMemo(() => verdicts.filter((line) => !line.startsWith(' ')), [verdicts]);
  // What blocks every setting: computed only when none passes, as `pool recommend` does.
  const explanation = useMemo(() => (recommendation && !recommendation.best && planned.pool ? explainFailure(planned.vm, planned.pool.spec) : undefined), [recommendation, planned.vm, planned.pool]);
  const extra = useMemo(() => (report && recommendation ? recommendationExtra(recommendation, report, panel, theme, explanation) : []), [report, recommendation, panel, theme, explanation]);

  const groupOpen = group !== null || (state.view === 'pool' && state.openGroup !== null);
  const planRows = (state.view === 'plan' || groupOpen) && map
    ? planBudget(body - (groupOpen ? 1 : 0), {
        legendItems: map.items.length, verdictShort: shortVerdicts.length, verdictFull: verdicts.length, findingLines: findingRows.length,
        focus: state.focus === 'map' ? 'map' : state.focus === 'findings' ? 'findings' : 'other',
      })
    : null;
  const poolRows = state.view === 'pool' && !groupOpen && report
    ? poolBudget(body, { groups: shownGroups.length, matrixLines: matrixRows.length, findingLines: findingRows.length, recommendationExtra: extra.length, focus: state.focus === 'groups' ? 'groups' : state.focus === 'findings' ? 'findings' : 'other' })
    : null;
  const devicesPane = devices ? Math.max(2, body - Math.min(devices.summary.length, body - 3)) : 0;

  const pageOf = (focus: Focus): number => {
    const rows = focus === 'findings' ? (planRows?.findings ?? poolRows?.findings ?? 0) - 1
      : focus === 'groups' ? (poolRows?.groups ?? 0) - 2 : focus === 'devices' ? devicesPane - 2 : focus === 'map' ? planRows?.legend ?? 0 : body;
    return Math.max(1, rows);
  };
  const helpRows = body;

  useInput((input, key) => {
    // The plan view does not search settings; `a` there asks for the recommendation once (the reducer runs twice).
    let setting: PhysBitsSetting | null | undefined;
    const recommended = () => (setting === undefined ? (setting = (recommendation ?? poolRecommendation(planned, 'pool'))?.best?.setting ?? null) : setting);
    const context: KeyContext = {
      mapItems: map?.items.length ?? 0, findings: findings.length, recommended, choices: services.choices,
      groups: shownGroups.length, groupAt: (i) => (report ? report.groups.indexOf(shownGroups[i]!) : i),
      deviceRows: devices?.items ?? 0, page: pageOf(state.focus), helpLines: help.length, helpRows,
      fixes: () => fixChoices(advice),
    };
    for (const k of decodeKeys(input, key)) dispatch({ type: 'key', key: k, context });
  });

  useEffect(() => {
    if (!state.quit) return;
    onQuit?.(state);
    exit();
  }, [state.quit, exit]);

  const rows = useMemo(() => fieldRows(state, selectedField(state), narrow), [state.planned, state.mode, state.rejected, state.field, narrow]);
  const poolVerdict = useMemo(() => (planned.pool && report ? { name: planned.pool.name, pass: report.verdict === 'pass' } : null), [planned.pool, report]);
  const errors = thePlan.findings.filter((f) => SEVERITY[f.code] === 'error').length;
  const warnings = thePlan.findings.filter((f) => SEVERITY[f.code] === 'warning').length;
  const filtered = state.filter !== '' ? ` matching "${state.filter}"` : '';
  const findingsPane = (height: number) => (
    <ScrollPane
      title={`Findings${filtered} (${findings.length}${filtered ? ` of ${allFindings.length}` : ''})`} lines={findingRows} items={findings.length}
      selected={selectedFinding} isFocused={state.focus === 'findings'} height={height} width={panel} theme={theme} empty={filtered ? 'none match' : 'none'}
    />
  );

  let content: React.ReactNode;
  if (state.mode.kind === 'help') {
    content = <ScrollPane title="Help" lines={help} items={help.length} selected={-1} top={state.mode.top} isFocused height={body} width={terminal.columns} theme={theme} />;
  } else if (planRows && map && shownPlan) {
    content = (
      <>
        {group ? <Text bold={theme.color}>{fit(`Group ${group.id} (${group.count} machine${group.count === 1 ? '' : 's'}: ${group.hosts.slice(0, 3).join(', ')}${group.hosts.length > 3 ? ` +${group.hosts.length - 3}` : ''}): ${group.boots ? 'boots' : 'does NOT boot'}; Esc back`, panel, theme.ellipsis)}</Text> : null}
        <AddressMap view={map} selected={clamp(state.mapItem, map.items.length)} isFocused={state.focus === 'map'} legendHeight={planRows.legend} detailsHeight={planRows.details} width={panel} theme={theme} />
        {planRows.gaps > 0 ? <Text> </Text> : null}
        {(planRows.fullVerdict ? verdicts : shortVerdicts).map((line, i) => <Text key={i}>{fit(line, panel, theme.ellipsis)}</Text>)}
        {planRows.gaps > 1 ? <Text> </Text> : null}
        {findingsPane(planRows.findings)}
      </>
    );
  } else if (groupOpen) {
    content = <Text>{fit(`Group ${group?.id ?? ''}: the VM's machine type is not in this host's QEMU (no plan); Esc back`, panel, theme.ellipsis)}</Text>;
  } else if (poolRows && planned.pool && report && recommendation) {
    content = (
      <>
        <PoolSummary poolName={planned.pool.name} report={report} width={panel} theme={theme} />
        <ScrollPane
          title={`Host groups${filtered} (${shownGroups.length}${filtered ? ` of ${report.groups.length}` : ''})${state.focus === 'groups' ? ', Enter: its plan' : ''}`}
          header={table.header} lines={table.lines} items={shownGroups.length} selected={clamp(state.group, shownGroups.length)}
          isFocused={state.focus === 'groups'} height={poolRows.groups} width={panel} theme={theme} empty={filtered ? 'none match' : 'none'}
        />
        {poolRows.matrix ? <MatrixLines rows={matrixRows} width={panel} theme={theme} /> : null}
        {poolRows.gaps > 0 ? <Text> </Text> : null}
        <RecommendationLines report={report} recommendation={recommendation} extra={poolRows.recommendationExtra ? extra : []} width={panel} theme={theme} />
        {poolRows.gaps > 1 ? <Text> </Text> : null}
        {findingsPane(poolRows.findings)}
      </>
    );
  } else if (state.view === 'devices') {
    content = devices ? (
      <>
        {devices.summary.slice(0, body - devicesPane).map((line, i) => <Text key={i} color={line.colour}>{fit(line.text, panel, theme.ellipsis)}</Text>)}
        <ScrollPane
          title={`Devices: ${planned.vm.pci.devices.length} passed through, ${thePlan.devices?.bars.length ?? 0} BARs`} header={devices.header}
          lines={devices.rows} items={devices.items} selected={clamp(state.device, devices.items)} isFocused={state.focus === 'devices'}
          height={devicesPane} width={panel} theme={theme}
        />
      </>
    ) : wrapLines(NO_DEVICES_TEXT, panel, Infinity, theme.ellipsis).map((line, i) => <Text key={i}>{line}</Text>);
  } else {
    content = wrapLines(`No pool. Choose one in the pool field: ${theme.keys.leftright} steps through the presets, Enter types a preset name or a pool file.`, panel, Infinity, theme.ellipsis)
      .map((line, i) => <Text key={i}>{line}</Text>);
  }

  return (
    <Box flexDirection="column" width={terminal.columns}>
      <HeaderLine
        vmName={planned.vmName ? `${planned.vmName}${planned.vmEdited ? '*' : ''}` : 'from flags'}
        qemuStarts={thePlan.ovmf !== null} errors={errors} warnings={warnings}
        pool={poolVerdict}
        view={state.view} width={terminal.columns} theme={theme}
      />
      {state.mode.kind === 'help' ? (
        <Box height={body} flexDirection="column">{content}</Box>
      ) : (
        <Box height={body}>
          <FieldEditor rows={rows} height={body} width={fieldsWidth} isFocused={state.focus === 'fields'} theme={theme} labelWidth={narrow ? 12 : 16} />
          <Box flexDirection="column" marginLeft={2} width={panel} alignSelf="flex-start" flexShrink={0}>{content}</Box>
        </Box>
      )}
      <Footer mode={state.mode} message={state.message} focus={state.focus} view={state.view} width={terminal.columns} theme={theme} openGroup={groupOpen} />
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

