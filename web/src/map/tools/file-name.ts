// Names of exported maps: ban-do-<unit>-<date>.<ext>, in plain ASCII so that every
// file system and mail client keeps them (xã Tân Lập → xa-tan-lap).

/** Lower-case ASCII words joined by hyphens; Vietnamese letters lose their marks (đ → d). */
export function asciiSlug(text: string, maxLength = 60): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');
}

export function exportFileName(unitName: string, date: string, extension: 'png' | 'pdf'): string {
  const unit = asciiSlug(unitName) || 'tinh';
  return `ban-do-${unit}-${date}.${extension}`;
}
