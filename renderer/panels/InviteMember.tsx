import { useState, type FormEvent } from 'react';
import type { AccessLevel, Member } from '../../shared/model/types';
import { command, query } from '../app/commands';
import { useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { Dialog } from './Dialog';

const ACCESS_CHOICES = [
  { level: 3, name: 'viewer' },
  { level: 2, name: 'editor' },
  { level: 1, name: 'admin' },
] as const;

export interface NewToken {
  member: Member;
  token: string;
  /** "was added" for an invitation, "has a new token" for another token. */
  reason: 'invited' | 'token';
}

/**
 * The owner's invitation: name, email and, optionally, access to the selected node and what
 * is under it (a branch grant). The service adds the member and mints their token together
 * (`member.invite`); the grant is then asked for as any grant is (`access.grant`), so the
 * engine decides it as it would from the access form.
 */
export function InviteForm({ onInvited }: { onInvited: (token: NewToken) => void }) {
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [level, setLevel] = useState<AccessLevel | 0>(0);
  const selected = useUiStore((s) => s.selectedNode);
  const node = useGraphStore((s) => (selected ? s.nodes.get(selected) : undefined));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await query('member.invite', { username: username.trim(), email: email.trim() });
    if (!done) return;
    const list = await query('members.list');
    if (list) useGraphStore.getState().setMembers(list.members);
    if (level !== 0 && node)
      await command(
        'access.grant',
        { node: node.id, member: done.member.id, level, branch: true },
        node.id,
      );
    setUsername('');
    setEmail('');
    setLevel(0);
    onInvited({ member: done.member, token: done.token, reason: 'invited' });
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
      <label>
        {node ? `Access to ${node.display_id} and what is under it` : 'Access'}
        <select
          value={level}
          disabled={!node}
          onChange={(e) => setLevel(Number(e.target.value) as AccessLevel)}
        >
          <option value={0}>{node ? 'None yet' : 'Select a node to give access'}</option>
          {ACCESS_CHOICES.map((c) => (
            <option key={c.level} value={c.level}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Add member</button>
    </form>
  );
}

/** A member's new API token: shown this once (only its hash is kept), with a copy button. */
export function TokenDialog({
  member,
  token,
  reason,
  onClose,
}: NewToken & { onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const link = `${window.location.origin}/?token=${token}`;
  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      useUiStore
        .getState()
        .toast('error', `The ${what} could not be copied: select it and copy it.`);
    }
  };
  return (
    <Dialog
      title={
        reason === 'invited' ? `${member.username} was added` : `A new token for ${member.username}`
      }
      onClose={onClose}
    >
      <p>
        Their access token, shown this once (only a hash of it is kept). Give it to{' '}
        {member.username}; they sign in with it.
      </p>
      <label>
        Access token
        <input readOnly value={token} onFocus={(e) => e.currentTarget.select()} />
      </label>
      {window.linkgraph === undefined && (
        <label>
          Link that opens this editor with it
          <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
      <div className="lg-row">
        <button type="button" data-autofocus onClick={() => void copy(token, 'token')}>
          Copy token
        </button>
        {window.linkgraph === undefined && (
          <button type="button" onClick={() => void copy(link, 'link')}>
            Copy link
          </button>
        )}
        {copied && <span role="status">Copied.</span>}
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
