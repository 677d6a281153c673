/** One file (or command line) produced for a real tool from a simulator configuration. */
export interface ExportFile {
  /** Which tool reads it. */
  tool: 'xl' | 'libvirt' | 'docker' | 'oci' | 'mdadm';
  /** A file name to save it under (`debian.cfg`, `debian.xml`, `web.sh`…). */
  name: string;
  /** The text; where the tool's format has comments, what the simulator's model has no equivalent for is said there. */
  text: string;
  /** What has no equivalent in the tool, also listed here (for JSON, which has no comments). */
  notes: string[];
}

/** Quote a value for a POSIX shell (single quotes; a single quote becomes '\''). */
export const shellQuote = (s: string): string =>
  /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;

/** Escape text for an XML attribute or text node. */
export const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** An XML comment may not contain `--`. */
export const xmlComment = (s: string): string => `<!-- ${s.replace(/-{2,}/g, '- -')} -->`;
