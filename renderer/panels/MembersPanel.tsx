import { useCallback, useEffect, useId, useState } from 'react';
import type { NodeAccessEntry, TokenInfo } from '../../shared/contract/methods';
import type { AccessLevel } from '../../shared/model/types';
import { command, currentMember, query, reloadView } from '../app/commands';
import { useEditorStore } from '../state/editor-store';
import { useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { InviteForm, TokenDialog, type NewToken } from './InviteMember';
import { MemberTokens } from './MemberTokens';

export const LEVEL_NAMES = ['owner', 'admin', 'editor', 'viewer'] as const;
/** The levels a grant can give (owner belongs to the node's owner alone). */
const GRANTABLE = [1, 2, 3] as const;

/**
 * Members and access: the workspace's members (view as any of them); for the owner, inviting
 * one (their token shown once, with a copy button) and each member's tokens, to revoke or
 * mint; and — for the selected node — who can see it and how, with grants to give, change (a
 * grant is an upsert) and revoke. Every change is a service command or method: the service
 * decides who may, and its refusals are shown as they come.
 */
export function MembersPanel() {
  const members = useGraphStore((s) => s.members);
  const setPanel = useEditorStore((s) => s.setPanel);
  const [minted, setMinted] = useState<NewToken | null>(null);
  const { isOwner, tokens, reload, round } = useOwnerTokens();
  const onMinted = (token: NewToken) => {
    setMinted(token);
    reload();
  };

  return (
    <aside
      className="lg-panel lg-side"
      aria-label="Members"
      onKeyDown={(e) => e.key === 'Escape' && !minted && setPanel(null)}
    >
      <header className="lg-panel__header">
        <h2>Members</h2>
        <button type="button" onClick={() => setPanel(null)} aria-label="Close members">
          ×
        </button>
      </header>
      <ul aria-label="Workspace members" className="lg-members">
        {members.map((m) => (
          <li key={m.id} data-member={m.id}>
            <div className="lg-members__who">
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
            </div>
            {isOwner && m.id !== currentMember && tokens && (
              <MemberTokens
                member={m}
                tokens={tokens.filter((t) => t.member === m.id)}
                onChanged={reload}
                onMinted={onMinted}
              />
            )}
          </li>
        ))}
      </ul>
      {isOwner && <InviteForm onInvited={onMinted} />}
      <NodeAccess refresh={round} />
      {minted && <TokenDialog {...minted} onClose={() => setMinted(null)} />}
    </aside>
  );
}

/** Whether the person is the workspace owner, and then the workspace's live tokens. */
function useOwnerTokens() {
  const [isOwner, setIsOwner] = useState(false);
  const [tokens, setTokens] = useState<TokenInfo[] | null>(null);
  const [round, setRound] = useState(0);
  const workspace = useGraphStore((s) => s.workspace?.id);
  useEffect(() => {
    let live = true;
    void (async () => {
      const list = await query('members.list');
      if (!live || !list) return;
      const owner = list.owner === currentMember;
      setIsOwner(owner);
      if (!owner) return;
      const answer = await query('tokens.list');
      if (live && answer) setTokens(answer.tokens);
    })();
    return () => {
      live = false;
    };
  }, [round, workspace]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { isOwner, tokens, reload, round };
}

/**
 * Who can see the selected node, and the grants on it. Asked again when the node changes and
 * on `refresh` (an invitation with access adds a grant without changing the node).
 */
function NodeAccess({ refresh }: { refresh: number }) {
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
  }, [nodeId, key, refresh]);

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
