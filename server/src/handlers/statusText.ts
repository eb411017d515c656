import { format, pick, type Language } from '../i18n/language';
import type { Text } from '../matrices/types';
import type { ContractStatus, DeploymentModeSetting } from '../protocol/protocol';

/**
 * What the status-bar item says, in the user's language only (the one of the hints and diagnostics). The text
 * is a few characters: the bar is shared with every other extension. The tooltip says the rest in words.
 */

const SHORT_MODE: Record<DeploymentModeSetting, Text> = {
  'public-cloud': { en: 'Cloud service', zh: '云服务' },
  'cloud-software': { en: 'Cloud software', zh: '云软件' },
  'cloud-software-managed': { en: 'Cloud software, managed', zh: '云软件托管' },
};

/** A codicon for the contract's state; none when there is no contract. */
const CONTRACT_ICON: Record<ContractStatus, string> = {
  loaded: ' $(law)',
  untrusted: ' $(lock)',
  invalid: ' $(warning)',
  none: '',
};

const CONTRACT_TOOLTIP: Record<ContractStatus, Text | undefined> = {
  loaded: { en: 'The contract .rlens/contract.yaml is applied.', zh: '已应用合同 .rlens/contract.yaml。' },
  untrusted: { en: 'The contract .rlens/contract.yaml is not loaded: the workspace is not trusted.', zh: '未加载合同 .rlens/contract.yaml：此工作区不受信任。' },
  invalid: { en: 'The contract .rlens/contract.yaml has errors and is not applied; see its problems.', zh: '合同 .rlens/contract.yaml 有错误，未生效；详见该文件中的问题。' },
  none: undefined,
};

const TOOLTIP: Text = { en: 'Responsibility Lens: deployment mode {0}. Click to change.', zh: 'Responsibility Lens：部署模式为{0}。点击切换。' };

export interface StatusText {
  readonly text: string;
  readonly tooltip: string;
}

/** `modeName` is the mode's full name from the data, in `language`. */
export function statusText(mode: DeploymentModeSetting, modeName: string, contract: ContractStatus, dataError: string | undefined, language: Language): StatusText {
  if (dataError) return { text: '$(shield) $(error)', tooltip: dataError };
  const contractTooltip = CONTRACT_TOOLTIP[contract];
  const tooltip = format(pick(TOOLTIP, language), modeName);
  return {
    text: `$(shield) ${pick(SHORT_MODE[mode], language)}${CONTRACT_ICON[contract]}`,
    tooltip: contractTooltip ? `${tooltip}\n${pick(contractTooltip, language)}` : tooltip,
  };
}
