import '@xyflow/react/dist/style.css';
import './styles.css';
import './theme/focus.css';
import { pageBridge } from './bridge';
import { askFirstGraph, whenScriptFetched } from './bridge/first-graph';

// The editor (React, React Flow, every panel: most of the page's script) is its own chunk,
// `mount-<hash>.js` (Vite's name for mount.tsx's chunk), fetched now; the graph is asked as soon
// as that file is in, so the server reads and encodes a large plan while the page parses and
// runs the script, not after (bridge/first-graph.ts).
void import('./mount');
const bridge = pageBridge();
if (!('error' in bridge)) askFirstGraph(bridge, whenScriptFetched(/\/mount-[^/]*\.js$/));
