/** The shapes a GraphIndex (graph-index.ts) is built from and answers with. */
export interface IndexNode {
  id: string;
  x: number;
  y: number;
  /** Measured size when known; DEFAULT_NODE_SIZE (or the index's default) otherwise. */
  width?: number | undefined;
  height?: number | undefined;
}

export interface IndexEdge {
  id: string;
  source: string;
  target: string;
}

/** Positions in the arrays the index was built from, ascending. */
export interface ViewResult {
  /** Nodes to hand to React Flow: the visible ones plus far ends of visible edges. */
  nodes: number[];
  /** Nodes whose box touches the query rectangle. */
  visibleNodes: number[];
  /** Edges with an end in `visibleNodes`, or whose curve crosses the rectangle. */
  edges: number[];
}

export interface GraphIndexOptions {
  defaultSize?: { width: number; height: number };
  /** Dirty items tolerated before the trees are rebuilt; default max(64, items / 32). */
  rebuildThreshold?: number;
  /**
   * Build the trees at the first query or `compact()`, not in the constructor: an index made
   * when the page is idle builds them in a task of its own (~half of ~0.2 s at 100,000 nodes).
   */
  treesLater?: boolean;
}
