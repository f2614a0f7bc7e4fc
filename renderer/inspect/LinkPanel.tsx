import { useId } from 'react';
import { useReactFlow } from '@xyflow/react';
import { LINK_TYPE_RULES, Op, ruleOf } from '../../shared/engine/constants';
import { LINK_TYPES, type LinkRecord, type LinkType } from '../../shared/model/types';
import { linkEnds } from '../canvas/flow-elements';
import { useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { FieldMessage, useFieldErrors } from './field-errors';

/** The id of the link a replace made (or restored from the trash [R2]). */
const newLinkOf = (links: { op: number; after: object }[]): string | undefined => {
  const entry = links.find((e) => e.op === Op.LINK_ADD || e.op === Op.LINK_RESTORE);
  return entry && 'id' in entry.after ? (entry.after as LinkRecord).id : undefined;
};

/**
 * [U1] The selected link: what it says and which end waits on which; its type (a change is
 * a `link.replace` [P1]–[P3]: where the engine does not allow it, its reason shows here),
 * blocking (`link.update {type}` [L6]), privacy (`link.update {private}` [A3]), swap [L7],
 * trash, and its two ends.
 */
export function LinkPanel({ id }: { id: string }) {
  const link = useGraphStore((s) => s.links.get(id));
  const nodes = useGraphStore((s) => s.nodes);
  const customTypes = useGraphStore((s) => s.customTypes);
  const selectLink = useUiStore((s) => s.selectLink);
  const select = useUiStore((s) => s.select);
  const flow = useReactFlow();
  const { errors, run } = useFieldErrors({ link: id });
  const uid = useId();
  const msg = (field: string) => `${uid}-${field}`;
  const described = (field: string) =>
    errors[field] ? { 'aria-describedby': msg(field), 'aria-invalid': true as const } : {};

  if (!link || link.in_trash) return null;
  const source = nodes.get(link.source);
  const target = nodes.get(link.target);
  const custom = link.custom_link_type ? customTypes.get(link.custom_link_type) : undefined;
  const rule = ruleOf(link.link_type, custom);
  const ends = linkEnds(link, customTypes);
  // A plain link blocks only while it is primary [L1].
  const verb = link.link_type || link.type === 0 ? rule.forward : 'is linked (non-blocking) to';
  const name = (nodeId: string) => {
    const n = nodes.get(nodeId);
    return n ? `${n.display_id} ${n.title}` : 'a hidden node';
  };
  const typeValue =
    link.link_type === 'custom_link' ? `custom:${link.custom_link_type}` : (link.link_type ?? '');

  const changeType = async (value: string) => {
    const params = {
      id,
      source: link.source,
      target: link.target,
      ...(value.startsWith('custom:')
        ? { link_type: 'custom_link' as const, custom_link_type: value.slice(7) }
        : { link_type: value as LinkType }),
    };
    const batch = await run('type', 'link.replace', params, { draw: params });
    const made = batch && newLinkOf(batch.links);
    if (made) selectLink(made);
  };
  const open = (nodeId: string) => {
    select(nodeId);
    void flow.fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.2 });
  };

  return (
    <aside className="lg-panel lg-link-panel" aria-label="Link details">
      <header className="lg-panel__header">
        <h2>{link.display_id}</h2>
        <button type="button" onClick={() => selectLink(null)} aria-label="Close link details">
          ×
        </button>
      </header>
      <p className="lg-link-sentence" data-testid="link-sentence">
        {name(link.source)} <em>{verb}</em> {name(link.target)}
      </p>
      <p className="lg-muted" data-testid="link-waits">
        {link.type === 0
          ? `${name(ends.blocked)} waits for ${name(ends.blocker)}.`
          : 'Non-blocking: neither end waits for the other.'}
      </p>
      <div className="lg-row">
        <button type="button" onClick={() => open(link.source)} disabled={!source}>
          Open {source?.display_id ?? 'source'}
        </button>
        <button type="button" onClick={() => open(link.target)} disabled={!target}>
          Open {target?.display_id ?? 'target'}
        </button>
      </div>

      <label>
        Link type
        <select
          value={typeValue}
          onChange={(e) => void changeType(e.target.value)}
          {...described('type')}
        >
          {/* A typed link cannot be replaced by a plain one (replace keeps the type when none is given). */}
          <option value="" disabled={link.link_type !== undefined}>
            blocks (plain link)
          </option>
          {LINK_TYPES.filter((t) => t !== 'custom_link').map((t) => (
            <option key={t} value={t}>
              {LINK_TYPE_RULES[t].forward}
            </option>
          ))}
          {[...customTypes.values()]
            .filter((t) => !t.is_deprecated || t.id === link.custom_link_type)
            .map((t) => (
              <option key={t.id} value={`custom:${t.id}`}>
                {t.forward_name} (custom)
              </option>
            ))}
        </select>
        <FieldMessage id={msg('type')} error={errors.type} />
      </label>

      <label>
        Blocking
        <select
          value={link.type}
          onChange={(e) =>
            void run('blocking', 'link.update', { id, type: Number(e.target.value) as 0 | 1 })
          }
          {...described('blocking')}
        >
          <option value={0}>Primary (blocking)</option>
          <option value={1}>Secondary (non-blocking)</option>
        </select>
        <FieldMessage id={msg('blocking')} error={errors.blocking} />
      </label>

      <label className="lg-check">
        <input
          type="checkbox"
          checked={link.private}
          onChange={(e) => void run('private', 'link.update', { id, private: e.target.checked })}
          {...described('private')}
        />
        Private (only its owner sees it)
      </label>
      <FieldMessage id={msg('private')} error={errors.private} />

      <div className="lg-row">
        <button type="button" onClick={() => void run('swap', 'link.swap', { id })}>
          Swap direction
        </button>
        <button
          type="button"
          className="lg-danger"
          onClick={() => void run('trash', 'link.trash', { id }).then((b) => b && selectLink(null))}
        >
          Move to trash
        </button>
      </div>
      <FieldMessage id={msg('swap')} error={errors.swap} />
      <FieldMessage id={msg('trash')} error={errors.trash} />
    </aside>
  );
}
