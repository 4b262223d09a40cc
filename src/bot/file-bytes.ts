import type { Block } from '../commands/reply.ts';

/** A reply's file as bytes: text files are UTF-8, a Word document travels in base64. */
export function fileBytes(file: Extract<Block, { type: 'file' }>): Buffer {
  return Buffer.from(file.content, file.encoding === 'base64' ? 'base64' : 'utf8');
}
