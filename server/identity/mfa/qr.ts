import "server-only";
import QRCode from "qrcode";

/*
 * The enrolment QR code: the otpauth:// URI (lib/totp.ts otpauthUri) drawn as SVG on the server, so
 * the browser gets an image and no QR library. Error correction M, as authenticator apps scan it
 * from a screen; a one-module quiet zone keeps it compact beside the typed key.
 */
export function otpauthQrSvg(otpauthUri: string): Promise<string> {
  return QRCode.toString(otpauthUri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}
