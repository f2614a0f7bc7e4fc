import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { NodeAccessEntry } from '../../shared/contract/methods';
import type { AccessLevel, Member } from '../../shared/model/types';
import { command, currentMember, query, reloadView } from '../app/commands';
import { useEditorStore } from '../state/editor-store';
import { useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { Dialog } from './Dialog';

export const LEVEL_NAMES = ['owner', 'admin', 'editor', 'viewer'] as const;
/** The levels a grant can give (owner belongs to the node's owner alone). */
const GRANTABLE = [1, 2, 3] as const;

/**
 * Members and access: the workspace's members (view as any of them), adding one (their token
 * shown once, with a copy button), and — for the selected node — who can see it and how,
 * with grants to give, change (a grant is an upsert) and revoke. Every change is a service
 * command: the engine decides who may grant what, and its refusals are shown as they come.
 */
export function MembersPanel() {
  const members = useGraphStore((s) => s.members);
  const setPanel = useEditorStore((s) => s.setPanel);
  const [invited, setInvited] = useState<{ member: Member; token: string } | null>(null);

  return (
    <aside
      className="lg-panel lg-side"
      aria-label="Members"
      onKeyDown={(e) => e.key === 'Escape' && !invited && setPanel(null)}
    >
      <header className="lg-panel__header">
        <h2>Members</h2>
        <button type="button" onClick={() => setPanel(null)} aria-label="Close members">
          ×
        </button>
      </header>
      <ul aria-label="Workspace members">
        {members.map((m) => (
          <li key={m.id} data-member={m.id}>
            <span>
              <strong>{m.username}</strong> <span className="lg-muted">{m.email}</span>
              {m.id === currentMember && <span className="lg-muted"> (you)</span>}
            </span>
            {m.id !== currentMember && (
              <button
                type="button"
                aria-label={`View as ${m.username}`}
                onClick={() => void reloadView(m.id)}
              >
                View as
              </button>
            )}
          </li>
        ))}
      </ul>
      <InviteForm onInvited={setInvited} />
      <NodeAccess />
      {invited && <TokenDialog {...invited} onClose={() => setInvited(null)} />}
    </aside>
  );
}

function InviteForm({ onInvited }: { onInvited: (i: { member: Member; token: string }) => void }) {
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await query('member.invite', { username: username.trim(), email: email.trim() });
    if (!done) return;
    const list = await query('members.list');
    if (list) useGraphStore.getState().setMembers(list.members);
    setUsername('');
    setEmail('');
    onInvited({ member: done.member, token: done.token });
  };
  return (
    <form className="lg-form" aria-label="Add a member" onSubmit={(e) => void submit(e)}>
      <h3>Add a member</h3>
      <label>
        Name
        <input required value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        Email
        <input required type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <button type="submit">Add member</button>
    </form>
  );
}

/** The new member's API token: shown this once (only its hash is kept), with a copy button. */
function TokenDialog({
  member,
  token,
  onClose,
}: {
  member: Member;
  token: string;
  onClose: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      useUiStore.getState().toast('error', 'The token could not be copied: select it and copy it.');
    }
  };
  return (
    <Dialog title={`${member.username} was added`} onClose={onClose}>
      <p>
        Their access token, shown this once (only a hash of it is kept). Give it to{' '}
        {member.username}; they sign in with it.
      </p>
      <label>
        Access token
        <input readOnly value={token} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div className="lg-row">
        <button type="button" data-autofocus onClick={() => void copy()}>
          Copy token
        </button>
        {copied && <span role="status">Copied.</span>}
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}

/** Who can see the selected node, and the grants on it. */
function NodeAccess() {
  const selected = useUiStore((s) => s.selectedNode);
  const node = useGraphStore((s) => (selected ? s.nodes.get(selected) : undefined));
  const members = useGraphStore((s) => s.members);
  const [entries, setEntries] = useState<{ key: string; list: NodeAccessEntry[] }>({
    key: '',
    list: [],
  });
  const [who, setWho] = useState('');
  const [level, setLevel] = useState<AccessLevel>(3);
  const [branch, setBranch] = useState(true);
  const formId = useId();
  const key = node ? `${node.id}:${node.version}` : '';

  const load = useCallback(async () => {
    if (!node) return;
    const answer = await query('node.access', { id: node.id });
    if (answer) setEntries({ key: `${node.id}:${node.version}`, list: answer.access });
  }, [node]);
  const nodeId = node?.id;
  useEffect(() => {
    if (!nodeId) return;
    let live = true;
    void query('node.access', { id: nodeId }).then(
      (answer) => live && answer && setEntries({ key, list: answer.access }),
    );
    return () => {
      live = false;
    };
  }, [nodeId, key]);

  if (!node) {
    return (
      <section aria-label="Access">
        <h3>Access</h3>
        <p className="lg-muted">Select a node to see who can see it, and to give access.</p>
      </section>
    );
  }
  const list = entries.key === key ? entries.list : [];
  const name = `${node.display_id} ${node.title}`;
  const grant = async (member: string, lvl: AccessLevel, br: boolean) => {
    if (await command('access.grant', { node: node.id, member, level: lvl, branch: br }, node.id))
      await load();
  };
  const revoke = async (member: string) => {
    if (await command('access.revoke', { node: node.id, member }, node.id)) await load();
  };
  const candidates = members.filter((m) => m.id !== currentMember);

  return (
    <section aria-label="Access">
      <h3>Who can see {name}</h3>
      <ul aria-label={`Who can see ${node.display_id}`}>
        {list.map((e) => (
          <li key={e.member.id} data-access={e.member.id}>
            <span>
              <strong>{e.member.username}</strong>{' '}
              <span className="lg-muted">
                {e.level === 0
                  ? 'owner'
                  : e.grant
                    ? `${LEVEL_NAMES[e.level]}${e.grant.branch ? ', with what is under it' : ''}`
                    : `${LEVEL_NAMES[e.level]} through a grant above`}
              </span>
            </span>
            {e.grant && (
              <>
                <select
                  aria-label={`Access of ${e.member.username}`}
                  value={e.grant.level}
                  onChange={(ev) =>
                    void grant(
                      e.member.id,
                      Number(ev.target.value) as AccessLevel,
                      e.grant?.branch ?? true,
                    )
                  }
                >
                  {GRANTABLE.map((l) => (
                    <option key={l} value={l}>
                      {LEVEL_NAMES[l]}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  aria-label={`Revoke access of ${e.member.username}`}
                  onClick={() => void revoke(e.member.id)}
                >
                  Revoke
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {candidates.length > 0 && (
        <form
          id={formId}
          className="lg-form"
          aria-label="Give access"
          onSubmit={(ev) => {
            ev.preventDefault();
            if (who) void grant(who, level, branch);
          }}
        >
          <label>
            Member
            <select required value={who} onChange={(e) => setWho(e.target.value)}>
              <option value="">Choose…</option>
              {candidates.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.username}
                </option>
              ))}
            </select>
          </label>
          <label>
            Level
            <select value={level} onChange={(e) => setLevel(Number(e.target.value) as AccessLevel)}>
              {GRANTABLE.map((l) => (
                <option key={l} value={l}>
                  {LEVEL_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <label className="lg-check">
            <input type="checkbox" checked={branch} onChange={(e) => setBranch(e.target.checked)} />
            Also what is under it (branch)
          </label>
          <button type="submit">Give access</button>
        </form>
      )}
    </section>
  );
}
