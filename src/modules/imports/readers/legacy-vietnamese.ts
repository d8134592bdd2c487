// Vietnamese text in the encodings older cadastral software wrote (ViLIS, FAMIS, MicroStation
// drawings and their DBF attributes): TCVN3 (ABC, TCVN 5712:1993 "VN3"), VNI-Windows, and
// Windows-1258, besides UTF-8. No library decodes TCVN3 or VNI: the tables are ours
// (verify against a font table when a real delivery disagrees). Decoding works on bytes:
// the DBF reader hands the raw field bytes here.
import iconv from 'iconv-lite';

export const TEXT_ENCODINGS = ['utf8', 'cp1258', 'tcvn3', 'vni'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

// TCVN3 (ABC): one byte per precomposed letter. Capital toned letters have no code of their
// own (the "H" fonts draw the small ones as capitals), so they decode as small letters.
const TCVN3: Record<number, string> = {
  0xa1: 'Ă', 0xa2: 'Â', 0xa3: 'Ê', 0xa4: 'Ô', 0xa5: 'Ơ', 0xa6: 'Ư', 0xa7: 'Đ',
  0xa8: 'ă', 0xa9: 'â', 0xaa: 'ê', 0xab: 'ô', 0xac: 'ơ', 0xad: 'ư', 0xae: 'đ',
  0xb5: 'à', 0xb6: 'ả', 0xb7: 'ã', 0xb8: 'á', 0xb9: 'ạ',
  0xbb: 'ằ', 0xbc: 'ẳ', 0xbd: 'ẵ', 0xbe: 'ắ', 0xc6: 'ặ',
  0xc7: 'ầ', 0xc8: 'ẩ', 0xc9: 'ẫ', 0xca: 'ấ', 0xcb: 'ậ',
  0xcc: 'è', 0xce: 'ẻ', 0xcf: 'ẽ', 0xd0: 'é', 0xd1: 'ẹ',
  0xd2: 'ề', 0xd3: 'ể', 0xd4: 'ễ', 0xd5: 'ế', 0xd6: 'ệ',
  0xd7: 'ì', 0xd8: 'ỉ', 0xdc: 'ĩ', 0xdd: 'í', 0xde: 'ị',
  0xdf: 'ò', 0xe1: 'ỏ', 0xe2: 'õ', 0xe3: 'ó', 0xe4: 'ọ',
  0xe5: 'ồ', 0xe6: 'ổ', 0xe7: 'ỗ', 0xe8: 'ố', 0xe9: 'ộ',
  0xea: 'ờ', 0xeb: 'ở', 0xec: 'ỡ', 0xed: 'ớ', 0xee: 'ợ',
  0xef: 'ù', 0xf1: 'ủ', 0xf2: 'ũ', 0xf3: 'ú', 0xf4: 'ụ',
  0xf5: 'ừ', 0xf6: 'ử', 0xf7: 'ữ', 0xf8: 'ứ', 0xf9: 'ự',
  0xfa: 'ỳ', 0xfb: 'ỷ', 0xfc: 'ỹ', 0xfd: 'ý', 0xfe: 'ỵ',
};

const TCVN3_ENCODE = new Map(Object.entries(TCVN3).map(([byte, ch]) => [ch, Number(byte)]));

// VNI-Windows: a base letter followed by a byte that the VNI fonts draw as its marks.
// Tone marks as combining characters (Unicode NFC composes them afterwards).
const ACUTE = '\u0301', GRAVE = '\u0300', HOOK = '\u0309', TILDE = '\u0303', DOT = '\u0323';
const HAT = '\u0302', BREVE = '\u0306';
/** the mark byte (small; the capital version is byte − 0x20) → the marks it adds */
const VNI_MARKS: Record<number, string> = {
  0xf9: ACUTE, 0xf8: GRAVE, 0xfb: HOOK, 0xf5: TILDE, 0xef: DOT,
  0xe2: HAT, 0xe1: HAT + ACUTE, 0xe0: HAT + GRAVE, 0xe5: HAT + HOOK, 0xe3: HAT + TILDE, 0xe4: HAT + DOT,
  0xea: BREVE, 0xe9: BREVE + ACUTE, 0xe8: BREVE + GRAVE, 0xfa: BREVE + HOOK, 0xfc: BREVE + TILDE, 0xeb: BREVE + DOT,
};
/** letters of one byte (small; capital = byte − 0x20) */
const VNI_LETTERS: Record<number, string> = {
  0xf1: 'đ', 0xf4: 'ơ', 0xf6: 'ư', 0xed: 'í', 0xec: 'ì', 0xe6: 'ỉ', 0xf3: 'ĩ', 0xf2: 'ị', 0xee: 'ỵ',
};
const VOWELS = 'aeiouyơưAEIOUYƠƯ';

function decodeTcvn3(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : (TCVN3[b] ?? String.fromCharCode(b));
  return out;
}

function decodeVni(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    if (b < 0x80) {
      out += String.fromCharCode(b);
      continue;
    }
    const small = b >= 0xe0 ? b : b + 0x20;
    const capital = b < 0xe0;
    const marks = VNI_MARKS[small];
    const last = out.at(-1);
    if (marks && last !== undefined && VOWELS.includes(last)) {
      out += marks;
      continue;
    }
    const letter = VNI_LETTERS[small];
    if (letter) out += capital ? letter.toUpperCase() : letter;
    else out += String.fromCharCode(b); // latin-1 as a last resort
  }
  return out.normalize('NFC');
}

const TONE = /[\u0300\u0301\u0303\u0309\u0323]/;
const sortedMarks = (marks: string) => [...marks].sort().join('');

/** Windows-1258 writes the letter (â, ơ, …) precomposed and the tone as a combining mark. */
function splitTones(text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => {
      const parts = [...ch.normalize('NFD')];
      const tones = parts.filter((p) => TONE.test(p)).join('');
      return parts.filter((p) => !TONE.test(p)).join('').normalize('NFC') + tones;
    })
    .join('');
}

/** Text of the bytes in the encoding, in Unicode NFC. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(bytes).toString('utf8').normalize('NFC');
    case 'cp1258':
      // Windows-1258 composes tones with combining marks: NFC makes them precomposed
      return iconv.decode(Buffer.from(bytes), 'windows-1258').normalize('NFC');
    case 'tcvn3':
      return decodeTcvn3(bytes).normalize('NFC');
    case 'vni':
      return decodeVni(bytes);
  }
}

/** The other way, for fixtures and exports in a legacy encoding (characters without a code become '?'). */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  if (encoding === 'cp1258') return iconv.encode(splitTones(text), 'windows-1258');
  if (encoding === 'tcvn3') {
    return Buffer.from([...text.normalize('NFC')].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : (TCVN3_ENCODE.get(ch) ?? TCVN3_ENCODE.get(ch.toLowerCase()) ?? 0x3f))));
  }
  const bytes: number[] = [];
  for (const ch of text.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80) {
      bytes.push(ch.charCodeAt(0));
      continue;
    }
    const capital = ch !== ch.toLowerCase();
    const lower = ch.toLowerCase();
    const single = Object.entries(VNI_LETTERS).find(([, l]) => l === lower);
    if (single) {
      bytes.push(Number(single[0]) - (capital ? 0x20 : 0));
      continue;
    }
    // base letter (ơ, ư stay whole) and the marks on it
    const parts = [...lower.normalize('NFD')];
    let base = parts[0]!;
    let rest = parts.slice(1).join('');
    if (rest.startsWith('\u031b')) {
      base = base === 'o' ? 'ơ' : 'ư';
      rest = rest.slice(1);
    }
    if (!/^[a-zơư]$/.test(base)) {
      bytes.push(0x3f);
      continue;
    }
    const baseByte = base === 'ơ' ? 0xf4 : base === 'ư' ? 0xf6 : base.charCodeAt(0);
    bytes.push(capital ? (baseByte < 0x80 ? baseByte - 0x20 : baseByte - 0x20) : baseByte);
    if (rest) {
      const mark = Object.entries(VNI_MARKS).find(([, m]) => sortedMarks(m) === sortedMarks(rest));
      bytes.push(mark ? Number(mark[0]) - (capital ? 0x20 : 0) : 0x3f);
    }
  }
  return Buffer.from(bytes);
}

// --- detection -------------------------------------------------------------------------

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const INITIAL = '(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?';
const SYLLABLE = new RegExp(`^${INITIAL}[aăâeêioôơuưy]{1,3}(ng|nh|ch|[cmnpt])?$`);

/** Is the word a plausible Vietnamese syllable: its letters fit, and it bears at most one tone? */
function plausibleSyllable(word: string): boolean {
  const nfd = word.toLowerCase().normalize('NFD');
  if ((nfd.match(TONES)?.length ?? 0) > 1) return false;
  const bare = nfd.replace(TONES, '').normalize('NFC');
  return SYLLABLE.test(bare);
}

/** Share of the non-ASCII words of a text that read as Vietnamese syllables (-1: no such word). */
export function vietnameseScore(text: string): number {
  const words = text.split(/[\s,.;:()\-/_"'0-9]+/).filter((w) => /[^\x00-\x7f]/.test(w));
  if (words.length === 0) return -1;
  return words.filter(plausibleSyllable).length / words.length;
}

/**
 * The encoding of some text fields (their bytes): UTF-8 when every sample is valid UTF-8,
 * else whichever legacy encoding reads the most words as Vietnamese syllables.
 */
export function detectEncoding(samples: Uint8Array[]): TextEncoding {
  const withHigh = samples.filter((s) => s.some((b) => b >= 0x80));
  if (withHigh.length === 0) return 'utf8';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for (const s of withHigh) decoder.decode(s);
    return 'utf8';
  } catch {
    // not UTF-8: one of the legacy encodings
  }
  let best: TextEncoding = 'cp1258';
  let bestScore = -2;
  for (const encoding of ['cp1258', 'tcvn3', 'vni'] as const) {
    const score = vietnameseScore(withHigh.map((s) => decodeText(s, encoding)).join(' '));
    if (score > bestScore) [best, bestScore] = [encoding, score];
  }
  return best;
}
