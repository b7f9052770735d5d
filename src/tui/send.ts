/** Starting a request from the screen state: the request gets the next id; new values build on the one in flight. */
import type { Request, TuiState } from './state.js';
import type { Setup } from './setup.js';

export type NewRequest = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

export function send(state: TuiState, request: NewRequest): TuiState {
  return { ...state, request: { ...request, id: state.nextId } as Request, nextId: state.nextId + 1 };
}

/** New values build on the setup in flight, if any, so two quick steps make two steps. */
export function baseSetup(state: TuiState): Setup {
  return state.request?.kind === 'plan' ? state.request.setup : state.planned;
}

