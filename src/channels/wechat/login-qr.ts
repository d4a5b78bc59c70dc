import QRCode from 'qrcode';

/**
 * Shows the login QR code drawn with block characters, for the bot's phone to scan from the
 * terminal, then `caption` (which gives its address, for terminals that cannot draw it). Drawn
 * synchronously (the callback form), so it stays in order with what is printed around it.
 */
export function showLoginQrCode(print: (text: string) => void, qrcode: string, caption: string): void {
  QRCode.toString(qrcode, { type: 'terminal', small: true }, (error, drawn) => {
    if (!error) print(drawn);
  });
  print(caption);
}
