// What the text generators share: repeat blocks until the text reaches a size, and a command-line entry.
import { writeFileSync } from 'node:fs';

/** `header` followed by blocks (block i from `blocks[i % n](i)`) until the text is at least `targetBytes`. */
export function fillToSize(header, blocks, targetBytes) {
  const parts = [header];
  let size = Buffer.byteLength(header);
  for (let i = 0; size < targetBytes; i++) {
    const block = blocks[i % blocks.length](i) + '\n';
    parts.push(block);
    size += Buffer.byteLength(block);
  }
  return parts.join('');
}

/** `node <script> <out> [sizeKB]` for a generator module run directly. */
export function runFromCommandLine(metaUrl, usage, generate) {
  if (metaUrl !== `file://${process.argv[1]}`) return;
  const [out, sizeKB = '1024'] = process.argv.slice(2);
  if (!out) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  const text = generate(Number(sizeKB) * 1024);
  writeFileSync(out, text);
  console.log(`${out}: ${Buffer.byteLength(text)} bytes, ${text.split('\n').length} lines`);
}
