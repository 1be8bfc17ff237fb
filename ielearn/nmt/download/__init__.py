"""Downloads of official archives: fetch over HTTP(S) with checksums and retries, unpack safely,
and fall back from one mirror to the next (stdlib only: no torch, no requests)."""
