/** Reading back what Graphviz drew: the text lines and look of each node and edge group. */
export interface SvgGroup {
  id: string;
  kind: 'node' | 'edge';
  lines: string[];
  body: string;
}

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return (
      ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[ref] ?? ''
    );
  });
}

export function svgGroups(svg: string): SvgGroup[] {
  const groups: SvgGroup[] = [];
  for (const m of svg.matchAll(/<g id="([^"]+)" class="(node|edge)">([\s\S]*?)<\/g>/g)) {
    const body = m[3] ?? '';
    const lines = [...body.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) =>
      decodeXml(t[1] ?? ''),
    );
    groups.push({ id: decodeXml(m[1] ?? ''), kind: m[2] as 'node' | 'edge', lines, body });
  }
  return groups;
}
