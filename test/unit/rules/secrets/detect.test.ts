import * as assert from 'assert';
import { detectSecrets, isPasswordKey, looksLikePlaceholder, shannonEntropy, type SecretKind, type SecretMatch } from '../../../../server/src/rules/secrets/detect';
import { fakePem, fakes, pemArmour, pick, PREFIX, rng, ALNUM, URL_SAFE } from './fake';

type Ctx = Parameters<typeof detectSecrets>[1];

/** Exactly one finding, of `kind`, whose offsets select `secret` inside `value`. Messages never contain values. */
function expectOne(value: string, ctx: Ctx, kind: SecretKind, secret: string, label: string): SecretMatch {
  const found = detectSecrets(value, ctx);
  assert.deepStrictEqual(
    found.map((m) => m.kind),
    [kind],
    `${label}: kinds found`,
  );
  const m = found[0] as SecretMatch;
  assert.ok(value.slice(m.start, m.end) === secret, `${label}: offsets ${m.start}-${m.end} do not select the secret`);
  return m;
}

function expectNone(value: string, ctx: Ctx, label: string): void {
  const kinds = detectSecrets(value, ctx).map((m) => m.kind);
  assert.deepStrictEqual(kinds, [], `${label}: expected no finding`);
}

describe('secret detectors', () => {
  describe('Alibaba Cloud AccessKey ID', () => {
    const f = fakes(1);
    it('finds 24- and 16-character ids as critical, high confidence', () => {
      for (const id of [PREFIX.alibaba + f.alnum(20), PREFIX.alibaba + f.alnum(12)]) {
        const m = expectOne(id, {}, 'alibaba-access-key-id', id, `length ${id.length}`);
        assert.strictEqual(m.severity, 'critical');
        assert.strictEqual(m.confidence, 'high');
      }
    });
    it('rejects other lengths', () => {
      expectNone(PREFIX.alibaba + f.alnum(16), {}, 'length 20');
      expectNone(PREFIX.alibaba + f.alnum(21), {}, 'length 25');
      expectNone(PREFIX.alibaba + f.alnum(8), {}, 'length 12');
    });
    it('rejects low-entropy and placeholder suffixes', () => {
      expectNone(PREFIX.alibaba + 'x'.repeat(16), {}, 'x run');
      expectNone(PREFIX.alibaba + 'ab'.repeat(10), {}, 'ab repeated');
      expectNone(PREFIX.alibaba + 'EXAMPLE' + f.alnum(13), {}, 'EXAMPLE');
    });
    it('is not part of a longer identifier', () => {
      expectNone('X' + PREFIX.alibaba + f.alnum(20), {}, 'letter before');
    });
  });

  describe('Alibaba Cloud STS credentials', () => {
    const f = fakes(2);
    it('finds an STS AccessKey ID as medium severity', () => {
      const id = PREFIX.sts + f.alnum(24) + '7';
      const m = expectOne(`id: ${id}\n`, {}, 'alibaba-sts-access-key-id', id, 'sts id');
      assert.strictEqual(m.severity, 'medium');
    });
    it('ignores STS API names in code (no digits)', () => {
      expectNone(`client.${PREFIX.sts}AssumeRoleWithOIDC(req)`, {}, 'api name');
    });
    it('finds a security token of hundreds of base64 characters as medium severity', () => {
      const token = PREFIX.stsToken + f.b64(400) + '==';
      const m = expectOne(`"SecurityToken": "${token}"`, {}, 'alibaba-sts-token', token, 'sts token');
      assert.strictEqual(m.severity, 'medium');
    });
    it('ignores a short token-like string', () => {
      expectNone(PREFIX.stsToken + f.b64(50), {}, 'short token');
    });
  });

  describe('Tencent Cloud', () => {
    const f = fakes(3);
    it('finds a SecretId anywhere', () => {
      const id = PREFIX.tencent + f.alnum(32);
      const m = expectOne(`secret_id = "${id}"`, {}, 'tencent-secret-id', id, 'secret id');
      assert.strictEqual(m.severity, 'critical');
    });
    it('rejects a SecretId of the wrong length', () => {
      expectNone(PREFIX.tencent + f.alnum(31), {}, '31');
      expectNone(PREFIX.tencent + f.alnum(33), {}, '33');
    });
    it('finds a SecretKey by provider context, high confidence', () => {
      const key = f.alnum(32);
      const m = expectOne(key, { key: 'secret_key', provider: 'tencentcloud' }, 'tencent-secret-key', key, 'provider');
      assert.strictEqual(m.confidence, 'high');
      expectOne(key, { key: 'TENCENTCLOUD_SECRET_KEY' }, 'tencent-secret-key', key, 'env name');
    });
    it('reads a 32-character SecretKey without vendor context as Tencent, medium confidence', () => {
      const key = f.alnum(32);
      const m = expectOne(key, { key: 'SecretKey' }, 'tencent-secret-key', key, 'no vendor');
      assert.strictEqual(m.confidence, 'medium');
    });
    it('needs a key name for a SecretKey', () => {
      expectNone(f.alnum(32), {}, 'no key');
      expectNone(f.alnum(32), { key: 'description', provider: 'tencentcloud' }, 'unrelated key');
    });
  });

  describe('Alibaba Cloud AccessKey secret', () => {
    const f = fakes(4);
    it('finds a 30-character secret under secret-like keys', () => {
      const secret = f.alnum(30);
      for (const key of ['AccessKeySecret', 'access_key_secret', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'alicloud_secret_key']) {
        const m = expectOne(secret, { key }, 'alibaba-access-key-secret', secret, key);
        assert.strictEqual(m.severity, 'critical');
        assert.strictEqual(m.confidence, 'high');
      }
      expectOne(secret, { key: 'secret_key', provider: 'alicloud' }, 'alibaba-access-key-secret', secret, 'provider');
      expectOne(secret, { key: 'provider.alicloud.secret_key' }, 'alibaba-access-key-secret', secret, 'dotted path');
    });
    it('finds it despite surrounding whitespace, with exact offsets', () => {
      const secret = f.alnum(30);
      expectOne(`  ${secret}\n`, { key: 'AccessKeySecret' }, 'alibaba-access-key-secret', secret, 'padded');
    });
    it('does not report a prefix-less secret without context', () => {
      expectNone(f.alnum(30), {}, 'no context');
      expectNone(f.alnum(30), { key: 'name' }, 'unrelated key');
      expectNone(f.alnum(30), { provider: 'alicloud' }, 'provider only');
    });
    it('rejects wrong lengths, low entropy, single-class text and placeholders', () => {
      const ctx = { key: 'secret_key', provider: 'alicloud' };
      expectNone(f.alnum(29), ctx, '29');
      expectNone(f.alnum(31), ctx, '31');
      expectNone('aB1'.repeat(10), ctx, 'low entropy');
      expectNone('thisisnotarealsecretkeyvaluezz', ctx, 'lowercase only');
      for (const v of ['var.secret_key', '${var.secret_key}', 'local.ak_secret', '<your-access-key-secret>', '******', '', 'changeme', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx']) expectNone(v, ctx, `placeholder #${v.length}`);
    });
  });

  describe('Huawei Cloud', () => {
    const f = fakes(5);
    it('finds an AK under the huaweicloud provider or SDK variable', () => {
      const ak = f.upper(20);
      expectOne(ak, { key: 'access_key', provider: 'huaweicloud' }, 'huawei-access-key', ak, 'provider');
      expectOne(ak, { key: 'HUAWEICLOUD_SDK_AK' }, 'huawei-access-key', ak, 'sdk env');
    });
    it('finds an SK under the huaweicloud provider or SDK variable', () => {
      const sk = f.alnum(40);
      const m = expectOne(sk, { key: 'secret_key', provider: 'huaweicloud' }, 'huawei-secret-key', sk, 'provider');
      assert.strictEqual(m.severity, 'critical');
      expectOne(sk, { key: 'HUAWEICLOUD_SDK_SK' }, 'huawei-secret-key', sk, 'sdk env');
    });
    it('needs Huawei context for an AK', () => {
      expectNone(f.upper(20), { key: 'access_key' }, 'no provider');
      expectNone(f.upper(20), { key: 'access_key', provider: 'alicloud' }, 'other provider');
      expectNone(f.upper(19), { key: 'access_key', provider: 'huaweicloud' }, 'wrong length');
      expectNone('${var.hw_sk}', { key: 'HUAWEICLOUD_SDK_SK' }, 'reference');
    });
  });

  describe('AWS', () => {
    const f = fakes(6);
    it('finds a long-lived key id as critical and a session key id as medium', () => {
      const long = PREFIX.awsLong + f.upper(16);
      assert.strictEqual(expectOne(long, {}, 'aws-access-key-id', long, 'AKIA').severity, 'critical');
      const session = PREFIX.awsSession + f.upper(16);
      assert.strictEqual(expectOne(session, {}, 'aws-access-key-id', session, 'ASIA').severity, 'medium');
    });
    it('ignores the documentation example id and secret', () => {
      expectNone(PREFIX.awsLong + 'IOSFODNN7' + 'EXAMPLE', {}, 'doc id');
      expectNone(f.b64(30) + 'EXAMPLE' + 'KEY', { key: 'aws_secret_access_key' }, 'doc secret');
    });
    it('rejects lowercase or short key ids', () => {
      expectNone(PREFIX.awsLong + f.upper(8) + 'abcdefgh', {}, 'lowercase');
      expectNone(PREFIX.awsLong + f.upper(15), {}, 'short');
    });
    it('finds a 40-character secret by context only', () => {
      const secret = f.b64(40);
      expectOne(secret, { key: 'AWS_SECRET_ACCESS_KEY' }, 'aws-secret-access-key', secret, 'env');
      expectOne(secret, { key: 'secret_key', provider: 'aws' }, 'aws-secret-access-key', secret, 'provider');
      expectNone(secret, {}, 'no context');
      expectNone(f.b64(39), { key: 'AWS_SECRET_ACCESS_KEY' }, 'wrong length');
    });
  });

  describe('Azure client secret', () => {
    const next = rng(7);
    const azure = (tail: number): string => pick(next, ALNUM, 3) + '8' + PREFIX.azureMark + pick(next, ALNUM + '_~.-', tail - 1) + pick(next, ALNUM, 1);
    it('finds a secret anywhere, critical', () => {
      const secret = azure(34);
      const m = expectOne(`client_secret: ${secret}\n`, {}, 'azure-client-secret', secret, 'yaml');
      assert.strictEqual(m.severity, 'critical');
      const short = azure(31);
      expectOne(short, {}, 'azure-client-secret', short, '31 tail');
    });
    it('rejects a wrong shape', () => {
      expectNone(pick(next, ALNUM, 3) + 'a' + PREFIX.azureMark + pick(next, ALNUM, 34), {}, 'no digit');
      expectNone(azure(30), {}, 'short tail');
      expectNone(pick(next, ALNUM, 3) + '8' + PREFIX.azureMark + 'x'.repeat(34), {}, 'placeholder tail');
    });
  });

  describe('PEM private keys', () => {
    it('finds a key inside a longer text with offsets of the whole block', () => {
      const pem = fakePem(8);
      const text = `#!/bin/bash\ncat > /root/.ssh/id_rsa <<'EOF'\n${pem}\nEOF\nchmod 600 /root/.ssh/id_rsa\n`;
      const m = expectOne(text, {}, 'private-key', pem, 'heredoc');
      assert.strictEqual(m.severity, 'critical');
    });
    it('finds PKCS#8, OPENSSH, EC and encrypted legacy keys', () => {
      for (const [i, type] of ['', 'OPENSSH', 'EC', 'ENCRYPTED'].entries()) {
        const pem = fakePem(20 + i, type);
        expectOne(pem, {}, 'private-key', pem, type || 'pkcs8');
      }
      const legacy = fakePem(30, 'RSA', 6, ['Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-128-CBC,' + fakes(31).upper(32)]);
      expectOne(legacy, {}, 'private-key', legacy, 'legacy encrypted');
    });
    it('finds a key in an indented YAML block scalar and in still-escaped JSON', () => {
      const pem = fakePem(9);
      const indented = pem.split('\n').join('\n    ');
      expectOne(`key: |\n    ${indented}\n`, {}, 'private-key', indented, 'yaml');
      const escaped = pem.split('\n').join('\\n');
      expectOne(`{"key": "${escaped}\\n"}`, {}, 'private-key', escaped, 'escaped json');
    });
    it('rejects armour without a real body', () => {
      const { begin, end } = pemArmour('RSA');
      for (const body of ['', '...', '<your private key here>', 'x'.repeat(64), fakes(10).b64(20)]) expectNone(`${begin}\n${body}\n${end}`, {}, `body #${body.length}`);
    });
    it('rejects mismatched armour', () => {
      const pem = fakePem(11, 'RSA').replace(/END RSA/, 'END EC');
      expectNone(pem, {}, 'mismatch');
    });
  });

  describe('GCP service-account keys', () => {
    const sa = ['service', 'account'].join('_');
    const keyFile = (pem: string): string =>
      JSON.stringify({ type: sa, project_id: 'demo', private_key_id: fakes(12).alnum(40).toLowerCase(), private_key: pem, client_email: 'x@demo.iam.gserviceaccount.com' }, null, 2);
    it('reports the whole key file once, not the PEM inside it', () => {
      const json = keyFile(fakePem(13, '') + '\n');
      const text = `resource "x" "y" {\n  credentials = <<EOT\n${json}\nEOT\n}`;
      const m = expectOne(text, {}, 'gcp-service-account-key', json, 'key file');
      assert.strictEqual(m.severity, 'critical');
    });
    it('ignores a key file whose private key is redacted', () => {
      const { begin, end } = pemArmour('');
      expectNone(keyFile(`${begin}\nREDACTED\n${end}\n`), {}, 'redacted');
    });
    it('reports only the PEM when the JSON is not a service account', () => {
      const pem = fakePem(14, '');
      const json = JSON.stringify({ type: 'authorized_user', private_key: pem });
      const m = detectSecrets(json, {});
      assert.deepStrictEqual(
        m.map((x) => x.kind),
        ['private-key'],
      );
    });
  });

  describe('passwords', () => {
    const next = rng(15);
    const password = (): string => pick(next, ALNUM, 6) + '@' + pick(next, '0123456789', 3) + '!';
    it('reports any literal under a password key, whatever its entropy', () => {
      const weak = ['Adm', 'in@', '123!'].join('');
      for (const key of ['password', 'MasterUserPassword', 'LoginPassword', 'AccountPassword', 'db_passwd', 'DB_PWD']) {
        const m = expectOne(weak, { key }, 'password', weak, key);
        assert.strictEqual(m.severity, 'high');
      }
      const pw = password();
      expectOne(` ${pw} `, { key: 'Password' }, 'password', pw, 'trimmed');
    });
    it('ignores references, resolves and placeholders', () => {
      for (const v of ['var.db_password', '${var.db_password}', 'random_password.db.result', '{{resolve:secretsmanager:db}}', 'Ref', '!Ref DbPassword', '${DbPassword}', 'changeme', '********', '', '   ', '<password>', 'test', 'dummy', 'true', 'aaaaaaaa', 'data.alicloud_kms_secrets.db.secrets[0].plaintext']) {
        expectNone(v, { key: 'password' }, `value #${v.length}`);
      }
    });
    it('ignores non-password keys', () => {
      expectNone(password(), { key: 'password_policy' }, 'policy');
      expectNone(password(), { key: 'kms_encrypted_password' }, 'kms');
      expectNone(password(), { key: 'name' }, 'name');
    });
  });

  describe('embedded credentials', () => {
    const f = fakes(16);
    it('finds an AccessKey pair in a bash script with exact offsets', () => {
      const id = PREFIX.alibaba + f.alnum(20);
      const secret = f.alnum(30);
      const script = `#!/bin/bash\nset -e\nexport ALIBABA_CLOUD_ACCESS_KEY_ID=${id}\nexport ALIBABA_CLOUD_ACCESS_KEY_SECRET="${secret}"\naliyun ecs DescribeInstances\n`;
      const found = detectSecrets(script, { key: 'user_data', provider: 'alicloud' });
      assert.deepStrictEqual(
        found.map((m) => m.kind),
        ['alibaba-access-key-id', 'alibaba-access-key-secret'],
      );
      assert.ok(script.slice(found[0]?.start, found[0]?.end) === id, 'id offsets');
      assert.ok(script.slice(found[1]?.start, found[1]?.end) === secret, 'secret offsets');
    });
    it('finds AWS keys in a heredoc credentials file', () => {
      const id = PREFIX.awsLong + f.upper(16);
      const secret = f.b64(40);
      const text = `cat > ~/.aws/credentials <<EOF\n[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\nEOF\n`;
      const found = detectSecrets(text, {});
      assert.deepStrictEqual(
        found.map((m) => m.kind),
        ['aws-access-key-id', 'aws-secret-access-key'],
      );
      assert.ok(text.slice(found[1]?.start, found[1]?.end) === secret, 'secret offsets');
    });
    it('finds a password assignment in a script with medium confidence, not a shell reference', () => {
      const pw = f.alnum(12);
      const text = `mysql -u root <<SQL\nSQL\nDB_PASSWORD='${pw}'\nROOT_PASSWORD=$DB_PASSWORD\nADMIN_PASSWORD="$(cat /run/secret)"\n`;
      const m = expectOne(text, {}, 'password', pw, 'script');
      assert.strictEqual(m.confidence, 'medium');
    });
    it('does not read code on the right-hand side of a password assignment as a password', () => {
      const py = 'password = get_password()\nself.password = password\ndb_password: str = load()\nconst PASSWORD_KEY = new Map()\n';
      expectNone(py, {}, 'code');
    });
    it('finds Huawei SDK variables in a script only with their names', () => {
      const ak = f.upper(20);
      const sk = f.alnum(40);
      const text = `HUAWEICLOUD_SDK_AK=${ak}\nHUAWEICLOUD_SDK_SK=${sk}\nOTHER=${f.upper(20)}\n`;
      assert.deepStrictEqual(
        detectSecrets(text, {}).map((m) => m.kind),
        ['huawei-access-key', 'huawei-secret-key'],
      );
    });
    it('reports offsets in UTF-16 units after non-ASCII text', () => {
      const id = PREFIX.tencent + f.alnum(32);
      const text = `# 密钥 🔑 不要提交\nsecret_id: ${id}`;
      expectOne(text, {}, 'tencent-secret-id', id, 'utf16');
    });
    it('returns several findings ordered by position', () => {
      const a = PREFIX.awsLong + f.upper(16);
      const b = PREFIX.alibaba + f.alnum(12);
      const c = fakePem(17);
      const found = detectSecrets(`${c}\n${b} ${a}`, {});
      assert.deepStrictEqual(
        found.map((m) => m.kind),
        ['private-key', 'alibaba-access-key-id', 'aws-access-key-id'],
      );
      assert.ok(found.every((m, i) => i === 0 || (found[i - 1] as SecretMatch).end <= m.start), 'ordered, non-overlapping');
    });
    it('finds nothing in ordinary configuration', () => {
      const hcl = 'resource "alicloud_instance" "web" {\n  instance_name = "web-01"\n  password = var.password\n  user_data = base64encode(local.init)\n  tags = { Owner = "ops" }\n}\n';
      expectNone(hcl, {}, 'hcl');
      expectNone('https://example.com/path?token=${var.t}', {}, 'url');
    });
  });

  describe('isPasswordKey', () => {
    it('accepts password-like names', () => {
      for (const key of ['password', 'Password', 'passwd', 'pwd', 'AccountPassword', 'MasterUserPassword', 'LoginPassword', 'root_password', 'DB_PASS', 'admin-password', 'Properties.Password', 'ssh_passphrase', 'rootpassword']) assert.ok(isPasswordKey(key), key);
    });
    it('rejects settings about passwords', () => {
      for (const key of ['password_policy', 'PasswordResetRequired', 'kms_encrypted_password', 'password_length', 'password_enabled', 'PasswordInherit', 'encrypted_password', 'password_hash', 'bypass', 'compass', 'secret_key', '']) assert.ok(!isPasswordKey(key), key);
    });
  });

  describe('looksLikePlaceholder', () => {
    it('recognises references, placeholders and documentation examples', () => {
      const cases = ['', ' ', 'var.x', '${var.x}', 'local.x', 'module.m.out', 'Ref', '!Ref Param', 'Fn::GetAtt', '${Param}', '{{resolve:ssm:/x}}', '<your-access-key>', 'xxxx', '****', 'changeme', 'EXAMPLE', 'example', 'dummy', 'test', 'Test123', 'your_secret_key', '0000000000', PREFIX.awsLong + 'IOSFODNN7' + 'EXAMPLE', f40() + 'EXAMPLE' + 'KEY', '$HOME', '$(cat x)'];
      for (const v of cases) assert.ok(looksLikePlaceholder(v), `case #${cases.indexOf(v)}`);
    });
    it('does not treat generated values or real-looking passwords as placeholders', () => {
      const f = fakes(18);
      for (const v of [f.alnum(30), f.b64(40), f.upper(20), ['Adm', 'in@', '123!'].join(''), 'Password123!', 'Tr0ub4dor&3']) assert.ok(!looksLikePlaceholder(v), `length ${v.length}`);
    });
    function f40(): string {
      return fakes(19).b64(30);
    }
  });

  describe('shannonEntropy', () => {
    it('measures bits per character', () => {
      assert.strictEqual(shannonEntropy(''), 0);
      assert.strictEqual(shannonEntropy('aaaa'), 0);
      assert.strictEqual(shannonEntropy('abab'), 1);
      assert.strictEqual(shannonEntropy('abcd'), 2);
      assert.ok(shannonEntropy(fakes(20).alnum(40)) > 4);
    });
  });
});

describe('more cloud credentials (formats from the vendors\' documentation)', () => {
  describe('Google Cloud API key', () => {
    const next = rng(77);
    const key = (): string => PREFIX.gcpApiKey + pick(next, URL_SAFE, 35);
    it('finds AIza + 35 URL-safe characters anywhere, as high severity', () => {
      const k = key();
      expectOne(k, {}, 'gcp-api-key', k, 'alone');
      const inUrl = `https://maps.googleapis.com/maps/api/geocode/json?address=x&key=${k}&language=en`;
      const m = expectOne(inUrl, {}, 'gcp-api-key', k, 'in a URL');
      assert.strictEqual(m.severity, 'high');
      expectOne(`GOOGLE_API_KEY=${k}`, {}, 'gcp-api-key', k, 'in an assignment');
    });
    it('rejects other lengths, placeholders, longer tokens and Google\'s documentation example', () => {
      expectNone(PREFIX.gcpApiKey + pick(next, URL_SAFE, 34), {}, '38 characters');
      expectNone(PREFIX.gcpApiKey + pick(next, URL_SAFE, 36), {}, '40 characters');
      expectNone(PREFIX.gcpApiKey + 'x'.repeat(35), {}, 'placeholder');
      expectNone(`my_${key()}`.replace('my_', 'my-'), {}, 'part of a longer token');
      // The example string of https://cloud.google.com/docs/authentication/api-keys, assembled from parts.
      expectNone(['AIzaSyDaGmWKa4JsXZ', '-HjGw7ISLn_3namBGewQe'].join(''), {}, 'documentation example');
    });
  });

  describe('Volcengine AccessKey', () => {
    const next = rng(99);
    const f = fakes(99);
    it('finds AKLT ids anywhere, and secrets ending in == where a Volcengine name or provider says so', () => {
      const id = PREFIX.volcengine + pick(next, URL_SAFE, 43);
      assert.strictEqual(expectOne(id, {}, 'volcengine-access-key-id', id, 'alone').severity, 'critical');
      expectOne(`export VOLC_ACCESSKEY="${id}"`, {}, 'volcengine-access-key-id', id, 'environment variable');
      const secret = f.b64(58) + '==';
      expectOne(`VOLC_SECRETKEY=${secret}`, {}, 'volcengine-secret-access-key', secret, 'environment variable');
      expectOne(secret, { key: 'secret_key', provider: 'volcengine' }, 'volcengine-secret-access-key', secret, 'Terraform provider');
    });
    it('rejects short or placeholder ids and secrets without their == or their context', () => {
      expectNone(PREFIX.volcengine + pick(next, URL_SAFE, 19), {}, 'too short');
      expectNone(PREFIX.volcengine + 'x'.repeat(40), {}, 'placeholder');
      expectNone(`VOLC_SECRETKEY=${f.b64(60)}`, {}, 'no ==');
      expectNone(`${f.b64(58)}==`, {}, 'no context');
    });
  });

  describe('AWS session token', () => {
    const f = fakes(111);
    it('is found by its name (environment, credentials file, STS response), as medium', () => {
      const token = f.b64(356);
      assert.strictEqual(expectOne(`export AWS_SESSION_TOKEN=${token}`, {}, 'aws-session-token', token, 'environment').severity, 'medium');
      expectOne(`aws_session_token = ${token}`, {}, 'aws-session-token', token, 'credentials file');
      expectOne(`{"Credentials": {"SessionToken": "${token}"}}`, {}, 'aws-session-token', token, 'STS JSON');
      expectOne(token, { key: 'aws_session_token' }, 'aws-session-token', token, 'keyed');
    });
    it('needs the name and a token-sized value', () => {
      expectNone(f.b64(356), {}, 'no name');
      expectNone(`AWS_SESSION_TOKEN=${f.b64(60)}`, {}, 'too short');
      expectNone('AWS_SESSION_TOKEN=${{ secrets.AWS_SESSION_TOKEN }}', {}, 'a reference');
    });
  });

  describe('Azure Storage account key', () => {
    const f = fakes(88);
    const accountKey = (): string => f.b64(86) + '==';
    it('finds the key of a connection string, and only the key', () => {
      const k = accountKey();
      const connection = `DefaultEndpointsProtocol=https;AccountName=contoso01;AccountKey=${k};EndpointSuffix=core.windows.net`;
      const m = expectOne(connection, {}, 'azure-storage-account-key', k, 'connection string');
      assert.strictEqual(m.severity, 'critical');
      const k2 = accountKey();
      expectOne(`"AZURE_STORAGE_CONNECTION_STRING": "DefaultEndpointsProtocol=https;AccountName=a;AccountKey = ${k2}"`, {}, 'azure-storage-account-key', k2, 'spaces around =');
    });
    it('finds a bare key where its name says so', () => {
      const k = accountKey();
      expectOne(k, { key: 'storage_account_key' }, 'azure-storage-account-key', k, 'Terraform-style name');
      expectOne(k, { key: 'AccountKey' }, 'azure-storage-account-key', k, 'SDK name');
      expectOne(`export AZURE_STORAGE_KEY=${k}`, {}, 'azure-storage-account-key', k, 'environment variable');
    });
    it('rejects the storage emulator, bare base64 digests without a name, other lengths and placeholders', () => {
      expectNone(`DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${accountKey()};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`, {}, 'emulator');
      expectNone(`"integrity": "sha512-${accountKey()}"`, {}, 'an npm integrity digest');
      expectNone(accountKey(), {}, 'no context');
      expectNone(`AccountKey=${f.b64(85)}==`, {}, '85 characters');
      expectNone(`AccountKey=${'A'.repeat(86)}==`, {}, 'placeholder');
    });
  });
});
