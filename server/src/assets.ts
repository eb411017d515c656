import * as fs from 'fs';
import * as path from 'path';

/** Files the engine reads at run time: the responsibility data and the parser's wasm. */
export interface AssetPaths {
  readonly matricesDir: string;
  /** docs/rules/<id>.md, linked from diagnostics. */
  readonly ruleDocsDir: string;
  readonly treeSitterWasm: string;
  readonly terraformWasm: string;
}

/**
 * Finds the assets beside the running code: in a bundle (`dist/*.js`) the wasm sits in `dist/wasm/` and the
 * matrices in `../matrices/`; run from source (tests) they come from the repository and node_modules.
 */
export function defaultAssetPaths(from: string = __dirname, env: NodeJS.ProcessEnv = process.env): AssetPaths {
  const root = findUp(from, (dir) => fs.existsSync(path.join(dir, 'matrices', 'model')));
  if (!root) throw new Error(`Responsibility Lens: cannot find the matrices/ folder above ${from}`);
  // RLENS_MATRICES_DIR points at another copy of the data: for tests, and for people editing the matrices.
  const matricesDir = env.RLENS_MATRICES_DIR ? path.resolve(env.RLENS_MATRICES_DIR) : path.join(root, 'matrices');
  const bundled = path.join(root, 'dist', 'wasm');
  if (fs.existsSync(path.join(bundled, 'tree-sitter-terraform.wasm'))) {
    return {
      matricesDir,
      ruleDocsDir: path.join(root, 'docs', 'rules'),
      treeSitterWasm: path.join(bundled, 'tree-sitter.wasm'),
      terraformWasm: path.join(bundled, 'tree-sitter-terraform.wasm'),
    };
  }
  return {
    matricesDir,
    ruleDocsDir: path.join(root, 'docs', 'rules'),
    treeSitterWasm: path.join(root, 'node_modules', 'web-tree-sitter', 'tree-sitter.wasm'),
    terraformWasm: path.join(root, 'node_modules', '@tree-sitter-grammars', 'tree-sitter-hcl', 'tree-sitter-terraform.wasm'),
  };
}

function findUp(start: string, test: (dir: string) => boolean): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (test(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
