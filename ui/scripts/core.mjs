// Asks the core directly through tre-dev-server, as the UI does (`POST /invoke/<command>`):
// what the browser scripts compare the screen with and how they set data up.
export function coreAt(base) {
  return async function core(cmd, args = {}) {
    const res = await fetch(new URL(`invoke/${cmd}`, base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    const body = await res.json();
    if (body.error || !res.ok) throw new Error(`${cmd}: ${body.error?.message ?? res.status}`);
    return body.value;
  };
}
