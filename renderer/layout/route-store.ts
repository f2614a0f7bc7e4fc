/**
 * The orthogonal routes of the last ELK layout, as view state (never stored: they follow from
 * the positions). A route is drawn only while both of its cards are where the layout put
 * them: once a person moves one, the link falls back to the canvas's usual curve
 * (`routeFor`). A new layout replaces the routes of the links it laid out.
 */
import { create } from 'zustand';
import type { LayoutDirection, Point } from './layout-types';

export interface Route {
  points: Point[];
  direction: LayoutDirection;
  /** Top-left corners of the source and target cards as laid out. */
  source: Point;
  target: Point;
}

interface RouteState {
  routes: ReadonlyMap<string, Route>;
  setRoutes(routes: ReadonlyMap<string, Route>, replacing: Iterable<string>): void;
}

export const useRouteStore = create<RouteState>((set, get) => ({
  routes: new Map(),
  setRoutes: (routes, replacing) => {
    const next = new Map(get().routes);
    for (const id of replacing) next.delete(id);
    for (const [id, route] of routes) next.set(id, route);
    set({ routes: next });
  },
}));
