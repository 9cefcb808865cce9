// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Keeps an SDP's transport addresses on 127.0.0.1. Chromium gathers host
// candidates on every interface; the test network rule is that no packet
// goes anywhere but 127.0.0.1, so the page rewrites every SDP it sends:
// candidates (RFC 8839 §5.1) whose connection address is not 127.0.0.1 are
// dropped, and the c= lines, m= ports and a=rtcp attributes (RFC 3605), which
// a peer without ICE would use, are pointed at a loopback candidate.
// Shared by the page (bundled with JsSIP) and the Node tests.

export const LOOPBACK = '127.0.0.1';

// "a=candidate:foundation component transport priority address port typ ..."
export function parseCandidate (line) {
  const fields = line.slice('a=candidate:'.length).split(' ');
  return {
    component: Number(fields[1]),
    transport: fields[2].toLowerCase(),
    address: fields[4],
    port: Number(fields[5]),
  };
}

function splitSections (lines) {
  const sections = [[]];
  for (const line of lines) {
    if (line.startsWith('m=')) sections.push([]);
    sections[sections.length - 1].push(line);
  }
  return sections;
}

function rewriteMediaSection (lines, stats) {
  const kept = [];
  for (const line of lines) {
    if (!line.startsWith('a=candidate:')) continue;
    const candidate = parseCandidate(line);
    if (candidate.address === LOOPBACK) kept.push(candidate);
  }
  const udp = (component) =>
    kept.find((c) => c.transport === 'udp' && c.component === component);
  const rtp = udp(1);
  const rtcpMux = lines.includes('a=rtcp-mux');
  const rtcp = rtcpMux ? rtp : udp(2) || rtp;

  const out = [];
  for (const line of lines) {
    if (line.startsWith('a=candidate:')) {
      if (parseCandidate(line).address === LOOPBACK) {
        out.push(line);
        stats.kept++;
      } else {
        stats.dropped++;
      }
    } else if (line.startsWith('m=')) {
      const fields = line.split(' ');
      // Port 0 rejects the stream (RFC 3264 §6): leave it alone.
      if (rtp && fields[1] !== '0') fields[1] = String(rtp.port);
      out.push(fields.join(' '));
    } else if (line.startsWith('c=')) {
      out.push(`c=IN IP4 ${LOOPBACK}`);
    } else if (line.startsWith('a=rtcp:')) {
      const port = rtcp ? rtcp.port : line.slice('a=rtcp:'.length).split(' ')[0];
      out.push(`a=rtcp:${port} IN IP4 ${LOOPBACK}`);
    } else {
      out.push(line);
    }
  }
  return out;
}

// Returns { sdp, kept, dropped }: the rewritten SDP and how many candidates
// it kept and dropped.
export function loopbackOnly (sdp) {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const trailing = sdp.endsWith(eol);
  const lines = sdp.split(eol);
  if (trailing) lines.pop();
  const [session, ...media] = splitSections(lines);
  const stats = { kept: 0, dropped: 0 };
  const out = session.map((line) =>
    line.startsWith('c=') ? `c=IN IP4 ${LOOPBACK}` : line);
  for (const section of media) out.push(...rewriteMediaSection(section, stats));
  return { sdp: out.join(eol) + (trailing ? eol : ''), ...stats };
}

// Every transport address an SDP announces: candidates, c= lines and
// a=rtcp addresses. The tests assert they are all 127.0.0.1.
export function announcedAddresses (sdp) {
  const addresses = [];
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('a=candidate:')) {
      addresses.push(parseCandidate(line).address);
    } else if (line.startsWith('c=')) {
      addresses.push(line.split(' ')[2]);
    } else if (line.startsWith('a=rtcp:')) {
      const fields = line.split(' ');
      if (fields.length >= 4) addresses.push(fields[3]);
    }
  }
  return addresses;
}
