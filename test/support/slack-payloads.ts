/** What Slack sends for `/action <text>`: the fields of the form body (HTTP) or envelope payload (Socket Mode). */
export function slashCommand(
  user: string,
  text: string,
  id: string,
  responseUrl: string,
  channel = { id: 'C0GENERAL', name: 'general' },
): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: 'T0TEST',
    channel_id: channel.id,
    channel_name: channel.name,
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/action',
    text,
    api_app_id: 'A0TEST',
    response_url: responseUrl,
    trigger_id: `trigger-${id}`,
  };
}

/** The parts of a view the bot opened (views.open) that a submission sends back. */
export type SlackView = {
  type: string;
  callback_id: string;
  private_metadata: string;
  blocks: Record<string, unknown>[];
};

/** A view_submission of the update form with a status and a note. */
export function submission(view: SlackView, user: string, values: { status: string; note: string }) {
  return {
    type: 'view_submission',
    team: { id: 'T0TEST' },
    user: { id: user, name: user.toLowerCase() },
    api_app_id: 'A0TEST',
    token: 'legacy',
    trigger_id: 'trigger-view',
    view: {
      id: 'V0MODAL',
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      hash: 'h1',
      state: {
        values: {
          status: { value: { type: 'static_select', selected_option: { value: values.status } } },
          note: { value: { type: 'plain_text_input', value: values.note || null } },
        },
      },
    },
  };
}

/** A block_actions payload: one button clicked in a message (its response_url, if any, given). */
export function buttonClick(user: string, actionId: string, value: string, id: string, responseUrl: string) {
  return {
    type: 'block_actions',
    team: { id: 'T0TEST' },
    user: { id: user, name: user.toLowerCase() },
    api_app_id: 'A0TEST',
    token: 'legacy',
    trigger_id: `trigger-${id}`,
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'D0JANE' },
    channel: { id: 'D0JANE' },
    message: { ts: '1700000000.000100', text: 'Time to update' },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'act:ARAP:2.4',
        value,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}
