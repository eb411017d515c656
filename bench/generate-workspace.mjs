// Writes a deterministic Terraform workspace of many small files (2–6 KB each) in module folders of 10 files.
// Usage: node bench/generate-workspace.mjs <dir> [files=1000]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateTerraform } from './generate-terraform.mjs';

export const FILES_PER_MODULE = 10;

/** Writes `count` files under `dir` and returns their paths, in order. */
export function writeTerraformWorkspace(dir, count) {
  const files = [];
  for (let i = 0; i < count; i++) {
    const module = Math.floor(i / FILES_PER_MODULE);
    const folder = path.join(dir, `module-${String(module).padStart(3, '0')}`);
    mkdirSync(folder, { recursive: true });
    // Sizes vary from 2 to 6 KB; resource names get the file's number so that a module has no duplicates.
    const text = generateTerraform(2048 + ((i * 397) % 4096)).replace(/^(resource "[^"]+" ")/gm, `$1f${i}_`);
    const file = path.join(folder, `file-${String(i).padStart(4, '0')}.tf`);
    writeFileSync(file, text);
    files.push(file);
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, count = '1000'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/generate-workspace.mjs <dir> [files]');
    process.exit(2);
  }
  const files = writeTerraformWorkspace(dir, Number(count));
  console.log(`${dir}: ${files.length} files`);
}
