/**
 * The planning fields of a node in its inspector (docs/planning.md, [PL1]): due date and
 * earliest start (date pickers), estimate in working days (decimals allowed) and the people
 * assigned (chips, with completion from the workspace's members). Each change is one
 * `node.update` (one batch, one undo step); an empty field clears it (`null`); the engine's
 * refusal is shown next to the field.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import type { NodeRecord } from '../../shared/model/types';
import { FieldMessage, type FieldError } from '../inspect/field-errors';
import type { useFieldErrors } from '../inspect/field-errors';
import { useGraphStore } from '../state/graph-store';
import { usePlanStore } from './plan-store';

type Run = ReturnType<typeof useFieldErrors>['run'];

export function PlanFields({
  node,
  errors,
  run,
}: {
  node: NodeRecord;
  errors: Record<string, FieldError>;
  run: Run;
}) {
  const id = node.id;
  const uid = useId();
  const msg = (field: string) => `${uid}-${field}`;
  const described = (field: string) =>
    errors[field] ? { 'aria-describedby': msg(field), 'aria-invalid': true as const } : {};
  const late = usePlanStore((s) => s.late.get(id));

  const saveDate = (field: 'due_date' | 'start_date', raw: string) => {
    const value = raw === '' ? null : raw;
    if (value === (node[field] ?? null)) return;
    void run(field, 'node.update', { id, [field]: value });
  };
  const saveEstimate = (input: HTMLInputElement) => {
    // Text that is not a number reads as '' too: it is not taken for "clear".
    if (input.validity.badInput) return;
    const text = input.value.trim();
    const value = text === '' ? null : Number(text);
    if (value === (node.estimate ?? null)) return;
    void run('estimate', 'node.update', { id, estimate: value });
  };
  const dateKeys = (field: 'due_date' | 'start_date') => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') saveDate(field, e.currentTarget.value);
    if (e.key === 'Escape') e.currentTarget.value = node[field] ?? '';
  };

  return (
    <section className="lg-plan-fields" aria-label="Planning">
      <h3>Planning</h3>
      <label>
        Due date
        <input
          key={`due-${node.id}-${node.version}`}
          type="date"
          defaultValue={node.due_date ?? ''}
          onBlur={(e) => saveDate('due_date', e.currentTarget.value)}
          onKeyDown={dateKeys('due_date')}
          {...described('due_date')}
        />
        <FieldMessage id={msg('due_date')} error={errors.due_date} />
      </label>
      {late !== undefined && (
        <p className="lg-plan-late" data-late-by={late}>
          Late: finishes {formatDays(late)} after its due date.
        </p>
      )}
      <label>
        Start date (earliest)
        <input
          key={`start-${node.id}-${node.version}`}
          type="date"
          defaultValue={node.start_date ?? ''}
          onBlur={(e) => saveDate('start_date', e.currentTarget.value)}
          onKeyDown={dateKeys('start_date')}
          {...described('start_date')}
        />
        <FieldMessage id={msg('start_date')} error={errors.start_date} />
      </label>
      <label>
        Estimate (working days)
        <input
          key={`estimate-${node.id}-${node.version}`}
          type="number"
          step="any"
          inputMode="decimal"
          defaultValue={node.estimate ?? ''}
          placeholder="none"
          onBlur={(e) => saveEstimate(e.currentTarget)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') saveEstimate(e.currentTarget);
            if (e.key === 'Escape') e.currentTarget.value = String(node.estimate ?? '');
          }}
          {...described('estimate')}
        />
        <FieldMessage id={msg('estimate')} error={errors.estimate} />
      </label>
      <Assignees
        assignees={node.assignee ?? []}
        onChange={(assignee) =>
          run('assignee', 'node.update', { id, assignee: assignee.length ? assignee : null })
        }
        error={errors.assignee}
        messageId={msg('assignee')}
      />
    </section>
  );
}

/** "1.5 working days", "1 working day". */
export const formatDays = (days: number): string => {
  const n = Math.round(days * 100) / 100;
  return `${n} working day${Math.abs(n) === 1 ? '' : 's'}`;
};

/**
 * Assignees as chips, and a field that adds one on Enter. While typing, the members whose
 * name or email matches are offered (arrow keys and Enter, or a click); any other name or
 * email may be typed too (SynapTask's `assignee` is free text).
 */
function Assignees({
  assignees,
  onChange,
  error,
  messageId,
}: {
  assignees: readonly string[];
  onChange: (assignees: string[]) => Promise<unknown>;
  error: FieldError | undefined;
  messageId: string;
}) {
  const members = useGraphStore((s) => s.members);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const q = text.trim().toLowerCase();
  const taken = new Set(assignees.map((a) => a.toLowerCase()));
  const offers = q
    ? members
        .filter(
          (m) =>
            !taken.has(m.username.toLowerCase()) &&
            (m.username.toLowerCase().includes(q) || m.email.toLowerCase().includes(q)),
        )
        .slice(0, 6)
    : [];
  const add = async (name: string) => {
    const who = name.trim();
    if (!who) return;
    // The text stays in the field when the engine refuses it (too long, too many).
    if (taken.has(who.toLowerCase()) || (await onChange([...assignees, who]))) {
      setText('');
      setActive(0);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && offers.length) {
      e.preventDefault();
      setActive((active + 1) % offers.length);
    } else if (e.key === 'ArrowUp' && offers.length) {
      e.preventDefault();
      setActive((active - 1 + offers.length) % offers.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void add(offers[active]?.username ?? text);
    } else if (e.key === 'Escape' && text) {
      e.stopPropagation();
      setText('');
    }
  };
  return (
    <div className="lg-tags lg-assignees">
      <span className="lg-muted">Assignees</span>
      <ul aria-label="Assignees" className="lg-chips">
        {assignees.map((who) => (
          <li key={who} className="lg-chip">
            {who}
            <button
              type="button"
              aria-label={`Remove assignee ${who}`}
              onClick={() => void onChange(assignees.filter((a) => a !== who))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        aria-label="Add assignee"
        placeholder="Add assignee…"
        role="combobox"
        aria-expanded={offers.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        {...(offers.length ? { 'aria-activedescendant': `${listId}-${active}` } : {})}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKey}
        {...(error ? { 'aria-describedby': messageId, 'aria-invalid': true } : {})}
      />
      {offers.length > 0 && (
        <ul id={listId} role="listbox" aria-label="Members" className="lg-completion">
          {offers.map((m, i) => (
            <li
              key={m.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              // mousedown, not click: the field keeps focus and the list does not vanish first.
              onMouseDown={(e) => {
                e.preventDefault();
                void add(m.username);
              }}
            >
              {m.username} <span className="lg-muted">{m.email}</span>
            </li>
          ))}
        </ul>
      )}
      <FieldMessage id={messageId} error={error} />
    </div>
  );
}
