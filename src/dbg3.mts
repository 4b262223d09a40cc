import fs from 'node:fs';
import { getDocumentProxy } from 'unpdf';
import { pageLines, dropRunningLines } from './import/pdf-lines.ts';
import { pdfBlocks } from './import/pdf-tables.ts';
const pdf = await getDocumentProxy(new Uint8Array(fs.readFileSync(process.argv[2]!)));
const pages = []; const w = [];
for (let n = 1; n <= pdf.numPages; n++) { const page = await pdf.getPage(n); w.push(page.getViewport({scale:1}).width); const items = (await page.getTextContent()).items.flatMap((i: any) => 'str' in i ? [{ str: i.str, x: i.transform[4], y: i.transform[5], width: i.width, size: Math.hypot(i.transform[2], i.transform[3]) }] : []); pages.push(pageLines(items, n)); }
const r = pdfBlocks(dropRunningLines(pages), w);
r.blocks.forEach((b, i) => console.log(JSON.stringify(r.where[i]), b.kind === 'row' ? `T${b.table} ${JSON.stringify(b.cells)}` : `TEXT ${b.heading} ${b.text}`));
console.log(r.notes);
