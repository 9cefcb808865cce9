// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Narrows the audio m-line of an SDP offer to one codec (plus the
// telephone-event format of the same clock rate, RFC 4733 §7), so that a test
// can choose Opus or PCMU. Used on the offers the page sends: the answerer
// may only pick from what the offer lists (RFC 3264 §6.1).

function rtpmaps (lines) {
  const map = new Map();
  for (const line of lines) {
    const m = /^a=rtpmap:(\d+) ([^/]+)\/(\d+)/.exec(line);
    if (m) map.set(m[1], { name: m[2].toLowerCase(), rate: m[3] });
  }
  return map;
}

function payloadOf (line) {
  const m = /^a=(?:rtpmap|fmtp|rtcp-fb):(\d+)[ ]/.exec(line);
  return m ? m[1] : null;
}

function narrowSection (lines, codec) {
  const formats = rtpmaps(lines);
  const chosen = [...formats].filter(([, f]) => f.name === codec);
  if (chosen.length === 0) throw new Error(`offer has no ${codec}`);
  const rates = new Set(chosen.map(([, f]) => f.rate));
  const keep = new Set(chosen.map(([pt]) => pt));
  for (const [pt, f] of formats) {
    if (f.name === 'telephone-event' && rates.has(f.rate)) keep.add(pt);
  }
  return lines.flatMap((line) => {
    if (line.startsWith('m=')) {
      const fields = line.split(' ');
      const pts = fields.slice(3).filter((pt) => keep.has(pt));
      return [[...fields.slice(0, 3), ...pts].join(' ')];
    }
    const pt = payloadOf(line);
    return pt === null || keep.has(pt) ? [line] : [];
  });
}

// codec: an encoding name as in a=rtpmap, e.g. "opus" or "PCMU".
export function onlyAudioCodec (sdp, codec) {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const sections = [[]];
  for (const line of sdp.split(eol)) {
    if (line.startsWith('m=')) sections.push([]);
    sections[sections.length - 1].push(line);
  }
  return sections
    .map((s) => s[0].startsWith('m=audio ') ? narrowSection(s, codec.toLowerCase()) : s)
    .flat()
    .join(eol);
}
