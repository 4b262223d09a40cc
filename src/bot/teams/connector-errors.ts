/**
 * What a Bot Framework connector refusal means for reaching someone. Teams answers 403 when the person
 * blocked or uninstalled the bot (`MessageWritesBlocked`, in a body like
 * `{"errorCode":209,"message":"{\"subCode\":\"MessageWritesBlocked\",...}"}`) or when the app is not
 * installed where it would post (`ForbiddenOperationException`): permanent, until the person writes to
 * the bot or installs it again. 404 means the conversation is gone (`gone`). Nothing else is permanent.
 */
export type ConnectorRefusal = {
  status: number | undefined;
  /** Blocked, uninstalled or not installed: recorded once, shown in the digest, not tried again. */
  permanent: boolean;
  /** The conversation no longer exists (404): it may be opened again. */
  gone: boolean;
  /** Words for the digest and the logs (no one's name or id). */
  reason: string;
};

const PERMANENT: readonly [string, string][] = [
  ['MessageWritesBlocked', 'they blocked or uninstalled Actionbot in Teams (MessageWritesBlocked)'],
  ['ConversationBlockedByUser', 'they blocked Actionbot in Teams (ConversationBlockedByUser)'],
  [
    'ForbiddenOperationException',
    'Actionbot is not installed for them in Teams (ForbiddenOperationException)',
  ],
  ['BotDisabledByAdmin', 'a Teams admin turned Actionbot off for them (BotDisabledByAdmin)'],
];

export function readConnectorRefusal(error: unknown): ConnectorRefusal {
  const e = (error ?? {}) as {
    statusCode?: number;
    code?: string;
    message?: string;
    body?: unknown;
    response?: { bodyAsText?: string | null; parsedBody?: unknown };
  };
  const status = e.statusCode;
  const said = [
    e.code,
    e.message,
    e.response?.bodyAsText,
    safeJson(e.body),
    safeJson(e.response?.parsedBody),
  ].join(' ');
  const known = status === 403 ? PERMANENT.find(([code]) => said.includes(code)) : undefined;
  if (known) return { status, permanent: true, gone: false, reason: known[1] };
  if (status === 404)
    return { status, permanent: false, gone: true, reason: 'their Teams chat with Actionbot is gone (404)' };
  return {
    status,
    permanent: false,
    gone: false,
    reason: status
      ? `Teams connector HTTP ${status}`
      : `Teams connector unreachable: ${firstLine(e.message)}`,
  };
}

function safeJson(value: unknown): string {
  if (value === undefined || value === null) return '';
  try {
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return '';
  }
}

function firstLine(text: string | undefined): string {
  return (text ?? 'unknown error').split('\n')[0]?.slice(0, 200) ?? '';
}
