import { benchSlackAck } from './slack-ack.ts';

/** `npm run bench`: every benchmark, each against a baseline measured in the same run. */
const sections = [await benchSlackAck()];
process.stdout.write(`${sections.join('\n\n')}\n`);
