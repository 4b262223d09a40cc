import { createRequire } from 'node:module';
import type { Handler, Parser as HtmlParser, ParserOptions } from 'htmlparser2';

/** A tag (`<p>`, `</li>`, `<ul style="...">`, `<br/>`) or an entity (`&amp;`, `&#8217;`) in text. */
const MARKUP = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>|&(?:[a-z]{2,8}|#\d{1,6}|#x[0-9a-f]{1,6});/i;
/** Tags that end a line of text; `li` also starts a bullet line. */
const BLOCK_TAGS = new Set(
  'p div br li ul ol tr table h1 h2 h3 h4 h5 h6 blockquote section article header footer'.split(' '),
);

type ParserClass = new (cbs: Partial<Handler>, options?: ParserOptions) => HtmlParser;
let parserClass: ParserClass | undefined;

// Loaded on the first cell with markup, so nothing but an import with HTML in it pays for the parser.
function getParser(): ParserClass {
  parserClass ??= (createRequire(import.meta.url)('htmlparser2') as { Parser: ParserClass }).Parser;
  return parserClass;
}

/** True when text holds HTML tags or entities (what Word, PDF and web converters leave behind). */
export function hasMarkup(text: string): boolean {
  return MARKUP.test(text);
}

/** HTML as plain text: block tags end lines, list items become "- " lines, entities are decoded. */
export function htmlToText(html: string): string {
  let out = '';
  const breakLine = () => {
    if (out && !out.endsWith('\n')) out += '\n';
  };
  const Parser = getParser();
  const parser = new Parser(
    {
      onopentag(name) {
        if (!BLOCK_TAGS.has(name)) return;
        breakLine();
        if (name === 'li') out += '- ';
      },
      onclosetag(name) {
        if (BLOCK_TAGS.has(name)) breakLine();
      },
      ontext(text) {
        if (out.endsWith('\n') && !text.trim()) return; // the spaces between two block tags
        out += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return out;
}

/** Markdown emphasis and links as plain text: **bold**, __bold__, *italic*, [text](url). */
export function markdownToText(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*([^*]*)\*\*/g, '$1')
    .replace(/__([^_]+)__/g, '$1')
    .replace(/(^|[^*\w])\*([^*\n]+)\*(?!\w)/g, '$1$2');
}

/**
 * A cell's text without markup: HTML as lines (bullets for list items), Markdown emphasis dropped,
 * "* item" and "• item" lines as "- item", spacing tidied per line. `markup` says whether HTML was found.
 */
export function readCellText(cell: string): { text: string; markup: boolean } {
  const markup = hasMarkup(cell);
  const text = markdownToText(markup ? htmlToText(cell) : cell)
    .split('\n')
    .map((l) =>
      l
        .replace(/^\s*[•*+▪◦·]\s+/, '- ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, markup };
}
