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

  it('moves host monitoring and host backup to the customer in both software-delivery modes, for PaaS and SaaS only', () => {
    const expected = { 'cloud-software': 'no', 'cloud-software-managed': 'supporting' } as const;
    for (const mode of ['cloud-software', 'cloud-software-managed'] as const) {
      for (const serviceModel of ['paas', 'saas'] as const) {
        for (const id of ['os.host-monitoring', 'os.host-backup']) {
          const standard = resolveRows(model, serviceModel, 'public-cloud').find((r) => r.id === id);
          assert.deepStrictEqual([standard?.provider.duty, standard?.customer.duty], ['yes', 'no'], `table 3: ${serviceModel} ${id}`);
          const row = resolveRows(model, serviceModel, mode).find((r) => r.id === id);
          assert.deepStrictEqual([row?.provider.duty, row?.customer.duty, row?.customer.origin], [expected[mode], 'yes', 'deployment-mode'], `${mode} ${serviceModel} ${id}`);
          assert.match(row?.modeNote?.en ?? '', /table 3/);
        }
      }
      // In IaaS the rows stay negotiable (table 2): the override is limited to PaaS/SaaS, so a contract's option still decides.
      for (const id of ['os.host-monitoring', 'os.host-backup']) {
        const iaas = resolveRows(model, 'iaas', mode).find((r) => r.id === id);
        assert.deepStrictEqual([iaas?.provider.duty, iaas?.customer.duty, iaas?.modeNote], ['negotiable', 'negotiable', null], `${mode} iaas ${id}`);
      }
    }
  });

  it('marks every deployment-mode change as our reading of the 2024 model, with its source, in both languages', () => {
    let changed = 0;
    for (const mode of ['cloud-software', 'cloud-software-managed'] as const) {
      for (const serviceModel of ['iaas', 'paas', 'saas'] as const) {
        for (const row of resolveRows(model, serviceModel, mode)) {
          const byMode = (['provider', 'customer', 'vendor'] as const).some((party) => row[party].origin === 'deployment-mode');
          if (!byMode && !row.modeNote) continue;
          changed += 1;
          assert.match(row.modeNote?.en ?? '', /^Our reading of the CAICT 2024 model, not its words \(the model has no item tables\): .+ Based on: CAICT/, `${mode} ${serviceModel} ${row.id}`);
          assert.match(row.modeNote?.zh ?? '', /^本工具对《云安全责任共担模型》（2024）的解读，并非其原文（该模型未逐项划分责任）：.+ 依据：《云安全责任共担模型》\(2024\)/, `${mode} ${serviceModel} ${row.id}`);
        }
      }
    }
    assert.ok(changed > 100, `${changed} rows changed by a mode`);
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
