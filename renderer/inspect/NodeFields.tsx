import { useId, useState, type KeyboardEvent } from 'react';
import { NODE_KINDS, type NodeRecord, type NodeStatus } from '../../shared/model/types';
import { STATUS_NAMES } from '../canvas/flow-elements';
import { useGraphStore } from '../state/graph-store';
import { FieldMessage, useFieldErrors, type FieldError } from './field-errors';
import { Markdown } from './Markdown';
import { useViewingAs } from '../app/view-as';
import { PlanFields } from '../plan/PlanFields';

const kindWord = (kind: string) => kind.replace('_', ' ');

/**
 * Every field of a node, editable in place [N1] [N4]: title, description (Markdown, shown
 * rendered), kind, status, dependent, priority, tags, and its owner. Each change is one
 * `node.update` (one batch, one undo step); the limits are the engine's, and its refusal is
 * shown next to the field in words.
 */
export function NodeFields({ node }: { node: NodeRecord }) {
  const id = node.id;
  const { errors, run } = useFieldErrors({ node: id });
  const owner = useGraphStore((s) => s.members.find((m) => m.id === node.owner));
  const viewingAs = useViewingAs();
  const uid = useId();
  const msg = (field: string) => `${uid}-${field}`;
  const described = (field: string) =>
    errors[field] ? { 'aria-describedby': msg(field), 'aria-invalid': true as const } : {};

  const saveTitle = (title: string) => {
    if (title !== node.title) void run('title', 'node.update', { id, title });
  };
  const savePriority = (raw: string) => {
    if (raw.trim() === '') return;
    const priority = Number(raw);
    if (priority !== node.priority) void run('priority', 'node.update', { id, priority });
  };
  const setTags = (tags: string[]) => run('tags', 'node.update', { id, tags });

  return (
    // [A4] Viewing as a member is a read-only preview (app/view-as.ts): every field is off.
    <fieldset className="lg-fields" disabled={viewingAs !== null}>
      <label>
        Title
        <input
          key={`title-${node.id}-${node.version}`}
          defaultValue={node.title}
          onBlur={(e) => saveTitle(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') saveTitle(e.currentTarget.value);
            if (e.key === 'Escape') e.currentTarget.value = node.title;
          }}
          {...described('title')}
        />
        <FieldMessage id={msg('title')} error={errors.title} />
      </label>

      <Description
        key={`description-${id}`}
        node={node}
        error={errors.description}
        messageId={msg('description')}
        save={(description) => run('description', 'node.update', { id, description })}
      />

      <label>
        Kind
        <select
          value={node.kind}
          onChange={(e) =>
            void run('kind', 'node.update', { id, kind: e.target.value as NodeRecord['kind'] })
          }
          {...described('kind')}
        >
          {NODE_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindWord(k)}
            </option>
          ))}
        </select>
        <FieldMessage id={msg('kind')} error={errors.kind} />
      </label>

      <label>
        Status
        <select
          value={node.status}
          onChange={(e) =>
            void run('status', 'node.update', {
              id,
              status: Number(e.target.value) as NodeStatus,
            })
          }
          {...described('status')}
        >
          {STATUS_NAMES.map((name, status) => (
            // Blocked follows from the links [N2]: it is shown, never chosen.
            <option key={name} value={status} disabled={status === 2}>
              {name}
            </option>
          ))}
        </select>
        <FieldMessage id={msg('status')} error={errors.status} />
      </label>

      <label className="lg-check">
        <input
          type="checkbox"
          checked={node.dependent}
          onChange={(e) =>
            void run('dependent', 'node.update', { id, dependent: e.target.checked })
          }
          {...described('dependent')}
        />
        Dependent (links can block it)
      </label>
      <FieldMessage id={msg('dependent')} error={errors.dependent} />

      <label>
        Priority
        <input
          key={`priority-${node.id}-${node.version}`}
          type="number"
          inputMode="numeric"
          step={1}
          defaultValue={node.priority}
          onBlur={(e) => savePriority(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && savePriority(e.currentTarget.value)}
          {...described('priority')}
        />
        <FieldMessage id={msg('priority')} error={errors.priority} />
      </label>

      <Tags tags={node.tags} onChange={setTags} error={errors.tags} messageId={msg('tags')} />

      <PlanFields node={node} errors={errors} run={run} />

      <p className="lg-field">
        <span className="lg-muted">Owner</span>{' '}
        <strong data-owner={node.owner}>{owner?.username ?? 'a member you cannot see'}</strong>
      </p>
    </fieldset>
  );
}

/** The description: rendered Markdown; Edit (or a click on it) opens a multi-line editor. */
function Description({
  node,
  save,
  error,
  messageId,
}: {
  node: NodeRecord;
  save: (text: string) => Promise<unknown>;
  error: FieldError | undefined;
  messageId: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const editing = draft !== null;
  const commit = async () => {
    if (draft === null) return;
    if (draft === node.description) return setDraft(null);
    if (await save(draft)) setDraft(null);
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void commit();
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      setDraft(null);
    }
  };
  if (editing) {
    return (
      <div className="lg-description">
        <label>
          Description
          <textarea
            autoFocus
            rows={6}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKey}
            {...(error ? { 'aria-describedby': messageId, 'aria-invalid': true } : {})}
          />
        </label>
        <FieldMessage id={messageId} error={error} />
        <div className="lg-row">
          <button type="button" onClick={() => void commit()}>
            Save description
          </button>
          <button type="button" onClick={() => setDraft(null)}>
            Cancel
          </button>
          <span className="lg-muted">Markdown · Ctrl+Enter saves</span>
        </div>
      </div>
    );
  }
  return (
    <section className="lg-description" aria-label="Description">
      <div className="lg-row lg-row--spread">
        <span className="lg-muted">Description</span>
        <button type="button" onClick={() => setDraft(node.description)}>
          Edit description
        </button>
      </div>
      {node.description ? (
        <Markdown className="lg-markdown" text={node.description} />
      ) : (
        <p className="lg-muted lg-markdown">No description.</p>
      )}
    </section>
  );
}

/** Tags as chips, each with a remove button, and a field that adds one on Enter. */
function Tags({
  tags,
  onChange,
  error,
  messageId,
}: {
  tags: readonly string[];
  onChange: (tags: string[]) => Promise<unknown>;
  error: FieldError | undefined;
  messageId: string;
}) {
  const [text, setText] = useState('');
  const add = async () => {
    const tag = text.trim();
    if (!tag) return;
    // The text stays in the field when the engine refuses it (too long, too many tags).
    if (tags.includes(tag) || (await onChange([...tags, tag]))) setText('');
  };
  return (
    <div className="lg-tags">
      <span className="lg-muted">Tags</span>
      <ul aria-label="Tags" className="lg-chips">
        {tags.map((tag) => (
          <li key={tag} className="lg-chip">
            {tag}
            <button
              type="button"
              aria-label={`Remove tag ${tag}`}
              onClick={() => void onChange(tags.filter((t) => t !== tag))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        aria-label="Add tag"
        placeholder="Add tag…"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && void add()}
        {...(error ? { 'aria-describedby': messageId, 'aria-invalid': true } : {})}
      />
      <FieldMessage id={messageId} error={error} />
    </div>
  );
}
