// A printable QR label: the QR code of the asset's page, with its code and name underneath, as SVG.
import QRCode from 'qrcode';

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export function assetLabelSvg(url: string, code: string, name: string): string {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const size = modules.size + quiet * 2;
  const cells: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) cells.push(`M${col + quiet} ${row + quiet}h1v1h-1z`);
    }
  }
  const textHeight = 9;
  const height = size + textHeight;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${height}" width="${size * 8}" height="${height * 8}" shape-rendering="crispEdges">`,
    `<title>${escapeXml(url)}</title>`,
    `<rect width="${size}" height="${height}" fill="#fff"/>`,
    `<path d="${cells.join('')}" fill="#000"/>`,
    `<text x="${size / 2}" y="${size + 2}" font-size="3.2" font-family="sans-serif" text-anchor="middle" font-weight="bold">${escapeXml(code)}</text>`,
    `<text x="${size / 2}" y="${size + 6}" font-size="2.8" font-family="sans-serif" text-anchor="middle">${escapeXml(name)}</text>`,
    '</svg>',
  ].join('');
}
