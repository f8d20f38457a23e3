/**
 * The lab's colours in one place. Firms use Tableau 10 (+2); the modes use colours no firm has
 * (white, magenta, cyan) and a dash for the hierarchy, so a chart line is never mistaken for a firm.
 */
export const FIRM_COLOURS = [0x4e79a7, 0xf28e2b, 0x59a14f, 0xe15759, 0xb07aa1, 0x76b7b2, 0xedc948, 0xff9da7, 0x9c755f, 0xbab0ac, 0x8cd17d, 0x86bcb6];

export const hex = (c: number) => `#${c.toString(16).padStart(6, '0')}`;

export const MODE_STYLE: Record<'hierarchical' | 'spontaneous' | 'hybrid', { colour: string; dash: number[] }> = {
  hierarchical: { colour: '#f5f5f5', dash: [7, 4] },
  spontaneous: { colour: '#ff4fd8', dash: [] },
  hybrid: { colour: '#21e6ff', dash: [2, 3] },
};

export function modeStyle(label: string): { colour: string; dash: number[] } {
  return MODE_STYLE[(label.split(':')[0] as keyof typeof MODE_STYLE)] ?? MODE_STYLE.hybrid;
}
