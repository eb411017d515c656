import type { IacFormat, Range, Resource, Setting } from '../../model/types';
import type { CodeRule } from '../run';
import { detectSecrets, isPasswordKey, looksLikePlaceholder, type SecretMatch } from '../secrets/detect';
import { toEvidence } from '../secrets/mask';
import type { Finding, FixPlan, RuleMeta, SecretEvidence } from '../types';
import { secretName } from '../declarative/rule';
import { fill, ruleMeta } from '../meta';
import type { SourceText } from '../source';
import { hclLiteralView, rosLiteralView } from '../secrets/literalView';

/**
 * Credential rules. The headline last-mile mistake is an AccessKey written into a template; these rules find
 * literal keys where they are written, and report them only in masked form.
 */

/** Names of variables and parameters that hold a credential. */
const SENSITIVE_NAME = /(password|passwd|pwd|secret|access_?key|accesskey|token|private_?key|credential)/i;

/** Provider and backend arguments that carry a credential. */
const CREDENTIAL_ARGUMENTS = new Set(['access_key', 'secret_key', 'security_token', 'secret_id', 'token', 'access_key_id', 'access_key_secret']);

function literalString(setting: Setting): string | undefined {
  return setting.value.kind === 'literal' && typeof setting.value.value === 'string' ? setting.value.value : undefined;
}

function evidenceOf(value: string, match: SecretMatch | undefined, fallbackKind: string): SecretEvidence {
  return toEvidence(match ? value.slice(match.start, match.end) : value, match?.kind ?? fallbackKind);
}

/**
 * A credential given a literal default (Terraform `default`, ROS `Default`): reported when the element is known
 * to hold a credential (`sensitive`) or a detector recognises the value. The fix removes the default.
 */
function literalDefault(meta: RuleMeta, resource: Resource, path: string, sensitive: boolean): Finding[] {
  const setting = resource.settings.find((s) => s.path === path);
  const value = setting ? literalString(setting) : undefined;
  if (!setting || value === undefined || value === '' || looksLikePlaceholder(value)) return [];
  const match = detectSecrets(value, { key: resource.name })[0];
  if (!sensitive && !match) return [];
  const secret = evidenceOf(value, match, 'credential');
  return [{
    ruleId: meta.id,
    severity: meta.severity,
    message: fill(meta.message, { value: secret.masked, resource: resource.name }),
    range: setting.valueRange,
    resource,
    secret,
    fixes: [{ kind: 'remove-setting', range: { start: setting.keyRange.start, end: setting.valueRange.end } }],
  }];
}

/**
 * The environment variable each credential argument falls back to when it is not written, as documented:
 * the alicloud provider (https://registry.terraform.io/providers/aliyun/alicloud/latest/docs, "Environment
 * variables": ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY, ALICLOUD_SECURITY_TOKEN, and `profile` with the shared
 * credentials file) and the OSS backend (hashicorp/terraform internal/backend/remote-state/oss/backend.go:
 * `access_key` EnvDefaultFunc ALICLOUD_ACCESS_KEY, `secret_key` ALICLOUD_SECRET_KEY, `security_token`
 * ALICLOUD_SECURITY_TOKEN, and a `profile` argument / ALICLOUD_PROFILE).
 */
const CREDENTIAL_ENVIRONMENT: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'provider:alicloud': { access_key: 'ALICLOUD_ACCESS_KEY', secret_key: 'ALICLOUD_SECRET_KEY', security_token: 'ALICLOUD_SECURITY_TOKEN' },
  'backend:oss': { access_key: 'ALICLOUD_ACCESS_KEY', secret_key: 'ALICLOUD_SECRET_KEY', security_token: 'ALICLOUD_SECURITY_TOKEN' },
};

const providerCredentials: CodeRule = {
  meta: ruleMeta({
    id: 'provider-hardcoded-credentials',
    family: 'credentials',
    severity: 'critical',
    item: 'iam.service.credentials',
    title: { en: 'AccessKey written into the provider or backend block', zh: 'AccessKey 写在 provider 或 backend 配置块中' },
    message: {
      en: 'A literal credential ({value}) is written in {resource}: anyone who can read this file can use your account. Use the environment, a profile or a RAM role instead.',
      zh: '{resource} 中写有明文凭证（{value}）：能读到此文件的人都能使用您的账号。请改用环境变量、配置文件（profile）或 RAM 角色。',
    },
    rationale: {
      en: 'Keeping authentication credentials secret is the customer\'s duty alone (表1 身份认证凭证管理: provider ×, customer ✓). Keys committed to repositories are found by scanners within minutes and usually stay valid for days.',
      zh: '保管身份认证凭证完全是客户的责任（表1 身份认证凭证管理：云服务提供者 ×，云服务客户 ✓）。提交到代码仓库的密钥几分钟内就会被扫描到，且往往数天内仍然有效。',
    },
    remediation: {
      en: 'Delete the attribute and let the provider read ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (or ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY), a `profile`, `assume_role` or `ecs_role_name`; or pass a `sensitive` variable. Rotate the exposed key.',
      zh: '删除该属性，让 provider 从环境变量 ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET（或 ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY）、`profile`、`assume_role` 或 `ecs_role_name` 读取；或改为传入 `sensitive` 变量。并轮换已泄露的密钥。',
    },
    references: ['https://registry.terraform.io/providers/aliyun/alicloud/latest/docs'],
    terraform: ['provider:alicloud', 'backend:oss'],
  }),
  scope: 'resource',
  checkResource(resource: Resource): Finding[] {
    const findings: Finding[] = [];
    if (resource.kind !== 'provider' && resource.kind !== 'backend') return findings;
    for (const setting of resource.settings) {
      const value = literalString(setting);
      if (value === undefined || !CREDENTIAL_ARGUMENTS.has(setting.key) || looksLikePlaceholder(value)) continue;
      const match = detectSecrets(value, { key: setting.key, provider: resource.type })[0];
      const secret = evidenceOf(value, match, 'credential');
      // In the order the message recommends: the environment or a profile first, a variable second. A backend
      // block cannot use variables at all (Terraform refuses them there), so it gets no variable.
      const removal: FixPlan = {
        kind: 'remove-setting',
        range: { start: setting.keyRange.start, end: setting.valueRange.end },
        instead: { environment: CREDENTIAL_ENVIRONMENT[`${resource.kind}:${resource.type}`]?.[setting.key], profile: `${resource.kind}:${resource.type}` in CREDENTIAL_ENVIRONMENT },
      };
      const fixes: FixPlan[] = resource.kind === 'backend' ? [removal] : [removal, { kind: 'extract-secret', range: setting.valueRange, name: secretName(resource, setting.key) }];
      findings.push({
        ruleId: this.meta.id,
        severity: match?.severity === 'medium' ? 'medium' : this.meta.severity,
        message: fill(this.meta.message, { value: secret.masked, resource: `${resource.kind} "${resource.type}"` }),
        range: setting.valueRange,
        resource,
        secret,
        fixes,
      });
    }
    return findings;
  },
};

const variableLiteralDefault: CodeRule = {
  meta: ruleMeta({
    id: 'variable-secret-literal-default',
    family: 'credentials',
    severity: 'high',
    item: 'iam.service.credentials',
    title: { en: 'Credential given a literal default', zh: '凭证变量带有明文默认值' },
    message: {
      en: 'Variable "{resource}" holds a credential and its default is written here ({value}): the secret lives in the repository. Remove the default and supply it at run time.',
      zh: '变量“{resource}”保存凭证，其默认值直接写在这里（{value}）：密钥因此留在代码仓库中。请删除默认值，在运行时提供。',
    },
    rationale: {
      en: 'A default is part of the code: every clone, fork and CI log that prints the plan carries it. Credential management is the customer\'s duty (表1 身份认证凭证管理).',
      zh: '默认值是代码的一部分：每个克隆、分支以及打印执行计划的 CI 日志都会带上它。凭证管理是客户的责任（表1 身份认证凭证管理）。',
    },
    remediation: {
      en: 'Delete `default`, mark the variable `sensitive = true`, and pass the value through TF_VAR_<name>, a secrets manager or KMS (kms_encrypted_password where the resource offers it).',
      zh: '删除 `default`，将变量标记为 `sensitive = true`，通过 TF_VAR_<name>、密钥管理服务或 KMS（资源支持时使用 kms_encrypted_password）传入取值。',
    },
    terraform: ['variable'],
  }),
  scope: 'resource',
  checkResource(resource: Resource): Finding[] {
    // A variable named like a credential, or whose default a detector recognises as one.
    return resource.kind === 'variable' ? literalDefault(this.meta, resource, 'default', SENSITIVE_NAME.test(resource.name)) : [];
  },
};

const variableNotSensitive: CodeRule = {
  meta: ruleMeta({
    id: 'variable-secret-not-sensitive',
    family: 'credentials',
    severity: 'medium',
    item: 'iam.service.credentials',
    title: { en: 'Credential variable not marked sensitive', zh: '凭证变量未标记为 sensitive' },
    message: {
      en: 'Variable "{resource}" looks like a credential but is not `sensitive = true`: Terraform will print it in plans and logs.',
      zh: '变量“{resource}”看起来是凭证，但未设置 `sensitive = true`：Terraform 会在执行计划和日志中打印它。',
    },
    rationale: {
      en: 'Plans and CI logs are widely readable; `sensitive` keeps the value out of them. Protecting credentials is the customer\'s duty (表1 身份认证凭证管理).',
      zh: '执行计划和 CI 日志通常有很多人可以查看；`sensitive` 能让取值不出现在其中。保护凭证是客户的责任（表1 身份认证凭证管理）。',
    },
    remediation: { en: 'Add `sensitive = true` to the variable.', zh: '为该变量添加 `sensitive = true`。' },
    terraform: ['variable'],
  }),
  scope: 'resource',
  checkResource(resource: Resource): Finding[] {
    if (resource.kind !== 'variable' || !SENSITIVE_NAME.test(resource.name)) return [];
    const sensitive = resource.settings.find((s) => s.path === 'sensitive');
    if (sensitive && !(sensitive.value.kind === 'literal' && (sensitive.value.value === false || sensitive.value.value === 'false'))) return [];
    const fixes: FixPlan[] = sensitive
      ? [{ kind: 'set-value', range: sensitive.valueRange, value: true }]
      : [{ kind: 'add-setting', resource, path: 'sensitive', value: true }];
    return [{
      ruleId: this.meta.id,
      severity: this.meta.severity,
      message: fill(this.meta.message, { resource: resource.name }),
      range: sensitive ? sensitive.valueRange : resource.headerRange,
      resource,
      fixes,
    }];
  },
};

/** ROS parameters that hold a credential: by name, or by an AssociationProperty naming a password. */
function isSensitiveParameter(resource: Resource): boolean {
  if (resource.kind !== 'parameter') return false;
  const association = resource.settings.find((s) => s.path === 'AssociationProperty');
  const associationText = association?.value.kind === 'literal' ? String(association.value.value) : '';
  return SENSITIVE_NAME.test(resource.name) || /password|secret/i.test(associationText);
}

const rosParameterNoEcho: CodeRule = {
  meta: ruleMeta({
    id: 'ros-parameter-secret-no-noecho',
    family: 'credentials',
    severity: 'medium',
    item: 'iam.service.credentials',
    title: { en: 'Credential parameter without NoEcho', zh: '凭证参数未设置 NoEcho' },
    message: {
      en: 'Parameter "{resource}" holds a credential but is not `NoEcho: true`: ROS shows its value in the console and API responses.',
      zh: '参数“{resource}”保存凭证，但未设置 `NoEcho: true`：ROS 会在控制台和 API 返回中显示其取值。',
    },
    rationale: {
      en: 'NoEcho makes ROS mask the value wherever it shows the stack. Keeping credentials out of sight is the customer\'s duty (表1 身份认证凭证管理).',
      zh: 'NoEcho 让 ROS 在展示资源栈的所有地方屏蔽该取值。让凭证不被看到是客户的责任（表1 身份认证凭证管理）。',
    },
    remediation: { en: 'Add `NoEcho: true` to the parameter.', zh: '为该参数添加 `NoEcho: true`。' },
    references: ['https://www.alibabacloud.com/help/en/ros/user-guide/parameters'],
    ros: ['Parameters'],
  }),
  scope: 'resource',
  checkResource(resource: Resource): Finding[] {
    if (!isSensitiveParameter(resource)) return [];
    const noEcho = resource.settings.find((s) => s.path === 'NoEcho');
    if (noEcho && noEcho.value.kind === 'literal' && String(noEcho.value.value).toLowerCase() === 'true') return [];
    if (noEcho && noEcho.value.kind !== 'literal') return [];
    const fixes: FixPlan[] = noEcho ? [{ kind: 'set-value', range: noEcho.valueRange, value: true }] : [{ kind: 'add-setting', resource, path: 'NoEcho', value: true }];
    return [{
      ruleId: this.meta.id,
      severity: this.meta.severity,
      message: fill(this.meta.message, { resource: resource.name }),
      range: noEcho ? noEcho.valueRange : resource.headerRange,
      resource,
      fixes,
    }];
  },
};

const rosParameterDefault: CodeRule = {
  meta: ruleMeta({
    id: 'ros-parameter-secret-literal-default',
    family: 'credentials',
    severity: 'high',
    item: 'iam.service.credentials',
    title: { en: 'Credential parameter with a literal Default', zh: '凭证参数带有明文 Default' },
    message: {
      en: 'Parameter "{resource}" holds a credential and its Default is written in the template ({value}). Remove the Default and enter the value when creating the stack.',
      zh: '参数“{resource}”保存凭证，其 Default 直接写在模板中（{value}）。请删除 Default，在创建资源栈时输入取值。',
    },
    rationale: {
      en: 'A Default travels with the template into every repository and console that shows it. Credential management is the customer\'s duty (表1 身份认证凭证管理).',
      zh: 'Default 会随模板进入每个代码仓库和展示它的控制台。凭证管理是客户的责任（表1 身份认证凭证管理）。',
    },
    remediation: {
      en: 'Delete `Default`; keep `NoEcho: true`; for passwords prefer an OOS secret parameter (`{{resolve:secretsmanager…}}`/`ALIYUN::OOS::SecretParameter`).',
      zh: '删除 `Default`，保留 `NoEcho: true`；密码优先使用 OOS 加密参数（`ALIYUN::OOS::SecretParameter`）。',
    },
    ros: ['Parameters'],
  }),
  scope: 'resource',
  checkResource(resource: Resource): Finding[] {
    return isSensitiveParameter(resource) ? literalDefault(this.meta, resource, 'Default', true) : [];
  },
};

const secretInValue: CodeRule = {
  meta: ruleMeta({
    id: 'hardcoded-secret',
    family: 'credentials',
    severity: 'critical',
    item: 'iam.service.credentials',
    title: { en: 'Secret written into the template', zh: '模板中写有密钥' },
    message: {
      en: 'A {resource} is written here in clear ({value}). Move it to a secret store and reference it; rotate it if this file was ever shared.',
      zh: '此处以明文写有{resource}（{value}）。请移到密钥管理服务中并以引用方式使用；如果此文件曾被共享，请轮换该密钥。',
    },
    rationale: {
      en: 'Cloud keys, tokens and private keys in code are the most common and most costly last-mile mistake; the provider cannot protect a key the customer publishes (表1 身份认证凭证管理: customer ✓).',
      zh: '代码中的云密钥、令牌和私钥是最常见、代价最高的“最后一公里”错误；客户自己公开的密钥，云服务商无法保护（表1 身份认证凭证管理：云服务客户 ✓）。',
    },
    remediation: {
      en: 'Replace the value with a variable/parameter reference (Terraform `sensitive` variable, ROS `NoEcho` parameter) or a secret reference, and rotate the credential.',
      zh: '将取值改为变量或参数引用（Terraform `sensitive` 变量、ROS `NoEcho` 参数）或密钥引用，并轮换该凭证。',
    },
    xref: { trivy: ['alibaba-access-key-id'] },
  }),
  scope: 'resource',
  checkResource(resource: Resource, format: IacFormat, source?: SourceText): Finding[] {
    const findings: Finding[] = [];
    // The provider/backend and credential variables and parameters have rules of their own.
    if (resource.kind === 'provider' || resource.kind === 'backend') return findings;
    if ((resource.kind === 'variable' && SENSITIVE_NAME.test(resource.name)) || isSensitiveParameter(resource)) return findings;
    const reported = new Set<string>();
    for (const setting of resource.settings) {
      // A variable's literal default that holds a key is variable-secret-literal-default's finding: one per key.
      if (resource.kind === 'variable' && setting.path === 'default') continue;
      const key = resource.kind === 'tfvars' ? resource.name : setting.key;
      for (const found of secretsOf(setting, key, format, source)) {
        const { match } = found;
        // Literal passwords in known password properties are reported by the password rules; here only
        // where nothing else looks: .tfvars values.
        if (match.kind === 'password' && (resource.kind !== 'tfvars' || !isPasswordKey(key))) continue;
        const where = `${found.range.start.line}:${found.range.start.character}-${found.range.end.line}:${found.range.end.character}`;
        if (reported.has(where)) continue;
        reported.add(where);
        const secret = toEvidence(found.token, match.kind);
        findings.push({
          ruleId: this.meta.id,
          severity: match.severity,
          message: fill(this.meta.message, { value: secret.masked, resource: kindLabel(match.kind) }),
          range: found.range,
          resource,
          secret,
          // Only a whole-value secret can become a reference; one inside a script stays for the user to move.
          fixes: resource.kind === 'resource' && found.wholeValue ? [{ kind: 'extract-secret', range: setting.valueRange, name: secretName(resource, setting.key) }] : [],
        });
      }
    }
    return findings;
  },
};

/** A secret found in a setting: the detector's match, the credential itself (never shown), and where it is written. */
interface FoundSecret {
  readonly match: SecretMatch;
  readonly token: string;
  readonly range: Range;
  /** The secret is the whole literal value (so the value can be replaced by a reference). */
  readonly wholeValue: boolean;
}

/**
 * Every credential this rule reports has a run of at least 16 key-like characters (the shortest is a 16-character
 * AccessKey ID; PEM bodies and service-account keys are longer); expressions are most of a large module's
 * values, and most have no such run, so they are passed over before their literal view is built.
 */
const CANDIDATE = /[A-Za-z0-9+/=._~-]{16}/;

/**
 * Every secret of a setting, each at its own range. A literal is judged on its value; an expression the engine
 * does not evaluate (a Terraform template with interpolations, a function call, a ROS Fn::Sub or other intrinsic)
 * on the literal text written inside it. Without the source text only literal values are judged, at the value.
 */
function secretsOf(setting: Setting, key: string, format: IacFormat, source: SourceText | undefined): FoundSecret[] {
  const value = literalString(setting);
  if (value !== undefined) {
    if (value.length < 8) return [];
    const matches = detectSecrets(value, { key });
    const ranges = source && matches.length > 0 ? rangesInValue(source, setting.valueRange, value, matches) : [];
    return matches.map((match, i) => ({
      match,
      token: value.slice(match.start, match.end),
      range: ranges[i] ?? setting.valueRange,
      wholeValue: match.start === 0 && match.end === value.length,
    }));
  }
  if (!source || (setting.value.kind !== 'reference' && setting.value.kind !== 'unknown')) return [];
  const written = source.slice(setting.valueRange);
  if (!CANDIDATE.test(written.text)) return [];
  const view = format === 'terraform' || format === 'terraform-vars' ? hclLiteralView(written.text) : rosLiteralView(written.text);
  if (!CANDIDATE.test(view)) return [];
  return detectSecrets(view, { key }).map((match) => ({
    match,
    token: written.text.slice(match.start, match.end),
    range: { start: source.positionAt(written.start + match.start), end: source.positionAt(written.start + match.end) },
    wholeValue: false,
  }));
}

/**
 * Where each secret found in a literal's value is written. The value is unescaped (HCL, JSON or YAML escapes,
 * folded lines), so each key is looked for in the written text: its same occurrence (the n-th of that text), or
 * for a multi-line key (PEM) its first and last lines; when neither is found as such, the whole value. Matches
 * come in value order and every token's occurrences are walked forward once, so a value with thousands of keys
 * costs time linear in its length per distinct key, not per key.
 */
function rangesInValue(source: SourceText, valueRange: Range, value: string, matches: readonly SecretMatch[]): Range[] {
  const written = source.slice(valueRange);
  const at = (start: number, end: number): Range => ({ start: source.positionAt(written.start + start), end: source.positionAt(written.start + end) });
  const walkers = new Map<string, OccurrenceWalker>();
  const walker = (token: string): OccurrenceWalker => {
    let w = walkers.get(token);
    if (!w) walkers.set(token, (w = new OccurrenceWalker(token, value, written.text)));
    return w;
  };
  return matches.map((match) => {
    const token = value.slice(match.start, match.end);
    const whole = walker(token).writtenAt(match.start);
    if (whole >= 0) return at(whole, whole + token.length);
    const lines = token.split(/\r?\n/);
    const first = lines[0] ?? '';
    const last = lines[lines.length - 1] ?? '';
    if (lines.length > 1 && first !== '' && last !== '') {
      const start = walker(first).writtenAt(match.start);
      const end = start < 0 ? -1 : written.text.indexOf(last, start + first.length);
      if (end >= 0) return at(start, end + last.length);
    }
    return valueRange;
  });
}

/** Pairs the occurrences of a token in a value with its occurrences in the written text, in order, walking forward. */
class OccurrenceWalker {
  private valueAt = -1;
  private writtenAtIndex = -1;

  constructor(
    private readonly token: string,
    private readonly value: string,
    private readonly written: string,
  ) {}

  /** Where the occurrence of the token that starts at `valueStart` in the value is written; -1 when it is not. */
  writtenAt(valueStart: number): number {
    while (this.valueAt < valueStart) {
      const nextValue = this.value.indexOf(this.token, this.valueAt + 1);
      if (nextValue < 0 || nextValue > valueStart) return -1;
      this.valueAt = nextValue;
      this.writtenAtIndex = this.writtenAtIndex === -2 ? -2 : this.written.indexOf(this.token, this.writtenAtIndex + 1);
      if (this.writtenAtIndex < 0) this.writtenAtIndex = -2;
    }
    return this.valueAt === valueStart && this.writtenAtIndex >= 0 ? this.writtenAtIndex : -1;
  }
}

function kindLabel(kind: string): string {
  return kind.replace(/-/g, ' ');
}

/** A reference to the secret of an AccessKey created in the template. */
const ACCESS_KEY_SECRET_REFERENCE = /(alicloud_ram_access_key\.[\w-]+(\[[^\]]*\])?\.secret\b|AccessKeySecret)/;

const secretToOutput: CodeRule = {
  meta: ruleMeta({
    id: 'access-key-secret-exposed',
    family: 'credentials',
    severity: 'high',
    item: 'iam.service.credentials',
    title: { en: 'AccessKey secret passed to an output or user data', zh: 'AccessKey Secret 被输出或写入 UserData' },
    message: {
      en: 'The secret of an AccessKey created here is passed to {resource}: outputs and user data are readable by far more people than the key should be.',
      zh: '此处创建的 AccessKey 的 Secret 被传给了 {resource}：能读取输出和 UserData 的人远多于应当持有该密钥的人。',
    },
    rationale: {
      en: 'Stack outputs, state files and instance metadata are broadly readable; a long-lived key secret there is a published key. Credential management is the customer\'s duty (表1 身份认证凭证管理).',
      zh: '资源栈输出、状态文件和实例元数据的可读范围都很广；放在其中的长期密钥 Secret 等同于已公开。凭证管理是客户的责任（表1 身份认证凭证管理）。',
    },
    remediation: {
      en: 'Do not output the secret; give workloads a RAM role (instance RAM role, RRSA) instead of a key, or store the key in KMS Secrets Manager.',
      zh: '不要输出 Secret；为工作负载授予 RAM 角色（实例 RAM 角色、RRSA）而非密钥，或将密钥存入 KMS 凭据管家。',
    },
    terraform: ['output', 'alicloud_instance'],
    ros: ['Outputs', 'ALIYUN::ECS::Instance'],
  }),
  scope: 'resource',
  checkResource(resource: Resource): Finding[] {
    const findings: Finding[] = [];
    for (const setting of resource.settings) {
      const text = setting.value.kind === 'reference' || setting.value.kind === 'unknown' ? setting.value.text : '';
      const exposed = resource.kind === 'output' ? /^(value|Value)$/.test(setting.path) : /^(user_data|UserData)$/.test(setting.path);
      if (!exposed || !ACCESS_KEY_SECRET_REFERENCE.test(text)) continue;
      findings.push({
        ruleId: this.meta.id,
        severity: this.meta.severity,
        message: fill(this.meta.message, { resource: resource.kind === 'output' ? `output "${resource.name}"` : `${setting.key} of ${resource.name}` }),
        range: setting.valueRange,
        resource,
        fixes: [],
      });
    }
    return findings;
  },
};

export const CREDENTIAL_RULES: readonly CodeRule[] = [
  providerCredentials,
  variableLiteralDefault,
  variableNotSensitive,
  rosParameterNoEcho,
  rosParameterDefault,
  secretInValue,
  secretToOutput,
];
