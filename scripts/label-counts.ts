/**
 * How many mapped settings of matrices/resources/ carry each label, per deployment mode (no contract, each
 * setting's default items, no value). `npx tsx scripts/label-counts.ts` — the figures of issue 9's closing note.
 */
import * as path from 'path';
import { loadKnowledge } from '../server/src/matrices/loader';
import { RowResolver } from '../server/src/matrices/resolve';
import { resolveSetting } from '../server/src/matrices/settingResolve';
import { DEPLOYMENT_MODES } from '../server/src/matrices/types';

const knowledge = loadKnowledge(path.resolve(__dirname, '../matrices'));
const resources = knowledge.resources;
const mappings = [...resources.terraform.values(), ...resources.ros.values(), ...resources.rosParameters.map((p) => p.mapping), ...resources.terraformNamed.map((p) => p.mapping)];
for (const mode of DEPLOYMENT_MODES) {
  const resolver = new RowResolver(knowledge.model, mode);
  const counts = new Map<string, number>();
  for (const mapping of mappings) {
    for (const setting of mapping.settings) {
      const r = resolveSetting({ serviceModel: mapping.serviceModel, items: setting.items, path: setting.path, override: setting.acting ?? null, literals: [] }, knowledge.acting, resolver);
      const label = r ? `${r.label.en} (${r.party})` : 'no row';
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }
  console.log(mode);
  for (const [label, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${label}`);
}
