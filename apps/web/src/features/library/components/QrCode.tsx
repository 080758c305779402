import QRCode from 'qrcode';
import { useMemo } from 'react';

/**
 * A QR code as an SVG drawn from the library's module matrix: no image data and no HTML string
 * (the app's CSP allows neither inline styles nor scripts), and it prints sharp at any size.
 * The quiet zone (4 modules) is part of the picture, as scanners need it.
 */
export function QrCode({
  value,
  label,
  size = 128,
}: {
  value: string;
  label: string;
  size?: number;
}) {
  const { path, extent } = useMemo(() => {
    const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' });
    const quiet = 4;
    let d = '';
    for (let y = 0; y < modules.size; y++)
      for (let x = 0; x < modules.size; x++)
        if (modules.get(y, x)) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
    return { path: d, extent: modules.size + 2 * quiet };
  }, [value]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${extent} ${extent}`}
      shapeRendering="crispEdges"
    >
      <rect width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
