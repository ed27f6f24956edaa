// Small pieces of user-visible wording shared by the core, the extension and the webview:
// counts with their noun, sizes, and a frame's text made into one line.

/** `1 event`, `2 events`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A size in bytes (or characters, for text) as people read it: `512 bytes`, `3.7 KB`, `512 MB`. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trim((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${trim((bytes / 1024).toFixed(1))} KB`;
  return plural(bytes, 'byte');
}

function trim(fixed: string): string {
  return fixed.endsWith('.0') ? fixed.slice(0, -2) : fixed;
}

/**
 * A frame's text as one line. The server already sends compact JSON, so the text is kept
 * as is; only text with a line break (an imported, pretty-printed recording) is re-encoded,
 * and text that is not JSON keeps its characters with the line breaks escaped.
 */
export function oneLine(raw: string): string {
  if (raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) return raw;
  try {
    return JSON.stringify(JSON.parse(raw));
  } catch {
    return raw.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
  }
}
