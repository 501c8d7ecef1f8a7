// Solves the waiting room's proof of work off the page's thread: finds a counter whose SHA-256 of
// "<challenge>:<counter>" starts with `difficulty` zero bits (the server's rule, ProofOfWork.cs). WebCrypto digests are
// asynchronous, so a few are kept in flight at once; progress is the chance the answer would have been found by now.
const encoder = new TextEncoder();
const inFlight = 32;

function leadingZeroBits(bytes) {
  let bits = 0;
  for (const b of bytes) {
    if (b === 0) { bits += 8; continue; }
    return bits + Math.clz32(b) - 24;
  }
  return bits;
}

self.onmessage = async ({ data: { challenge, difficulty } }) => {
  const expected = 2 ** difficulty;
  let lastReport = 0;
  for (let base = 0; ; base += inFlight) {
    const hashes = await Promise.all(Array.from({ length: inFlight }, (_, i) =>
      crypto.subtle.digest('SHA-256', encoder.encode(`${challenge}:${base + i}`))));
    const found = hashes.findIndex((hash) => leadingZeroBits(new Uint8Array(hash)) >= difficulty);
    if (found >= 0) {
      self.postMessage({ answer: String(base + found) });
      return;
    }
    const now = Date.now();
    if (now - lastReport > 250) {
      lastReport = now;
      self.postMessage({ progress: 1 - Math.exp(-(base + inFlight) / expected) });
    }
  }
};
