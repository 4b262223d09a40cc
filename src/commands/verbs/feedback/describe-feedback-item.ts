import type { FeedbackItem } from '../../../domain/feedback.ts';
import type { Block } from '../../reply.ts';

/** A submission as its submitter and owners see it: heading, network, day, tags and (optionally) text. */
export function describeFeedbackItem(item: FeedbackItem, withText = true): Block[] {
  const fields = [
    { label: 'Network', value: item.networkName },
    { label: 'Sent on', value: item.day },
    { label: 'Tagged', value: [...item.actionRefs, ...item.themes].join(', ') || 'nothing' },
  ];
  return [
    { type: 'heading', text: `Feedback ${item.code}` },
    { type: 'fields', fields },
    ...(withText ? [{ type: 'paragraph' as const, text: item.text }] : []),
  ];
}
