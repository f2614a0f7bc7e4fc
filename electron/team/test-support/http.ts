/** A fetch against a running server with a member's token, answering status and JSON. */
export interface Reply {
  status: number;
  json: Record<string, unknown>;
}

export async function call(
  origin: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(origin + path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Calls that must succeed: the answer's JSON, or a thrown error with the refusal. */
export async function must(
  origin: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const reply = await call(origin, token, method, path, body);
  if (reply.status !== 200 && reply.status !== 201)
    throw new Error(`${method} ${path} → ${reply.status} ${JSON.stringify(reply.json)}`);
  return reply.json;
}

/** The owner invites `username` (email `<username>@example.com`): the member's new token. */
export async function invite(
  on: { origin: string; token: string },
  username: string,
): Promise<{ token: string; token_id: string; member: { id: string } }> {
  const reply = await must(on.origin, on.token, 'POST', '/rpc/member.invite', {
    username,
    email: `${username}@example.com`,
  });
  return reply.value as { token: string; token_id: string; member: { id: string } };
}
