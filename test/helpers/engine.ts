import { Engine } from '../../server/src/engine';
import { defaultAssetPaths } from '../../server/src/assets';
import { TerraformParser } from '../../server/src/parsers/hcl/terraformParser';

let parser: Promise<TerraformParser> | undefined;
let engine: Promise<Engine> | undefined;

/** One parser for the whole test run: loading the wasm is the slow part. */
export function terraformParser(): Promise<TerraformParser> {
  parser ??= TerraformParser.load(defaultAssetPaths());
  return parser;
}

export function sharedEngine(): Promise<Engine> {
  engine ??= Engine.create();
  return engine;
}
