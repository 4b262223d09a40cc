import type { Status } from '../status.ts';

/** Fill and text colours per status; the label always goes with the colour. */
export const STATUS_COLOURS: Record<Status, { fill: string; text: string }> = {
  RED: { fill: '#c62828', text: '#ffffff' },
  AMBER: { fill: '#f0a30a', text: '#1a1a1a' },
  GREEN: { fill: '#2e7d32', text: '#ffffff' },
  COMPLETE: { fill: '#1f5fa8', text: '#ffffff' },
  NOT_RATED: { fill: '#9e9e9e', text: '#1a1a1a' },
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
