import * as assert from 'assert';
import type { Engine, FileAnalysis } from '../../../server/src/engine';
import { sharedEngine } from '../../helpers/engine';

/**
 * Bucket checks that a separate resource may satisfy look across the whole module: a versioning resource in
 * another file of the folder covers the bucket, and the per-resource caches never keep a stale answer.
 */
const MODE = { mode: 'public-cloud' } as const;
const RULE = 'oss-bucket-versioning-disabled';

const BUCKET = 'resource "alicloud_oss_bucket" "data" {\n  bucket = "data-bucket"\n}\n';
const VERSIONING = 'resource "alicloud_oss_bucket_versioning" "data" {\n  bucket = alicloud_oss_bucket.data.bucket\n  status = "Enabled"\n}\n';

function reported(analysis: FileAnalysis): number {
  return analysis.status === 'analysed' ? analysis.findings.filter((f) => f.ruleId === RULE).length : -1;
}

describe('checks another resource of the module may satisfy', () => {
  let engine: Engine;
  before(async () => {
    engine = await sharedEngine();
  });

  it('a versioning resource in another file of the module covers the bucket', () => {
    const companion = [{ file: '/m/versioning.tf', document: engine.parseTerraform(VERSIONING) }];
    assert.strictEqual(reported(engine.analyse('companions:alone', '/m/main.tf', BUCKET, MODE)), 1);
    assert.strictEqual(reported(engine.analyse('companions:module', '/m/main.tf', BUCKET, { ...MODE, module: () => companion })), 0);
    engine.forget('companions:alone');
    engine.forget('companions:module');
  });

  it('follows the module as it changes, for the same unchanged text (nothing cached per resource)', () => {
    const id = 'companions:changing';
    let members = [{ file: '/m/versioning.tf', document: engine.parseTerraform(VERSIONING) }];
    const options = { ...MODE, module: () => members };
    assert.strictEqual(reported(engine.analyse(id, '/m/main.tf', BUCKET, options)), 0);
    members = [];
    assert.strictEqual(reported(engine.analyse(id, '/m/main.tf', BUCKET, options)), 1, 'the versioning file was deleted');
    members = [{ file: '/m/versioning.tf', document: engine.parseTerraform(VERSIONING.replace('alicloud_oss_bucket.data.bucket', 'var.bucket')) }];
    assert.strictEqual(reported(engine.analyse(id, '/m/main.tf', BUCKET, options)), 0, 'a reference that cannot be followed may be this bucket: say nothing');
    engine.forget(id);
  });
});
