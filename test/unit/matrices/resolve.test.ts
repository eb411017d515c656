import * as assert from 'assert';
import { defaultAssetPaths } from '../../../server/src/assets';
import { loadKnowledge } from '../../../server/src/matrices/loader';
import { customerBearsDuty, resolveRows, responsibilityOf, RowResolver } from '../../../server/src/matrices/resolve';

describe('responsibility resolution', () => {
  const { model } = loadKnowledge(defaultAssetPaths().matricesDir);

  it('leaves the 2020 tables as they are in the public-cloud mode', () => {
    const environment = resolveRows(model, 'iaas', 'public-cloud').find((r) => r.id === 'physical.datacenter-environment');
    assert.deepStrictEqual([environment?.provider.duty, environment?.customer.duty, environment?.provider.origin], ['yes', 'no', 'standard']);
  });

  it('makes the physical infrastructure the customer\'s in cloud-software delivery', () => {
    for (const serviceModel of ['iaas', 'paas', 'saas'] as const) {
      const physical = resolveRows(model, serviceModel, 'cloud-software').filter((r) => r.category.id === 'physical');
      assert.ok(physical.length >= 5);
      for (const row of physical) {
        assert.strictEqual(row.customer.duty, 'yes', `${serviceModel} ${row.id}`);
        assert.strictEqual(row.customer.origin, 'deployment-mode');
        assert.ok(row.modeNote, 'the mode says why');
      }
    }
  });

  it('has the provider support the customer in cloud-software-managed', () => {
    const environment = resolveRows(model, 'iaas', 'cloud-software-managed').find((r) => r.id === 'physical.datacenter-environment');
    assert.deepStrictEqual([environment?.provider.duty, environment?.customer.duty], ['supporting', 'yes']);
  });

  it('summarises who answers for a row', () => {
    const resolver = new RowResolver(model, 'public-cloud');
    const summary = (id: string) => {
      const row = resolver.row('iaas', id);
      assert.ok(row, id);
      return [responsibilityOf(row), customerBearsDuty(row)];
    };
    assert.deepStrictEqual(summary('network.security-group'), ['shared', true]);
    assert.deepStrictEqual(summary('iam.service.credentials'), ['customer', true]);
    assert.deepStrictEqual(summary('physical.datacenter-environment'), ['provider', false]);
    assert.deepStrictEqual(summary('os.host-backup'), ['negotiable', true]);
  });
});
