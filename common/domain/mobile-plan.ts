/**
 * Vietnam's mobile network codes (mã mạng di động): the national numbering plan's current mobile
 * ranges, kept here and nowhere else. A mobile number is 0 + a network code below + 7 digits.
 *
 * Source: Bộ Thông tin và Truyền thông, Quyết định 798/QĐ-BTTTT (25/5/2018), the plan for moving
 * 11-digit subscribers to 10 digits (its conversion table gives the 03x, 05x, 07x and 08x codes
 * below, from 016x, 018x, 0199 and 012x), together with the codes the Ministry had allocated before
 * and has allocated since: 086, 088, 089, 09x, and Vietnamobile's 052, Reddi's (now Wintel) 055,
 * Indochina Telecom's (iTel) 087.
 *
 * Checked on 2026-12-01 against the team's brief and against libphonenumber-js 1.13.16's metadata
 * for VN (the library this table replaces). They agree on every code but these:
 * - 030, 031, 051: matched by libphonenumber's pattern, held by no network in any allocation we
 *   found; refused until the plan assigns them.
 * - 095: in the brief's "090–099" and in libphonenumber, but it was S-Fone's, whose network
 *   closed in 2012, and no network holds it now; refused.
 * - 052, 055, 089, 099: libphonenumber lists only blocks of them (0522/0523/0528, 0559,
 *   0896–0899, 099 without 0992, the old VSAT block moved to 0672 in 2018). A network code is
 *   allocated whole and its numbers are issued block by block; refusing a real subscriber's
 *   number would stop a citizen from registering, so the whole code is accepted.
 * Re-check when the Ministry (now Bộ Khoa học và Công nghệ, Cục Viễn thông) announces a new
 * network code, and change `checked` with the table.
 */
export const mobilePlan = {
  checked: '2026-12-01',
  source: 'Quyết định 798/QĐ-BTTTT (25/5/2018) and later network-code allocations of Bộ TT&TT',
  /** Network code with its leading 0 ("032") → the network it was allocated to. */
  codes: {
    '032': 'Viettel',
    '033': 'Viettel',
    '034': 'Viettel',
    '035': 'Viettel',
    '036': 'Viettel',
    '037': 'Viettel',
    '038': 'Viettel',
    '039': 'Viettel',
    '052': 'Vietnamobile',
    '055': 'Wintel',
    '056': 'Vietnamobile',
    '058': 'Vietnamobile',
    '059': 'Gmobile',
    '070': 'MobiFone',
    '076': 'MobiFone',
    '077': 'MobiFone',
    '078': 'MobiFone',
    '079': 'MobiFone',
    '081': 'VinaPhone',
    '082': 'VinaPhone',
    '083': 'VinaPhone',
    '084': 'VinaPhone',
    '085': 'VinaPhone',
    '086': 'Viettel',
    '087': 'iTel',
    '088': 'VinaPhone',
    '089': 'MobiFone',
    '090': 'MobiFone',
    '091': 'VinaPhone',
    '092': 'Vietnamobile',
    '093': 'MobiFone',
    '094': 'VinaPhone',
    '096': 'Viettel',
    '097': 'Viettel',
    '098': 'Viettel',
    '099': 'Gmobile',
  },
} as const satisfies { checked: string; source: string; codes: Record<string, string> };

export type MobileNetworkCode = keyof typeof mobilePlan.codes;

export function isMobileNetworkCode(code: string): code is MobileNetworkCode {
  return Object.hasOwn(mobilePlan.codes, code);
}
